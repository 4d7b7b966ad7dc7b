package dev.runway.stats;

import dev.runway.sim.PathResults;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statistics of a scenario gathered block by block, in memory that does not grow with the
 * paths (a few hundred bytes per block of 4,096 paths, and one {@link LogHistogram} per quarter
 * and thread). Counts and histograms are integers and merge exactly in any order; sums are kept
 * per block and combined in block order; so the results are the same for any number of threads.
 * Percentiles, the CVaR and the terminal histogram come from the histograms, to within
 * {@link LogHistogram#RELATIVE_ERROR} of the exact values; means, standard deviations and every
 * probability are exact.
 */
public final class StreamingStatistics {
    /**
     * What one worker gathered over a range of blocks, to send to where the run is finished
     * (another machine): the blocks' sums and counts, and its histograms merged into one per
     * reported item and quarter (column {@code item * horizon + quarter}).
     */
    public record Partial(int firstBlock, double[][] sum, double[][] squares, int[] count, long[][] breaches,
            long[][] firstBreaches, long[] injections, double[] injected, LogHistogram[] histograms)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final int horizon;
    private final int items;
    private final int firstBlock;
    private final double[][] sum;
    private final double[][] squares;
    private final int[] count;
    private final long[][] breaches;
    private final long[][] firstBreaches;
    private final long[] injections;
    private final double[] injected;
    private final List<LogHistogram[]> histograms = Collections.synchronizedList(new ArrayList<>());
    /**
     * Each worker's histograms. Not a ThreadLocal: a pool's threads outlive the run, and a
     * ThreadLocal's value stayed in them after the statistics were finished, so every streamed
     * scenario of a run left its histograms behind (tens of MB each) until the heap ran out.
     */
    private final Map<Thread, LogHistogram[]> byThread = new ConcurrentHashMap<>();
    private final int columns;

    /** Statistics of {@code items} reported items over {@code blocks} blocks. */
    public StreamingStatistics(int horizon, int items, int blocks) {
        this(horizon, items, 0, blocks);
    }

    /** Statistics of blocks {@code fromBlock .. toBlock - 1} only: a worker's share of a run. */
    public StreamingStatistics(int horizon, int items, int fromBlock, int toBlock) {
        int blocks = toBlock - fromBlock;
        int columns = items * horizon;
        this.horizon = horizon;
        this.items = items;
        this.firstBlock = fromBlock;
        sum = new double[blocks][columns];
        squares = new double[blocks][columns];
        count = new int[blocks];
        breaches = new long[blocks][horizon];
        firstBreaches = new long[blocks][horizon + 1];
        injections = new long[blocks];
        injected = new double[blocks];
        this.columns = columns;
    }

    /**
     * The heap a run's streaming statistics take, to check before the run: a histogram per reported
     * item and quarter for each worker and one merged, and per block its sums and counts (four
     * small arrays, with their headers, and three numbers).
     */
    public static long bytes(int horizon, int items, int blocks, int workers) {
        long columns = (long) items * horizon;
        long perBlock = 16L * columns + 8L * (2L * horizon + 1) + 4 * (16 + 8) + 20;
        return (workers + 1L) * columns * LogHistogram.BYTES + blocks * perBlock;
    }

    private LogHistogram[] newColumns() {
        LogHistogram[] perColumn = new LogHistogram[columns];
        for (int c = 0; c < columns; c++) {
            perColumn[c] = new LogHistogram();
        }
        histograms.add(perColumn);
        return perColumn;
    }

    /** Takes in block {@code run}'s first {@code paths} paths of {@code results}. Blocks may come on any thread. */
    public void accept(int run, PathResults results, int paths) {
        int block = run - firstBlock;
        LogHistogram[] perColumn = byThread.computeIfAbsent(Thread.currentThread(), thread -> newColumns());
        Counts counted = Counts.of(results, paths);
        count[block] = paths;
        System.arraycopy(counted.inBreach(), 0, breaches[block], 0, horizon);
        System.arraycopy(counted.firstBreaches(), 0, firstBreaches[block], 0, horizon + 1);
        injections[block] = counted.injections();
        injected[block] = counted.injected();
        for (int r = 0; r < items; r++) {
            for (int q = 0; q < horizon; q++) {
                int column = r * horizon + q;
                double[] values = results.valueAt(r, q + 1);
                LogHistogram histogram = perColumn[column];
                for (int i = 0; i < paths; i++) {
                    histogram.add(values[i]);
                }
                double total = Moments.sum(values, paths);
                sum[block][column] = total;
                squares[block][column] = Moments.squaredDeviations(values, paths, total / paths);
            }
        }
    }

    /** What this worker gathered, to merge where the run is finished. */
    public Partial partial() {
        LogHistogram[] merged = merged();
        return new Partial(firstBlock, sum, squares, count, breaches, firstBreaches, injections, injected, merged);
    }

    /** Takes in a worker's partial: its blocks' sums in their place, its histograms added. */
    public void merge(Partial partial) {
        int at = partial.firstBlock() - firstBlock;
        for (int b = 0; b < partial.count().length; b++) {
            sum[at + b] = partial.sum()[b];
            squares[at + b] = partial.squares()[b];
            count[at + b] = partial.count()[b];
            breaches[at + b] = partial.breaches()[b];
            firstBreaches[at + b] = partial.firstBreaches()[b];
            injections[at + b] = partial.injections()[b];
            injected[at + b] = partial.injected()[b];
        }
        histograms.add(partial.histograms());
    }

    private LogHistogram[] merged() {
        LogHistogram[] merged = new LogHistogram[items * horizon];
        for (int c = 0; c < merged.length; c++) {
            merged[c] = new LogHistogram();
            for (LogHistogram[] perColumn : histograms) {
                merged[c].merge(perColumn[c]);
            }
        }
        return merged;
    }

    /**
     * The statistics of every block taken in.
     *
     * @param itemNames the reported items, the primary one first
     */
    public ScenarioStatistics finish(String scenario, long seed, List<String> labels, List<String> itemNames,
            int bins) {
        LogHistogram[] merged = merged();
        Counts counts = Counts.none(horizon);
        for (int b = 0; b < count.length; b++) {
            counts = counts.plus(new Counts(count[b], breaches[b], firstBreaches[b], injections[b], injected[b]));
        }
        long paths = counts.paths();
        int tailCount = ScenarioStatistics.tailCount(paths);
        double[] levels = ScenarioStatistics.percentileLevels();
        return ScenarioStatistics.assemble(scenario, seed, labels, itemNames, counts, (r, q) -> {
            int column = r * horizon + q - 1;
            return new ScenarioStatistics.Column(moments(column, paths),
                    merged[column].quantiles(levels, tailCount, ScenarioStatistics.CONFIDENCE));
        }, merged[horizon - 1].histogram(bins));
    }

    /** Chan's pairwise combination of the blocks' means and squared deviations of a column, in block order. */
    private Moments moments(int column, long paths) {
        double n = 0.0;
        double mean = 0.0;
        double m2 = 0.0;
        for (int b = 0; b < count.length; b++) {
            double nb = count[b];
            double meanB = sum[b][column] / nb;
            double delta = meanB - mean;
            double combined = n + nb;
            mean += delta * nb / combined;
            m2 += squares[b][column] + delta * delta * n * nb / combined;
            n = combined;
        }
        return Moments.of(mean, m2, paths);
    }
}
