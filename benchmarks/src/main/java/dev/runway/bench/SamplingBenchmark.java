package dev.runway.bench;

import dev.runway.model.Scenario;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.PreparedMethod;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One block of 4,096 paths of the Nissan {@code status_quo} scenario ({@code inputs/nissan},
 * its model file included) walked exactly as a run walks it ({@link Simulation#simulateBlock}),
 * on one thread, under each sampling method: the kernel plus what the method costs a block —
 * its inputs object, and for Sobol the points (commons-math3's generator skipped to each
 * chunk's index, one array per path) and their inverse-normal transform. The method is
 * prepared once, as a run prepares it; successive invocations walk blocks 0..63 in turn, so
 * Sobol skips to a different index each time. Read per path-quarter, against {@code mc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class SamplingBenchmark {
    private static final int PATHS = Simulation.BLOCK_SIZE;
    private static final int BLOCKS = 64;
    private static final long SEED = 20250513L;

    @Param({"mc", "antithetic", "lhs", "sobol"})
    public String method;

    private PathKernel kernel;
    private PathKernel.Workspace workspace;
    private PathResults results;
    private PreparedMethod prepared;
    private UniformRandomProvider[] streams;
    private int next;

    @Setup
    public void setUp() {
        Scenario scenario = NissanCase.scenario("status_quo");
        if (scenario.horizon() != FloorBenchmark.HORIZON) {
            throw new IllegalStateException("the Nissan case has 12 quarters; found " + scenario.horizon());
        }
        NissanCase.prime(scenario);
        kernel = new PathKernel(scenario);
        workspace = kernel.workspace();
        results = PathResults.of(scenario, PATHS);
        prepared = Simulation.prepare(kernel, SamplingMethod.valueOf(method.toUpperCase(Locale.ROOT)), SEED);
        streams = BlockStreams.forBlocks(SEED, BLOCKS);
    }

    /**
     * Building one commons-math3 Sobol generator for the scenario's dimensions (it reads its
     * direction numbers from the jar): what every block paid before the method was prepared once
     * per run. Per generator, not per path-quarter; only meaningful with {@code method=sobol}.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SobolSequenceGenerator sobolGenerator() {
        return new SobolSequenceGenerator(kernel.dimensions());
    }

    @Benchmark
    @OperationsPerInvocation(PATHS * FloorBenchmark.HORIZON)
    public PathResults block() {
        int b = next;
        next = (next + 1) % BLOCKS;
        Simulation.simulateBlock(kernel, workspace, prepared, streams[b], b, (long) BLOCKS * PATHS, results, 0);
        return results;
    }
}
