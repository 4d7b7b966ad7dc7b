package dev.runway.stats;

import dev.runway.model.NonFiniteValueException;
import dev.runway.sim.PathResults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Everything the outputs report about one scenario, computed from all of its simulated paths:
 * per-quarter moments, exact percentiles, breach probabilities and tail means, and the
 * horizon-wide breach timing and injections.
 *
 * @param breachProb            share of paths that breach in any quarter of the horizon (Wilson interval)
 * @param firstBreachP50Quarter the smallest quarter by which half of the breaching paths have
 *                              breached (the lower median of the first-breach quarter); empty if none breach
 * @param injectionProb         share of paths on which any injection fired (Wilson interval)
 * @param injectionMean         mean total injected on those paths; NaN if there are none
 * @param items                 every reported item's quarters, by name, the primary one first (its quarters are
 *                              {@code quarters}); only the primary one when the statistics were streamed
 */
public record ScenarioStatistics(String scenario, int paths, long seed, List<QuarterStatistics> quarters,
        Estimate breachProb, OptionalInt firstBreachP50Quarter, Estimate injectionProb, double injectionMean,
        Histogram terminal, Map<String, List<QuarterStatistics>> items) {

    public ScenarioStatistics {
        quarters = List.copyOf(quarters);
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    /** The confidence of every reported interval. */
    public static final double CONFIDENCE = 0.95;

    /** The percentile levels of quarterly.csv. */
    private static final double[] PERCENTILES = {0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};

    /** The levels of the reported percentiles, P01 to P99 (a copy). */
    public static double[] percentileLevels() {
        return PERCENTILES.clone();
    }

    /** The share of worst paths {@code cvar05} averages, in percent. */
    public static final int TAIL_PERCENT = 5;

    /**
     * Summarizes a scenario's paths. The quarters and the terminal histogram are computed in
     * parallel on {@code pool} (the breach timing meanwhile on the caller's thread); each sums its
     * paths in index order, so the numbers do not depend on the pool.
     *
     * @param items the names of the reported items, the primary one first
     * @throws NonFiniteValueException if some path's reported item overflowed
     */
    public static ScenarioStatistics of(String scenario, long seed, PathResults results, List<String> labels,
            List<String> items, int bins, ForkJoinPool pool) {
        int paths = results.paths();
        int horizon = results.horizon();
        List<List<ForkJoinTask<QuarterStatistics>>> itemTasks = new ArrayList<>();
        for (int r = 0; r < results.items(); r++) {
            List<ForkJoinTask<QuarterStatistics>> quarterTasks = new ArrayList<>(horizon);
            for (int q = 1; q <= horizon; q++) {
                int quarter = q;
                int item = r;
                String name = items.get(r);
                quarterTasks.add(pool.submit(() -> quarter(scenario, name, results, item, quarter,
                        labels.get(quarter - 1))));
            }
            itemTasks.add(quarterTasks);
        }
        ForkJoinTask<Histogram> histogramTask = pool.submit(() -> {
            double[] terminal = results.primaryAt(horizon);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double value : terminal) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            return Histogram.of(terminal, min, max, bins);
        });
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
        long breachedSoFar = 0;
        for (int q = 1; q <= horizon; q++) {
            breachedSoFar += firstBreachCounts[q];
            quarters.add(itemTasks.get(0).get(q - 1).join().withCumBreachProb(share(breachedSoFar, paths)));
        }
        Map<String, List<QuarterStatistics>> itemQuarters = new LinkedHashMap<>();
        itemQuarters.put(items.get(0), quarters);
        for (int r = 1; r < itemTasks.size(); r++) {
            itemQuarters.put(items.get(r), itemTasks.get(r).stream().map(ForkJoinTask::join).toList());
        }
        long breached = paths - firstBreachCounts[0];
        return new ScenarioStatistics(scenario, paths, seed, quarters, share(breached, paths),
                lowerMedianQuarter(firstBreachCounts, breached), share(injections, paths),
                injections > 0 ? injectedSum / injections : Double.NaN, histogramTask.join(), itemQuarters);
    }

    /** A share of paths with its Wilson interval. */
    static Estimate share(long count, long paths) {
        double[] interval = Intervals.wilson(count, paths, CONFIDENCE);
        return new Estimate((double) count / paths, interval[0], interval[1]);
    }

    /** One item's statistics in one quarter, its cumulative breach probability left to be set. */
    private static QuarterStatistics quarter(String scenario, String item, PathResults results, int r, int q,
            String label) {
        double[] cash = results.valueAt(r, q);
        boolean[] inBreach = results.breachAt(q);
        int paths = cash.length;
        long breaches = 0;
        for (int i = 0; i < paths; i++) {
            if (inBreach[i]) {
                breaches++;
            }
        }
        int tailCount = (int) Math.max(1, (TAIL_PERCENT * (long) paths + 99) / 100);
        ExactQuantiles quantiles = ExactQuantiles.of(cash, PERCENTILES, tailCount, CONFIDENCE);
        Estimate[] percentiles = new Estimate[PERCENTILES.length];
        for (int p = 0; p < PERCENTILES.length; p++) {
            percentiles[p] = quantiles.quantile(p);
        }
        Moments moments = Moments.of(cash);
        NonFiniteValueException.requireFinite(moments.mean(), moments.sd(), scenario, item, label);
        double[] meanInterval = Intervals.mean(moments.mean(), moments.sd(), paths, CONFIDENCE);
        return new QuarterStatistics(q, label, new Estimate(moments.mean(), meanInterval[0], meanInterval[1]),
                moments.sd(), percentiles, share(breaches, paths), null, quantiles.tailMean(), quantiles.min(),
                quantiles.max());
    }

    static OptionalInt lowerMedianQuarter(long[] firstBreachCounts, long breached) {
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
