package dev.runway.stats;

import java.util.Arrays;

/**
 * The reference the engine's {@link ExactQuantiles} is checked against: a sample sorted in full,
 * from which exact order-statistic quantities are read: percentiles by
 * linear interpolation between order statistics (Hyndman and Fan's type 7, the default of R
 * and NumPy) and the mean of the lower tail.
 */
final class SortedSample {
    private final double[] sorted;

    private SortedSample(double[] sorted) {
        this.sorted = sorted;
    }

    /** Sorts a copy of the values; the argument is not changed. */
    public static SortedSample of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new SortedSample(copy);
    }

    public int size() {
        return sorted.length;
    }

    /** The value of 0-based rank {@code rank}. */
    public double atRank(int rank) {
        return sorted[rank];
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    /** The p-quantile, {@code 0 <= p <= 1}: {@code x[h] + (h - floor h)(x[h+1] - x[h])} with {@code h = (n - 1) p}. */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], found " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** The mean of the {@code ceil(fraction * n)} smallest values (at least one): the lower-tail CVaR. */
    public double lowerTailMean(double fraction) {
        int count = Math.max(1, (int) Math.ceil(fraction * sorted.length));
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            sum += sorted[i];
        }
        return sum / count;
    }
}
