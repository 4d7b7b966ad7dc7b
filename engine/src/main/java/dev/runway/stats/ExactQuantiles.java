package dev.runway.stats;

import java.util.Arrays;

/**
 * Exact percentiles and the lower-tail mean of a column of values without sorting it. One pass
 * finds the range, a second counts the values in 16,384 equal bins, a third collects only the
 * values of the few bins that hold a wanted rank (and sums everything below the tail's last
 * rank); those bins alone are sorted. The answers are the same order statistics a full sort
 * gives — nothing is approximated — at a fraction of the cost.
 *
 * <p>Percentiles interpolate linearly between order statistics (Hyndman and Fan's type 7, the
 * default of R and NumPy): {@code x[h] + (h - floor h)(x[h+1] - x[h])} with {@code h = (n-1) p}.
 * Each comes with a distribution-free confidence interval between two order statistics
 * ({@link Intervals#orderStatisticRanks}). The tail mean is the mean of the {@code tailCount}
 * smallest values.
 */
public final class ExactQuantiles implements Quantiles {
    private static final int BINS = 1 << 14;

    private final Estimate[] quantiles;
    private final double tailMean;
    private final double min;
    private final double max;

    private ExactQuantiles(Estimate[] quantiles, double tailMean, double min, double max) {
        this.quantiles = quantiles;
        this.tailMean = tailMean;
        this.min = min;
        this.max = max;
    }

    /**
     * @param levels     percentile levels in (0, 1)
     * @param tailCount  how many of the smallest values {@link #tailMean} averages, 1..n
     * @param confidence of the percentiles' intervals, e.g. 0.95
     */
    public static ExactQuantiles of(double[] values, double[] levels, int tailCount, double confidence) {
        if (values.length == 0) {
            throw new IllegalArgumentException("need n >= 1 values, found none");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return of(values, levels, Quantiles.ranks(values.length, levels, confidence), tailCount, min, max,
                binCounts(values, min, max));
    }

    /**
     * A column's moments and exact quantiles in three passes over it, not the five that
     * {@link Moments#of} and {@link #of} take one after the other: the sum with the range, then
     * the squared deviations with the bins' counts, then the wanted bins' values. Every sum runs
     * in index order as theirs do, so the numbers are theirs to the bit.
     *
     * @param levelRanks the ranks {@link Quantiles#ranks} gives for this many values: a caller
     *                   summarizing many columns of one length finds them once (each is a binomial
     *                   inverse, dearer than a small column's percentiles)
     */
    static ScenarioStatistics.Column summarize(double[] values, double[] levels, int[] levelRanks, int tailCount) {
        int n = values.length;
        double sum = 0.0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double mean = sum / n;
        double squares = 0.0;
        int[] counts = null;
        if (binnable(min, max)) {
            double scale = BINS / (max - min);
            counts = new int[BINS];
            for (double value : values) {
                double deviation = value - mean;
                squares += deviation * deviation;
                counts[bin(value, min, scale)]++;
            }
        } else {
            squares = Moments.squaredDeviations(values, n, mean);
        }
        return new ScenarioStatistics.Column(Moments.of(mean, squares, n),
                of(values, levels, levelRanks, tailCount, min, max, counts));
    }

    /** Whether the values' range can be cut into bins: finite and not a single point. */
    private static boolean binnable(double min, double max) {
        return Double.isFinite(min) && Double.isFinite(max) && max > min;
    }

    /** How many values fall in each of the range's bins; null when the range cannot be binned. */
    private static int[] binCounts(double[] values, double min, double max) {
        if (!binnable(min, max)) {
            return null;
        }
        double scale = BINS / (max - min);
        int[] counts = new int[BINS];
        for (double value : values) {
            counts[bin(value, min, scale)]++;
        }
        return counts;
    }

    /** The quantiles from the values, their range and their bins' counts (null: found by sorting instead). */
    private static ExactQuantiles of(double[] values, double[] levels, int[] levelRanks, int tailCount, double min,
            double max, int[] counts) {
        int n = values.length;
        if (n == 0 || tailCount < 1 || tailCount > n) {
            throw new IllegalArgumentException("need 1 <= tailCount <= n and n >= 1, found " + tailCount + " of " + n);
        }
        // The percentiles' ranks, then the tail's last rank.
        int[] ranks = Arrays.copyOf(levelRanks, Quantiles.RANKS_PER_LEVEL * levels.length + 1);
        ranks[ranks.length - 1] = tailCount - 1;
        double[] atRank = new double[ranks.length];
        double sumBelowTail = counts != null ? select(values, min, BINS / (max - min), counts, ranks, atRank)
                : selectBySorting(values, ranks, atRank);
        return new ExactQuantiles(Quantiles.interpolate(n, levels, ranks, atRank), sumBelowTail / tailCount, min, max);
    }

    /**
     * Fills {@code atRank[j]} with the value of rank {@code ranks[j]} (0-based) and returns the
     * sum of the values of ranks 0 .. ranks[last], the tail, from the counts of the bins of width
     * {@code 1 / scale} from {@code min}.
     */
    private static double select(double[] values, double min, double scale, int[] counts, int[] ranks,
            double[] atRank) {
        int[] start = new int[BINS + 1];
        for (int b = 0; b < BINS; b++) {
            start[b + 1] = start[b] + counts[b];
        }
        // Which bins hold a wanted rank, each given a slot for its collected values.
        int[] slotOfBin = new int[BINS];
        Arrays.fill(slotOfBin, -1);
        int[] binOfRank = new int[ranks.length];
        int slots = 0;
        for (int j = 0; j < ranks.length; j++) {
            int b = binHolding(start, ranks[j]);
            binOfRank[j] = b;
            if (slotOfBin[b] < 0) {
                slotOfBin[b] = slots++;
            }
        }
        double[][] collected = new double[slots][];
        int[] filled = new int[slots];
        for (int b = 0; b < BINS; b++) {
            if (slotOfBin[b] >= 0) {
                collected[slotOfBin[b]] = new double[counts[b]];
            }
        }
        int tailBin = binOfRank[ranks.length - 1];
        double sumBelow = 0.0;
        for (double value : values) {
            int b = bin(value, min, scale);
            if (b < tailBin) {
                sumBelow += value;
            }
            int slot = slotOfBin[b];
            if (slot >= 0) {
                collected[slot][filled[slot]++] = value;
            }
        }
        for (double[] bucket : collected) {
            Arrays.sort(bucket);
        }
        for (int j = 0; j < ranks.length; j++) {
            int b = binOfRank[j];
            atRank[j] = collected[slotOfBin[b]][ranks[j] - start[b]];
        }
        double[] tailBucket = collected[slotOfBin[tailBin]];
        for (int i = 0; i <= ranks[ranks.length - 1] - start[tailBin]; i++) {
            sumBelow += tailBucket[i];
        }
        return sumBelow;
    }

    private static int bin(double value, double min, double scale) {
        return Math.min((int) ((value - min) * scale), BINS - 1);
    }

    /** The bin b with {@code start[b] <= rank < start[b + 1]}. */
    private static int binHolding(int[] start, int rank) {
        int lo = 0;
        int hi = BINS - 1;
        while (lo < hi) {
            int middle = (lo + hi + 1) >>> 1;
            if (start[middle] <= rank) {
                lo = middle;
            } else {
                hi = middle - 1;
            }
        }
        return lo;
    }

    /** The plain way, for a column that is constant or not finite (where bins cannot be laid out). */
    private static double selectBySorting(double[] values, int[] ranks, double[] atRank) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int j = 0; j < ranks.length; j++) {
            atRank[j] = sorted[ranks[j]];
        }
        double sum = 0.0;
        for (int i = 0; i <= ranks[ranks.length - 1]; i++) {
            sum += sorted[i];
        }
        return sum;
    }

    @Override
    public Estimate quantile(int index) {
        return quantiles[index];
    }

    @Override
    public double tailMean() {
        return tailMean;
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }
}
