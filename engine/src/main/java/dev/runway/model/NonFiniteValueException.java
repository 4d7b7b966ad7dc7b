package dev.runway.model;

import java.util.Optional;

/**
 * A value of the model became infinite or undefined on some path: a log of a negative number, a
 * division by zero, or a draw so extreme that the arithmetic overflowed. An input problem,
 * reported to the user with where it happened and, when it could be traced, the input cell most
 * likely responsible, not a result.
 */
public final class NonFiniteValueException extends IllegalStateException {
    private static final long serialVersionUID = 2L;

    private final transient InputError cell;

    public NonFiniteValueException(String message) {
        super(message);
        this.cell = null;
    }

    /** The problem at the input cell most likely responsible; its message says what went wrong where. */
    public NonFiniteValueException(InputError cell) {
        super(cell.toString());
        this.cell = cell;
    }

    /** The problem at the input cell it was traced to, if it was. */
    public Optional<InputError> cell() {
        return Optional.ofNullable(cell);
    }

    /** Throws unless the mean and the standard deviation of a reported item in a quarter are finite numbers. */
    public static void requireFinite(double mean, double sd, String scenario, String item, String label) {
        if (!Double.isFinite(mean) || !Double.isFinite(sd)) {
            throw new NonFiniteValueException("scenario " + scenario + ": the " + (Double.isFinite(mean) ? "spread"
                    : "mean") + " of " + item + " over the paths is not finite in " + label + ": every path's value "
                    + "is finite, but some are so large (beyond about 1e150) that their " + (Double.isFinite(mean)
                    ? "squares overflow" : "sum overflows") + ". The formulas that lead to " + item + " compound "
                    + "an extreme draw (an exp or pow of a wide distribution, say); narrow that distribution or guard "
                    + "the formula (min, max, if).");
        }
    }
}
