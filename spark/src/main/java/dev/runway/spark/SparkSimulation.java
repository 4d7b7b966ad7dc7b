package dev.runway.spark;

import dev.runway.model.Scenario;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.PreparedMethod;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.ScenarioStatistics;
import dev.runway.stats.StreamingStatistics;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A scenario's paths simulated on a Spark cluster. The scenario is read once on the driver and
 * broadcast; each task takes a contiguous range of blocks, derives exactly those blocks' streams
 * from the seed, and walks them with the engine's own block kernel
 * ({@link Simulation#simulateBlock}); the driver puts the blocks back in path order. A block's
 * paths depend only on the seed and its index, so the paths — and every statistic of them — are
 * the same as a local run's, whatever the partitions, executors or retried tasks. Each task
 * prepares the sampling method once for its blocks ({@link Simulation#prepare}), from the seed
 * alone, so nothing of it is shipped. With
 * {@link #stream} only each task's partial statistics come back, for runs of any size.
 */
public final class SparkSimulation {
    private SparkSimulation() {
    }

    /**
     * @param partitions     how many tasks share the blocks
     * @param failBlock      for fault-injection tests: the first attempt of the task holding this
     *                       block throws, so Spark retries it; -1 for none
     */
    public static PathResults run(JavaSparkContext spark, Scenario scenario, long seed, SamplingMethod method,
            int paths, int partitions, int failBlock) {
        int blocks = (paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE;
        List<int[]> ranges = ranges(blocks, partitions);
        Broadcast<Scenario> shipped = spark.broadcast(scenario);
        List<Tuple2<Integer, PathResults>> simulated = spark.parallelize(ranges, ranges.size())
                .flatMap(range -> simulate(shipped.value(), seed, method, paths, range[0], range[1], failBlock))
                .collect();
        PathResults all = PathResults.of(scenario, paths);
        for (Tuple2<Integer, PathResults> block : simulated) {
            int first = block._1() * Simulation.BLOCK_SIZE;
            all.put(first, block._2(), Math.min(Simulation.BLOCK_SIZE, paths - first));
        }
        return all;
    }

    /**
     * The scenario's statistics gathered on the cluster without bringing its paths back: each
     * task folds its blocks into streaming statistics and sends only their partial (sums per
     * block, histograms), which the driver merges in block order — the same numbers as a local
     * streamed run, in memory that does not grow with the paths.
     */
    public static ScenarioStatistics stream(JavaSparkContext spark, Scenario scenario, long seed, SamplingMethod method,
            int paths, int partitions, int failBlock, int bins) {
        int blocks = (paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE;
        Broadcast<Scenario> shipped = spark.broadcast(scenario);
        List<StreamingStatistics.Partial> partials = spark.parallelize(ranges(blocks, partitions), Math.max(1, Math.min(partitions, blocks)))
                .map(range -> streamRange(shipped.value(), seed, method, paths, range[0], range[1], failBlock))
                .collect();
        StreamingStatistics statistics = new StreamingStatistics(scenario.horizon(), scenario.model().reported().size(),
                blocks);
        for (StreamingStatistics.Partial partial : partials) {
            statistics.merge(partial);
        }
        return statistics.finish(scenario.name(), seed, scenario.schedule().labels(), scenario.model().reported(), bins);
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

    /** Contiguous ranges of blocks, one per task. */
    private static List<int[]> ranges(int blocks, int partitions) {
        int tasks = Math.max(1, Math.min(partitions, blocks));
        List<int[]> ranges = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            ranges.add(new int[] {(int) ((long) blocks * t / tasks), (int) ((long) blocks * (t + 1) / tasks)});
        }
        return ranges;
    }

    private static void failIfAsked(int from, int to, int failBlock) {
        if (failBlock >= from && failBlock < to && TaskContext.get() != null && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of the task holding block " + failBlock);
        }
    }

    /** One task: blocks {@code from..to-1}, each in a buffer of its own, keyed by block index. */
    static Iterator<Tuple2<Integer, PathResults>> simulate(Scenario scenario, long seed, SamplingMethod method,
            int paths, int from, int to, int failBlock) {
        failIfAsked(from, to, failBlock);
        PathKernel kernel = new PathKernel(scenario);
        PathKernel.Workspace workspace = kernel.workspace();
        UniformRandomProvider[] streams = BlockStreams.forBlocks(seed, from, to);
        PreparedMethod prepared = Simulation.prepare(kernel, method, seed);
        List<Tuple2<Integer, PathResults>> out = new ArrayList<>(to - from);
        for (int b = from; b < to; b++) {
            PathResults block = PathResults.of(scenario, Simulation.BLOCK_SIZE);
            Simulation.simulateBlock(kernel, workspace, prepared, streams[b - from], b, paths, block, 0);
            out.add(new Tuple2<>(b, block));
        }
        return out.iterator();
    }
}
