package dev.runway.spark;

import dev.runway.model.Scenario;
import dev.runway.run.Engine;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.PreparedMethod;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.StreamingStatistics;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scenario's paths simulated on a Spark cluster. The scenario is read once on the driver and
 * broadcast; each task takes a contiguous range of blocks, derives exactly those blocks' streams
 * from the seed, and walks them with the engine's own block kernel
 * ({@link Simulation#simulateBlock}); the driver puts the blocks back in path order. A block's
 * paths depend only on the seed and its index, so the paths — and every statistic of them — are
 * the same as a local run's, whatever the partitions, executors or retried tasks. Each task
 * prepares the sampling method once for its blocks ({@link Simulation#prepare}), from the seed
 * alone, so nothing of it is shipped. With {@link #stream} only each task's partial statistics
 * come back, for runs of any size. It is a run's {@link Engine}, so --precision, the sensitivity
 * and the solve run on the cluster too.
 */
public final class SparkSimulation implements Engine {
    private final JavaSparkContext spark;
    private final int partitions;
    private final int failBlock;

    /**
     * @param partitions how many tasks share a run's blocks
     * @param failBlock  for fault-injection tests: the first attempt of the task holding this block
     *                   throws, so Spark retries it; -1 for none
     */
    public SparkSimulation(JavaSparkContext spark, int partitions, int failBlock) {
        this.spark = spark;
        this.partitions = partitions;
        this.failBlock = failBlock;
    }

    /**
     * Nothing: the executors' JITs are their own, and priming them would cost a job per model. It
     * changes no result.
     */
    @Override
    public void prime(Scenario scenario) {
    }

    /** The blocks from {@code fromPath} on run as tasks; the driver puts them back in path order. */
    @Override
    public PathResults run(Scenario scenario, PathKernel.Overrides overrides, long seed, SamplingMethod method,
            PathResults into, int fromPath, AtomicLong progress) {
        if (fromPath % Simulation.BLOCK_SIZE != 0 || fromPath < 0 || fromPath > into.paths()) {
            throw new IllegalArgumentException("paths can only be added from a block boundary inside the buffer, "
                    + "found " + fromPath);
        }
        int paths = into.paths();
        int blocks = (paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE;
        List<int[]> ranges = ranges(fromPath / Simulation.BLOCK_SIZE, blocks, partitions);
        if (ranges.isEmpty()) {
            return into;
        }
        boolean recording = into.recordsDrivers();
        Broadcast<Scenario> shipped = spark.broadcast(scenario);
        int failing = failBlock;
        List<Tuple2<Integer, PathResults>> simulated = spark.parallelize(ranges, ranges.size())
                .flatMap(range -> simulate(shipped.value(), overrides, recording, seed, method, paths, range[0],
                        range[1], failing))
                .collect();
        for (Tuple2<Integer, PathResults> block : simulated) {
            int first = block._1() * Simulation.BLOCK_SIZE;
            int count = Math.min(Simulation.BLOCK_SIZE, paths - first);
            into.put(first, block._2(), count);
            progress.addAndGet(count);
        }
        shipped.destroy();
        return into;
    }

    /**
     * The scenario's statistics gathered on the cluster without bringing its paths back: each
     * task folds its blocks into streaming statistics and sends only their partial (sums per
     * block, histograms), which the driver merges in block order — the same numbers as a local
     * streamed run, in memory that does not grow with the paths.
     */
    @Override
    public StreamingStatistics stream(Scenario scenario, long seed, SamplingMethod method, int paths,
            AtomicLong progress) {
        int blocks = (paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE;
        Broadcast<Scenario> shipped = spark.broadcast(scenario);
        int failing = failBlock;
        List<int[]> ranges = ranges(0, blocks, partitions);
        List<StreamingStatistics.Partial> partials = spark.parallelize(ranges, ranges.size())
                .map(range -> streamRange(shipped.value(), seed, method, paths, range[0], range[1], failing))
                .collect();
        StreamingStatistics statistics = new StreamingStatistics(scenario.horizon(), scenario.model().reported().size(),
                blocks);
        for (StreamingStatistics.Partial partial : partials) {
            statistics.merge(partial);
        }
        progress.addAndGet(paths);
        shipped.destroy();
        return statistics;
    }

    /** The driver's threads, which take the statistics of the paths gathered. */
    @Override
    public ForkJoinPool pool() {
        return ForkJoinPool.commonPool();
    }

    /** The cluster's task slots. */
    @Override
    public int workers() {
        return spark.defaultParallelism();
    }

    /** Nothing: the Spark context is its opener's. */
    @Override
    public void close() {
    }

    static StreamingStatistics.Partial streamRange(Scenario scenario, long seed, SamplingMethod method, int paths,
            int from, int to, int failBlock) {
        failIfAsked(from, to, failBlock);
        PathKernel kernel = new PathKernel(scenario);
        PathKernel.Workspace workspace = kernel.workspace();
        UniformRandomProvider[] streams = BlockStreams.forBlocks(seed, from, to);
        PreparedMethod prepared = Simulation.prepare(kernel, method, seed);
        StreamingStatistics statistics = new StreamingStatistics(scenario.horizon(), scenario.model().reported().size(),
                from, to);
        PathResults buffer = PathResults.of(scenario, Simulation.BLOCK_SIZE);
        for (int b = from; b < to; b++) {
            int count = Simulation.simulateBlock(kernel, workspace, prepared, streams[b - from], b, paths, buffer,
                    0);
            statistics.accept(b, buffer, count);
        }
        return statistics.partial();
    }

    /** Contiguous ranges of blocks {@code from..to-1}, one per task; none if there are no blocks. */
    private static List<int[]> ranges(int from, int to, int partitions) {
        int blocks = to - from;
        int tasks = Math.min(Math.max(1, partitions), blocks);
        List<int[]> ranges = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            ranges.add(new int[] {from + (int) ((long) blocks * t / tasks), from + (int) ((long) blocks * (t + 1) / tasks)});
        }
        return ranges;
    }

    private static void failIfAsked(int from, int to, int failBlock) {
        if (failBlock >= from && failBlock < to && TaskContext.get() != null && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of the task holding block " + failBlock);
        }
    }

    /** One task: blocks {@code from..to-1}, each in a buffer of its own, keyed by block index. */
    static Iterator<Tuple2<Integer, PathResults>> simulate(Scenario scenario, PathKernel.Overrides overrides,
            boolean recording, long seed, SamplingMethod method, int paths, int from, int to, int failBlock) {
        failIfAsked(from, to, failBlock);
        PathKernel kernel = new PathKernel(scenario, overrides);
        PathKernel.Workspace workspace = kernel.workspace();
        UniformRandomProvider[] streams = BlockStreams.forBlocks(seed, from, to);
        PreparedMethod prepared = Simulation.prepare(kernel, method, seed);
        List<Tuple2<Integer, PathResults>> out = new ArrayList<>(to - from);
        for (int b = from; b < to; b++) {
            PathResults block = recording ? PathResults.recording(scenario, Simulation.BLOCK_SIZE)
                    : PathResults.of(scenario, Simulation.BLOCK_SIZE);
            Simulation.simulateBlock(kernel, workspace, prepared, streams[b - from], b, paths, block, 0);
            out.add(new Tuple2<>(b, block));
        }
        return out.iterator();
    }
}
