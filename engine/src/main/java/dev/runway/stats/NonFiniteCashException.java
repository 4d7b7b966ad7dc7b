package dev.runway.stats;

/**
 * Cash became infinite or undefined on some path: a driver drew a value so extreme that the
 * model's arithmetic overflowed (exp of a huge volume index, say). An input problem, reported to
 * the user, not a result.
 */
public final class NonFiniteCashException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NonFiniteCashException(String message) {
        super(message);
    }

    /** Throws unless the mean cash of a quarter is a finite number. */
    static void requireFinite(double mean, String scenario, String label) {
        if (!Double.isFinite(mean)) {
            throw new NonFiniteCashException("scenario " + scenario + ": cash is infinite or undefined on some paths by "
                    + label + ". A driver drew an extreme value (a Student's t with few degrees of freedom for "
                    + "volume_trend, say, makes the volume index overflow); narrow that driver's distribution.");
        }
    }
}
