package dev.runway.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A mergeable histogram of doubles with log-linear buckets, for percentiles of more paths than
 * memory can hold. A value's bucket is read straight from its bits: the sign, the binary exponent
 * and the top {@link #MANTISSA_BITS} bits of the mantissa, so every bucket spans at most 2^-10 of
 * its values' magnitude, and a bucket's midpoint is within {@link #RELATIVE_ERROR} (2^-11, 0.049%)
 * of any value in it. Magnitudes below {@link #FLOOR} share one bucket at zero (error below
 * FLOOR); above {@link #CEILING} they share the outermost bucket (the engine's money never gets
 * there). Counts are integers, so histograms merge exactly, in any order — the streaming
 * statistics are the same whatever thread filled which.
 */
public final class LogHistogram implements Serializable {
    private static final long serialVersionUID = 1L;

    static final int MANTISSA_BITS = 10;
    /** 2^-7 JPY bn, about 8 million yen: magnitudes below share the bucket at zero. */
    public static final double FLOOR = 0x1p-7;
    /** 2^41 JPY bn: magnitudes above share the outermost bucket. */
    public static final double CEILING = 0x1p41;
    /** The most a bucket's midpoint can differ from a value in it, relative to the value. */
    public static final double RELATIVE_ERROR = 0x1p-11;

    private static final int SHIFT = 52 - MANTISSA_BITS;
    private static final long FIRST = Double.doubleToRawLongBits(FLOOR) >>> SHIFT;
    private static final long LAST = Double.doubleToRawLongBits(CEILING) >>> SHIFT;
    /** Buckets per sign; index 0 of a side is its first bucket at or above FLOOR. */
    private static final int SIDE = (int) (LAST - FIRST + 1);
    /** Layout: negative side (largest magnitude first), the zero bucket, positive side. */
    static final int BUCKETS = 2 * SIDE + 1;
    private static final int ZERO = SIDE;
    /** The heap one histogram takes, about 770 KB: its counts and a few fields. */
    public static final long BYTES = 8L * BUCKETS + 64;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Counts a finite value. */
    public void add(double value) {
        counts[bucket(value)]++;
        total++;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    /** Adds another histogram's counts to this one. */
    public void merge(LogHistogram other) {
        for (int b = 0; b < BUCKETS; b++) {
            counts[b] += other.counts[b];
        }
        total += other.total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    static int bucket(double value) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= FLOOR)) {
            return ZERO;
        }
        long position = Math.min(Double.doubleToRawLongBits(magnitude) >>> SHIFT, LAST) - FIRST;
        return value > 0 ? ZERO + 1 + (int) position : ZERO - 1 - (int) position;
    }

    /** The midpoint of a bucket: the value the histogram reports for everything in it. */
    static double midpoint(int bucket) {
        if (bucket == ZERO) {
            return 0.0;
        }
        long position = bucket > ZERO ? bucket - ZERO - 1 : ZERO - 1 - bucket;
        double low = Double.longBitsToDouble((position + FIRST) << SHIFT);
        double high = Double.longBitsToDouble((position + FIRST + 1) << SHIFT);
        double middle = 0.5 * (low + high);
        return bucket > ZERO ? middle : -middle;
    }

    public long total() {
        return total;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** The value of 0-based rank {@code rank} in sorted order, to within the bucket error; the exact min and max at the ends. */
    public double atRank(long rank) {
        if (rank < 0 || rank >= total) {
            throw new IllegalArgumentException("rank " + rank + " outside 0.." + (total - 1));
        }
        if (rank == 0) {
            return min;
        }
        if (rank == total - 1) {
            return max;
        }
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen > rank) {
                return Math.min(Math.max(midpoint(b), min), max);
            }
        }
        throw new AssertionError("counts add up to the total");
    }

    /**
     * The percentiles at {@code levels}, with their intervals at {@code confidence}, the mean of
     * the {@code tailCount} smallest values and the range: the exact ones' order statistics, each
     * read to within its bucket.
     */
    Quantiles quantiles(double[] levels, long tailCount, double confidence) {
        int[] ranks = Quantiles.ranks(total, levels, confidence);
        double[] values = new double[ranks.length];
        for (int j = 0; j < ranks.length; j++) {
            values[j] = atRank(ranks[j]);
        }
        return new Quantiles.Found(Quantiles.interpolate(total, levels, ranks, values), lowerTailMean(tailCount), min,
                max);
    }

    /** The mean of the {@code count} smallest values, each at its bucket's midpoint (the exact min for the smallest). */
    public double lowerTailMean(long count) {
        double sum = 0.0;
        long taken = 0;
        for (int b = 0; b < BUCKETS && taken < count; b++) {
            long take = Math.min(counts[b], count - taken);
            sum += take * Math.min(Math.max(midpoint(b), min), max);
            taken += take;
        }
        return sum / count;
    }

    /**
     * Counts in {@code bins} equal-width bins from the exact min to the exact max, each bucket
     * placed by its midpoint (so a value within a bucket's width of a bin edge may be counted in
     * the neighbouring bin).
     */
    public Histogram histogram(int bins) {
        double[] lows = new double[bins];
        double[] highs = new double[bins];
        long[] binCounts = new long[bins];
        double width = (max - min) / bins;
        for (int k = 0; k < bins; k++) {
            lows[k] = min + k * width;
            highs[k] = k == bins - 1 ? max : min + (k + 1) * width;
        }
        for (int b = 0; b < BUCKETS; b++) {
            if (counts[b] > 0) {
                double at = Math.min(Math.max(midpoint(b), min), max);
                int k = width > 0 ? Math.min((int) ((at - min) / width), bins - 1) : 0;
                binCounts[k] += counts[b];
            }
        }
        return new Histogram(lows, highs, binCounts);
    }
}
