package dev.runway.stats;

/**
 * The distribution of cash at the end of one quarter across all paths, each reported figure
 * with its {@link ScenarioStatistics#CONFIDENCE} interval.
 *
 * @param mean          the mean cash, with a normal-approximation interval
 * @param sd            the sample standard deviation
 * @param percentiles   at the levels of {@link ScenarioStatistics#percentileLevels}, exact, with
 *                      order-statistic intervals
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

    /** The same quarter with its cumulative breach probability, which needs every path's first breach. */
    QuarterStatistics withCumBreachProb(Estimate cumulative) {
        return new QuarterStatistics(quarter, label, mean, sd, percentiles, breachProb, cumulative, cvar05, min, max);
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
