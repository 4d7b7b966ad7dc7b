package dev.runway.stats;

import dev.runway.sim.PathResults;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Everything the outputs report about one scenario, computed from all of its simulated paths:
 * per-quarter moments, exact percentiles, breach probabilities and tail means, and the
 * horizon-wide breach timing and injections.
 *
 * @param breachProb            share of paths that breach in any quarter of the horizon
 * @param firstBreachP50Quarter the smallest quarter by which half of the breaching paths have
 *                              breached (the lower median of the first-breach quarter); empty if none breach
 * @param injectionProb         share of paths on which any injection fired
 * @param injectionMean         mean total injected on those paths; NaN if there are none
 */
public record ScenarioStatistics(String scenario, int paths, long seed, List<QuarterStatistics> quarters,
        double breachProb, OptionalInt firstBreachP50Quarter, double injectionProb, double injectionMean,
        Histogram terminal) {

    /** The percentile levels of quarterly.csv. */
    public static final double[] PERCENTILES = {0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};

    public static ScenarioStatistics of(String scenario, long seed, PathResults results, List<String> labels,
            int bins) {
        int paths = results.paths();
        int horizon = results.horizon();
        long[] firstBreachCounts = new long[horizon + 1];
        long injections = 0;
        double injectedSum = 0.0;
        for (int i = 0; i < paths; i++) {
            firstBreachCounts[results.firstBreach(i)]++;
            if (results.injectionFired(i)) {
                injections++;
                injectedSum += results.injected(i);
            }
        }
        List<QuarterStatistics> quarters = new ArrayList<>(horizon);
        Histogram terminal = null;
        long breachedSoFar = 0;
        for (int q = 1; q <= horizon; q++) {
            double[] cash = results.cashAt(q);
            long breaches = 0;
            for (int i = 0; i < paths; i++) {
                if (cash[i] < results.minLiquidity(i)) {
                    breaches++;
                }
            }
            breachedSoFar += firstBreachCounts[q];
            SortedSample sorted = SortedSample.of(cash);
            double[] percentiles = new double[PERCENTILES.length];
            for (int p = 0; p < PERCENTILES.length; p++) {
                percentiles[p] = sorted.quantile(PERCENTILES[p]);
            }
            Moments moments = Moments.of(cash);
            quarters.add(new QuarterStatistics(q, labels.get(q - 1), moments.mean(), moments.sd(), percentiles,
                    (double) breaches / paths, (double) breachedSoFar / paths, sorted.lowerTailMean(0.05)));
            if (q == horizon) {
                terminal = Histogram.of(cash, sorted.min(), sorted.max(), bins);
            }
        }
        long breached = paths - firstBreachCounts[0];
        return new ScenarioStatistics(scenario, paths, seed, quarters, (double) breached / paths,
                lowerMedianQuarter(firstBreachCounts, breached), (double) injections / paths,
                injections > 0 ? injectedSum / injections : Double.NaN, terminal);
    }

    private static OptionalInt lowerMedianQuarter(long[] firstBreachCounts, long breached) {
        long cumulative = 0;
        for (int q = 1; q < firstBreachCounts.length; q++) {
            cumulative += firstBreachCounts[q];
            if (breached > 0 && 2 * cumulative >= breached) {
                return OptionalInt.of(q);
            }
        }
        return OptionalInt.empty();
    }

    public QuarterStatistics terminalQuarter() {
        return quarters.get(quarters.size() - 1);
    }
}
