package dev.runway.stats;

/** A reported statistic with its confidence interval: {@code low <= value <= high} (up to rounding). */
public record Estimate(double value, double low, double high) {

    /** Half the interval's width: how far the estimate may be from the truth, at the stated confidence. */
    public double halfWidth() {
        return 0.5 * (high - low);
    }
}
