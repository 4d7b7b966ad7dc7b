package dev.runway.stats;

/**
 * The distribution of a reported item (cash, for the primary one) at the end of one quarter
 * across all paths, each reported figure with its {@link ScenarioStatistics#CONFIDENCE} interval.
 * The breach probabilities are the scenario's, the same for every item.
 *
 * @param mean          the mean cash, with a normal-approximation interval
 * @param sd            the sample standard deviation
 * @param percentiles   at the levels of {@link ScenarioStatistics#percentileLevels}, with
 *                      order-statistic intervals: exact, or within {@link LogHistogram#RELATIVE_ERROR}
 *                      when streamed
 * @param breachProb    P(cash[q] &lt; min_liquidity), with a Wilson interval
 * @param cumBreachProb P(breach in some quarter &lt;= q), with a Wilson interval
 * @param cvar05        the mean of cash[q] over the worst 5% of paths (the ceil(5% n) lowest)
 * @param min           the lowest cash of any path
 * @param max           the highest
 */
public record QuarterStatistics(int quarter, String label, Estimate mean, double sd, Estimate[] percentiles,
        Estimate breachProb, Estimate cumBreachProb, double cvar05, double min, double max) {

    public QuarterStatistics {
        percentiles = percentiles.clone();
    }

    /** The percentiles, at the levels of {@link ScenarioStatistics#percentileLevels} (a copy). */
    @Override
    public Estimate[] percentiles() {
        return percentiles.clone();
    }

    /** The percentile at {@code level}, one of {@link ScenarioStatistics#percentileLevels}. */
    public Estimate percentile(double level) {
        double[] levels = ScenarioStatistics.percentileLevels();
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == level) {
                return percentiles[i];
            }
        }
        throw new IllegalArgumentException("no percentile at level " + level);
    }
}
