package dev.runway.stats;

/**
 * The distribution of cash at the end of one quarter across all paths.
 *
 * @param percentiles  at the levels of {@link ScenarioStatistics#PERCENTILES}, exact
 * @param breachProb   P(cash[q] &lt; min_liquidity)
 * @param cumBreachProb P(breach in some quarter &lt;= q)
 * @param cvar05       the mean of cash[q] over the worst 5% of paths (the ceil(5% n) lowest)
 * @param min          the lowest cash of any path
 * @param max          the highest
 */
public record QuarterStatistics(int quarter, String label, double mean, double sd, double[] percentiles,
        double breachProb, double cumBreachProb, double cvar05, double min, double max) {

    /** The same quarter with its cumulative breach probability, which needs every path's first breach. */
    QuarterStatistics withCumBreachProb(double cumulative) {
        return new QuarterStatistics(quarter, label, mean, sd, percentiles, breachProb, cumulative, cvar05, min, max);
    }

    /** The percentile at {@code level}, one of {@link ScenarioStatistics#PERCENTILES}. */
    public double percentile(double level) {
        for (int i = 0; i < ScenarioStatistics.PERCENTILES.length; i++) {
            if (ScenarioStatistics.PERCENTILES[i] == level) {
                return percentiles[i];
            }
        }
        throw new IllegalArgumentException("no percentile at level " + level);
    }
}
