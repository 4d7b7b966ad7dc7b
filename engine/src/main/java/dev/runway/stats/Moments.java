package dev.runway.stats;

/** Mean and sample standard deviation, summed in index order so the result never depends on who computed what. */
public record Moments(double mean, double sd) {

    public static Moments of(double[] values) {
        int n = values.length;
        double sum = 0.0;
        for (double value : values) {
            sum += value;
        }
        double mean = sum / n;
        double squares = 0.0;
        for (double value : values) {
            double d = value - mean;
            squares += d * d;
        }
        return new Moments(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0.0);
    }
}
