package dev.runway.analysis;

import dev.runway.model.Scenario;
import dev.runway.sample.BlockRandom;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.ShiftedInputs;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A small breach probability measured by importance sampling around the design point. Every path
 * draws its inputs as plain Monte Carlo does, from its block's own stream ({@link BlockStreams}),
 * and each input's normal score is moved by the design point's coordinate ({@link ShiftedInputs}):
 * the paths gather around the most likely breach instead of around the median. Each path then
 * counts with its likelihood ratio {@code w}, so {@code mean(breached * w)} estimates the breach
 * probability without bias, with the variance of {@code breached * w} over the paths. Blocks are
 * summed in block order, so the estimate is the same at any thread count.
 *
 * <p>The paths are drawn for the breach alone: their percentiles and means are those of the
 * shifted inputs, so none of them is reported from this run.
 */
public final class RareBreach {
    private static final double Z95 = 1.959963984540054;

    /**
     * The estimate.
     *
     * @param probability         the breach probability: the weighted share of breaching paths
     * @param low                 the 95% interval's lower end, {@code probability - 1.96 se}, at least 0
     * @param high                its upper end
     * @param standardError       {@code sd(breached * w) / sqrt(paths)}
     * @param effectiveSamples    Kish's effective sample size of the breaching paths' weights,
     *                            {@code (sum w)^2 / sum w^2}: how many equally weighted breaches they are worth
     * @param breachingPaths      how many of the paths breached
     * @param varianceReduction   {@code p (1 - p)} (plain Monte Carlo's variance per path) over the variance of
     *                            {@code breached * w}: how many times more paths plain Monte Carlo needs for the
     *                            same interval
     */
    public record Estimate(String scenario, long paths, long seed, double probability, double low, double high,
            double standardError, double effectiveSamples, long breachingPaths, double varianceReduction,
            DesignPoint.Result designPoint) {
    }

    private RareBreach() {
    }

    /**
     * Runs {@code paths} paths of the scenario from {@code seed}, shifted to the design point, on
     * the pool's threads.
     */
    public static Estimate estimate(Scenario scenario, DesignPoint.Result designPoint, long seed, long paths,
            ForkJoinPool pool, AtomicLong progress) {
        PathKernel kernel = new PathKernel(scenario);
        double[] shift = designPoint.point();
        if (shift.length != kernel.dimensions()) {
            throw new IllegalArgumentException("the design point has " + shift.length + " coordinates, the scenario's "
                    + "paths " + kernel.dimensions() + " inputs");
        }
        long blockCount = (paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE;
        if (paths < 2 || blockCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("paths must be in 2.." + (long) Integer.MAX_VALUE * Simulation.BLOCK_SIZE
                    + ", found " + paths);
        }
        int blocks = (int) blockCount;
        UniformRandomProvider[] streams = BlockStreams.forBlocks(seed, blocks);
        ThreadLocal<PathKernel.Workspace> workspaces = ThreadLocal.withInitial(kernel::workspace);
        ThreadLocal<PathResults> buffers = ThreadLocal.withInitial(() -> new PathResults(kernel.horizon(),
                kernel.model().reported().size(), Simulation.BLOCK_SIZE, 0, 0));
        // Per block, over its breaching paths: the sum of w (that is, of breached * w), of w^2, and their count.
        double[][] sums = new double[blocks][];
        pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> {
            long first = (long) b * Simulation.BLOCK_SIZE;
            int count = (int) Math.min(Simulation.BLOCK_SIZE, paths - first);
            ShiftedInputs inputs = new ShiftedInputs(new BlockRandom(streams[b]), shift, count);
            PathResults buffer = buffers.get();
            kernel.simulate(workspaces.get(), inputs, buffer, 0, count, first);
            double[] sum = new double[3];
            for (int i = 0; i < count; i++) {
                if (buffer.firstBreach(i) > 0) {
                    double w = inputs.weight(i);
                    sum[0] += w;
                    sum[1] += w * w;
                    sum[2]++;
                }
            }
            sums[b] = sum;
            progress.addAndGet(count);
        })).join();
        double weighted = 0.0;
        double squares = 0.0;
        long breaching = 0;
        for (double[] sum : sums) {
            weighted += sum[0];
            squares += sum[1];
            breaching += (long) sum[2];
        }
        double p = weighted / paths;
        double variance = Math.max(0.0, (squares - paths * p * p) / (paths - 1));
        double se = Math.sqrt(variance / paths);
        double effective = squares > 0 ? weighted * weighted / squares : 0.0;
        double reduction = variance > 0 ? p * (1 - p) / variance : Double.NaN;
        return new Estimate(scenario.name(), paths, seed, p, Math.max(0.0, p - Z95 * se), p + Z95 * se, se, effective,
                breaching, reduction, designPoint);
    }
}
