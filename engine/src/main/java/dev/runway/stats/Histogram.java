package dev.runway.stats;

/**
 * Counts of a sample in equal-width bins spanning its minimum to its maximum; each bin is
 * {@code [low, high)} except the last, which also holds the maximum.
 */
public record Histogram(double[] lows, double[] highs, long[] counts) {

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
            int b = width > 0 ? (int) ((value - min) / width) : 0;
            counts[Math.min(Math.max(b, 0), bins - 1)]++;
        }
        return new Histogram(lows, highs, counts);
    }

    public int bins() {
        return counts.length;
    }
}
