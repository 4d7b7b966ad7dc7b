package dev.runway.stats;

/**
 * Counts of a sample in equal-width bins spanning its minimum to its maximum; each bin is
 * {@code [low, high)} except the last, which also holds the maximum.
 */
public record Histogram(double[] lows, double[] highs, long[] counts) {
    public Histogram {
        if (lows.length != counts.length || highs.length != counts.length) {
            throw new IllegalArgumentException("a histogram needs a low, a high and a count per bin");
        }
        lows = lows.clone();
        highs = highs.clone();
        counts = counts.clone();
    }

    public static Histogram of(double[] values, double min, double max, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, found " + bins);
        }
        double[] lows = new double[bins];
        double[] highs = new double[bins];
        long[] counts = new long[bins];
        double width = (max - min) / bins;
        for (int b = 0; b < bins; b++) {
            lows[b] = min + b * width;
            highs[b] = b == bins - 1 ? max : min + (b + 1) * width;
        }
        for (double value : values) {
            counts[bin(value, lows, min, width)]++;
        }
        return new Histogram(lows, highs, counts);
    }

    /** The bin whose reported {@code [low, high)} holds the value; the division's rounding is corrected against the edges. */
    private static int bin(double value, double[] lows, double min, double width) {
        if (!(width > 0)) {
            return 0;
        }
        int last = lows.length - 1;
        int b = Math.min(Math.max((int) ((value - min) / width), 0), last);
        while (b < last && value >= lows[b + 1]) {
            b++;
        }
        while (b > 0 && value < lows[b]) {
            b--;
        }
        return b;
    }

    public int bins() {
        return counts.length;
    }

    /** The bins' lower edges (a copy). */
    @Override
    public double[] lows() {
        return lows.clone();
    }

    /** The bins' upper edges (a copy). */
    @Override
    public double[] highs() {
        return highs.clone();
    }

    /** The bins' counts (a copy). */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    public double low(int bin) {
        return lows[bin];
    }

    public double high(int bin) {
        return highs[bin];
    }

    public long count(int bin) {
        return counts[bin];
    }
}
