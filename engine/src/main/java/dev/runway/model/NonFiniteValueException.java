package dev.runway.model;

/**
 * A value of the model became infinite or undefined on some path: a log of a negative number, a
 * division by zero, or a driver drawn so extreme that the arithmetic overflowed. An input problem,
 * reported to the user with where it happened, not a result.
 */
public final class NonFiniteValueException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NonFiniteValueException(String message) {
        super(message);
    }

    /** Throws unless the mean of a reported item in a quarter is a finite number. */
    public static void requireFinite(double mean, String scenario, String item, String label) {
        if (!Double.isFinite(mean)) {
            throw new NonFiniteValueException("scenario " + scenario + ": " + item + " is infinite or undefined on "
                    + "some paths by " + label + ". A driver or series drew an extreme value (a Student's t with few "
                    + "degrees of freedom in an exponent, say); narrow that distribution.");
        }
    }
}
