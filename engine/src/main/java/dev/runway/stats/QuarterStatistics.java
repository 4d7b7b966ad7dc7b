package dev.runway.stats;

/**
 * The distribution of cash at the end of one quarter across all paths, each reported figure
 * with its {@link ScenarioStatistics#CONFIDENCE} interval.
 *
 * @param mean          the mean cash, with a normal-approximation interval
 * @param sd            the sample standard deviation
 * @param percentiles   at the levels of {@link ScenarioStatistics#PERCENTILES}, exact, with
 *                      order-statistic intervals
 * @param breachProb    P(cash[q] &lt; min_liquidity), with a Wilson interval
 * @param cumBreachProb P(breach in some quarter &lt;= q), with a Wilson interval
 * @param cvar05        the mean of cash[q] over the worst 5% of paths (the ceil(5% n) lowest)
 * @param min           the lowest cash of any path
 * @param max           the highest
 */
public record QuarterStatistics(int quarter, String label, Estimate mean, double sd, Estimate[] percentiles,
        Estimate breachProb, Estimate cumBreachProb, double cvar05, double min, double max) {

    /** The same quarter with its cumulative breach probability, which needs every path's first breach. */
    QuarterStatistics withCumBreachProb(Estimate cumulative) {
        return new QuarterStatistics(quarter, label, mean, sd, percentiles, breachProb, cumulative, cvar05, min, max);
    }

    /** The percentile at {@code level}, one of {@link ScenarioStatistics#PERCENTILES}. */
    public Estimate percentile(double level) {
        for (int i = 0; i < ScenarioStatistics.PERCENTILES.length; i++) {
            if (ScenarioStatistics.PERCENTILES[i] == level) {
                return percentiles[i];
            }
        }
        throw new IllegalArgumentException("no percentile at level " + level);
    }
}
