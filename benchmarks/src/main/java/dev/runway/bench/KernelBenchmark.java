package dev.runway.bench;

import dev.runway.model.Scenario;
import dev.runway.sample.BlockStreams;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
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

import java.util.concurrent.TimeUnit;

/**
 * The engine's real per-path walk over one block of 4,096 paths of a Nissan scenario: every
 * driver, event, trigger and store, on one thread. Read per path-quarter, against
 * {@link FloorBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KernelBenchmark {
    private static final int PATHS = Simulation.BLOCK_SIZE;

    @Param({"status_quo", "toyota_backstop"})
    public String scenario;

    private PathKernel kernel;
    private PathKernel.Workspace workspace;
    private PathResults results;
    private UniformRandomProvider rng;

    @Setup
    public void setUp() {
        Scenario resolved = NissanCase.scenario(scenario);
        if (resolved.horizon() != FloorBenchmark.HORIZON) {
            throw new IllegalStateException("the Nissan case has 12 quarters; found " + resolved.horizon());
        }
        kernel = new PathKernel(resolved);
        workspace = kernel.workspace();
        results = new PathResults(kernel.horizon(), PATHS);
        rng = BlockStreams.forBlocks(20250513L, 1)[0];
    }

    @Benchmark
    @OperationsPerInvocation(PATHS * FloorBenchmark.HORIZON)
    public PathResults kernel() {
        kernel.simulate(workspace, rng, results, 0, PATHS);
        return results;
    }
}
