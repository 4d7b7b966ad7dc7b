package dev.runway.fit;

/**
 * The ends of the bounded families when the user fixes them ({@code --support MIN,MAX}): the
 * uniform, triangular, PERT and beta are then fitted on {@code [min, max]}, and only their shape
 * is estimated.
 */
public record Support(double min, double max) {
    public Support {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("a support needs finite ends, min below max: " + min + ", " + max);
        }
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
