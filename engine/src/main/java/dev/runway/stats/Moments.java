package dev.runway.stats;

/**
 * Mean and sample standard deviation, summed in index order so the result never depends on who
 * computed what. Exact statistics take them from a whole column; streaming ones sum each block
 * the same way ({@link #sum}, {@link #squaredDeviations}) and combine the blocks in block order.
 */
public record Moments(double mean, double sd) {

    public static Moments of(double[] values) {
        int n = values.length;
        double mean = sum(values, n) / n;
        return of(mean, squaredDeviations(values, n, mean), n);
    }

    /** From the mean of {@code n} values and the sum of their squared deviations from it. */
    static Moments of(double mean, double squaredDeviations, long n) {
        return new Moments(mean, n > 1 ? Math.sqrt(squaredDeviations / (n - 1)) : 0.0);
    }

    /** The sum of the first {@code n} values, in index order. */
    static double sum(double[] values, int n) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum;
    }

    /** The sum of the squared deviations of the first {@code n} values from {@code mean}, in index order. */
    static double squaredDeviations(double[] values, int n, double mean) {
        double squares = 0.0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        return squares;
    }
}
