package dev.runway.analysis;

import dev.runway.model.Scenario;
import dev.runway.sample.BlockRandom;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.SamplingMethod;
import dev.runway.sample.ShiftedInputs;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * A scenario's answer to {@code --rare}: the estimate, or why importance sampling could not
     * aim at the breach (the plain estimate of the run's own paths then stands).
     *
     * @param estimate null when refused
     * @param refusal  null when estimated
     */
    public record Outcome(String scenario, Estimate estimate, String refusal) {
        public Outcome {
            if ((estimate == null) == (refusal == null)) {
                throw new IllegalArgumentException("an outcome is an estimate or a refusal");
            }
        }
    }

    private RareBreach() {
    }

    /**
     * Estimates the scenario's breach probability on {@code paths} paths around its design point
     * from {@code seed} ({@code known}, when the caller has found it already; null to find it here);
     * or says why it cannot: every random input is discrete (a shift of their normal scores cannot
     * aim at a breach), the median path already breaches (the breach is not rare, and plain paths
     * measure it well), or the pilot found no breach.
     */
    public static Outcome run(Scenario scenario, DesignPoint.Result known, long seed, long paths, ForkJoinPool pool,
            AtomicLong progress) {
        PathKernel kernel = new PathKernel(scenario);
        List<String> continuous = new ArrayList<>();
        for (int d = 0; d < kernel.dimensions(); d++) {
            PathKernel.Dimension dimension = kernel.dimension(d);
            if (dimension.drawn() && !dimension.discrete() && !continuous.contains(dimension.input())) {
                continuous.add(dimension.input());
            }
        }
        if (continuous.isEmpty()) {
            return new Outcome(scenario.name(), null, "every random input of scenario " + scenario.name()
                    + " is discrete (a switch, a bernoulli or discrete-uniform driver): importance sampling has no "
                    + "continuous input to move towards the breach");
        }
        DesignPoint.Result designPoint = known;
        try {
            if (designPoint == null) {
                designPoint = DesignPoint.find(scenario, seed);
            }
        } catch (DesignPoint.NoBreachException e) {
            return new Outcome(scenario.name(), null, e.getMessage() + "; the breach, if any, is too rare to aim at");
        }
        if (designPoint.distance() == 0) {
            return new Outcome(scenario.name(), null, "the median path of scenario " + scenario.name()
                    + " breaches: the breach is not rare, and the plain paths measure it well");
        }
        return new Outcome(scenario.name(), estimate(scenario, designPoint, seed, paths, pool, progress), null);
    }

    /**
     * How many of {@code paths} plain Monte Carlo paths of the scenario breach, keeping nothing
     * else: the reference importance sampling is checked against (NissanRareBreachTest, the
     * benchmarks' RareBreachVarianceReduction), cheap enough for 10^8 paths.
     */
    public static long plainBreaches(Simulation simulation, Scenario scenario, long seed, long paths) {
        long[] perBlock = new long[(int) ((paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE)];
        simulation.stream(new PathKernel(scenario), seed, SamplingMethod.MC, paths, (block, buffer, count) -> {
            long breaches = 0;
            for (int i = 0; i < count; i++) {
                if (buffer.firstBreach(i) > 0) {
                    breaches++;
                }
            }
            perBlock[block] = breaches;
        }, new AtomicLong());
        return Arrays.stream(perBlock).sum();
    }

    /**
     * The breach level under which a share {@code p} of the scenario's plain paths fall in their
     * worst quarter: the matching order statistic of each path's lowest primary item, from
     * {@code paths} paths of {@code seed}. With the scenario's breach rule {@code primary < level},
     * a study sets it to make the breach as rare as it wants.
     */
    public static double levelFor(Simulation simulation, Scenario scenario, double p, int paths, long seed) {
        double[] lowest = new double[paths];
        int primary = scenario.model().reported().indexOf(scenario.model().primary());
        simulation.stream(new PathKernel(scenario), seed, SamplingMethod.MC, paths, (block, buffer, count) -> {
            for (int i = 0; i < count; i++) {
                double low = Double.POSITIVE_INFINITY;
                for (int q = 1; q <= scenario.horizon(); q++) {
                    low = Math.min(low, buffer.valueAt(primary, q)[i]);
                }
                lowest[block * Simulation.BLOCK_SIZE + i] = low;
            }
        }, new AtomicLong());
        Arrays.sort(lowest);
        return lowest[(int) Math.min(paths - 1, Math.round(p * paths))];
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
