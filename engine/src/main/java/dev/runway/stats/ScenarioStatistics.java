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
 * per-quarter moments, percentiles, breach probabilities and tail means, and the horizon-wide
 * breach timing and injections. Exact statistics ({@link #of}) and streamed ones
 * ({@link StreamingStatistics#finish}) gather their columns and counts each their own way, and
 * {@link #assemble} turns either into these.
 *
 * @param breachProb            share of paths that breach in any quarter of the horizon (Wilson interval)
 * @param firstBreachP50Quarter the smallest quarter by which half of the breaching paths have
 *                              breached (the lower median of the first-breach quarter); empty if none breach
 * @param injectionProb         share of paths on which any injection fired (Wilson interval)
 * @param injectionMean         mean total injected on those paths; NaN if there are none
 * @param items                 every reported item's quarters, by name, the primary one first (its quarters are
 *                              {@code quarters})
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
     * parallel on {@code pool} (the counts meanwhile on the caller's thread); each sums its
     * paths in index order, so the numbers do not depend on the pool.
     *
     * @param items the names of the reported items, the primary one first
     * @throws NonFiniteValueException if some path's reported item overflowed
     */
    public static ScenarioStatistics of(String scenario, long seed, PathResults results, List<String> labels,
            List<String> items, int bins, ForkJoinPool pool) {
        if (items.size() != results.items()) {
            throw new IllegalArgumentException("need a name for each of the " + results.items()
                    + " reported items, found " + items);
        }
        int paths = results.paths();
        int horizon = results.horizon();
        int tailCount = tailCount(paths);
        int[] ranks = Quantiles.ranks(paths, PERCENTILES, CONFIDENCE);
        List<List<ForkJoinTask<Column>>> columns = new ArrayList<>();
        for (int r = 0; r < results.items(); r++) {
            List<ForkJoinTask<Column>> quarters = new ArrayList<>(horizon);
            for (int q = 1; q <= horizon; q++) {
                double[] values = results.valueAt(r, q);
                quarters.add(pool.submit(() -> ExactQuantiles.summarize(values, PERCENTILES, ranks, tailCount)));
            }
            columns.add(quarters);
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
        Counts counts = Counts.of(results, paths);
        return assemble(scenario, seed, labels, items, counts, (r, q) -> columns.get(r).get(q - 1).join(),
                histogramTask.join());
    }

    /** One reported item's values in one quarter, summarized: their moments and quantiles. */
    record Column(Moments moments, Quantiles quantiles) {
    }

    /** Where {@link #assemble} finds each item's summary in each quarter. */
    interface Columns {
        /** Item {@code item}'s (0 = the primary) summary in quarter {@code quarter} (1-based). */
        Column at(int item, int quarter);
    }

    /**
     * The one assembly of a scenario's statistics, exact or streamed: each quarter's mean with its
     * normal interval, percentiles, breach share and CVaR from its column and the counts, and the
     * breach timing and injections over the horizon from the counts.
     *
     * @param items    the names of the reported items, the primary one first, as {@code columns} numbers them
     * @param terminal the histogram of the primary item in the last quarter
     * @throws NonFiniteValueException if some item's mean or spread is not finite, the first in item and quarter order
     */
    static ScenarioStatistics assemble(String scenario, long seed, List<String> labels, List<String> items,
            Counts counts, Columns columns, Histogram terminal) {
        long paths = counts.paths();
        int horizon = counts.inBreach().length;
        Map<String, List<QuarterStatistics>> itemQuarters = new LinkedHashMap<>();
        for (int r = 0; r < items.size(); r++) {
            List<QuarterStatistics> quarters = new ArrayList<>(horizon);
            long breachedSoFar = 0;
            for (int q = 1; q <= horizon; q++) {
                breachedSoFar += counts.firstBreaches()[q];
                String label = labels.get(q - 1);
                Column column = columns.at(r, q);
                Moments moments = column.moments();
                NonFiniteValueException.requireFinite(moments.mean(), moments.sd(), scenario, items.get(r), label);
                double[] meanInterval = Intervals.mean(moments.mean(), moments.sd(), paths, CONFIDENCE);
                Quantiles quantiles = column.quantiles();
                Estimate[] percentiles = new Estimate[PERCENTILES.length];
                for (int p = 0; p < PERCENTILES.length; p++) {
                    percentiles[p] = quantiles.quantile(p);
                }
                quarters.add(new QuarterStatistics(q, label,
                        new Estimate(moments.mean(), meanInterval[0], meanInterval[1]), moments.sd(), percentiles,
                        share(counts.inBreach()[q - 1], paths), share(breachedSoFar, paths), quantiles.tailMean(),
                        quantiles.min(), quantiles.max()));
            }
            itemQuarters.put(items.get(r), quarters);
        }
        long breached = counts.breached();
        long injections = counts.injections();
        return new ScenarioStatistics(scenario, (int) paths, seed, itemQuarters.get(items.get(0)),
                share(breached, paths), lowerMedianQuarter(counts.firstBreaches(), breached), share(injections, paths),
                injections > 0 ? counts.injected() / injections : Double.NaN, terminal, itemQuarters);
    }

    /** How many of the worst paths {@code cvar05} averages: ceil({@link #TAIL_PERCENT}% of them), at least one. */
    static int tailCount(long paths) {
        return (int) Math.max(1, (TAIL_PERCENT * paths + 99) / 100);
    }

    /** A share of paths with its Wilson interval. */
    private static Estimate share(long count, long paths) {
        double[] interval = Intervals.wilson(count, paths, CONFIDENCE);
        return new Estimate((double) count / paths, interval[0], interval[1]);
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
