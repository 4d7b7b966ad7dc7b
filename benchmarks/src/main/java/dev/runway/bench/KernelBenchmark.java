package dev.runway.bench;

import dev.runway.model.Distribution;
import dev.runway.model.Copula;
import dev.runway.model.Scenario;
import dev.runway.sample.BlockRandom;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.MonteCarloInputs;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine's real per-path walk over one block of 4,096 paths of a Nissan scenario: every
 * driver, event, trigger and store, on one thread. Read per path-quarter, against
 * {@link FloorBenchmark}. The {@code status_quo_at_means} variant holds every driver at its mean
 * (no per-path draws), so its distance to {@code status_quo} is what drawing the drivers costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KernelBenchmark {
    private static final int PATHS = Simulation.BLOCK_SIZE;
    private static final String AT_MEANS = "_at_means";

    @Param({"status_quo", "toyota_backstop", "status_quo_at_means"})
    public String scenario;

    private PathKernel kernel;
    private PathKernel.Workspace workspace;
    private PathResults results;
    private BlockRandom random;

    @Setup
    public void setUp() {
        Scenario resolved = scenario.endsWith(AT_MEANS)
                ? atMeans(NissanCase.scenario(scenario.substring(0, scenario.length() - AT_MEANS.length())))
                : NissanCase.scenario(scenario);
        if (resolved.horizon() != FloorBenchmark.HORIZON) {
            throw new IllegalStateException("the Nissan case has 12 quarters; found " + resolved.horizon());
        }
        kernel = new PathKernel(resolved);
        workspace = kernel.workspace();
        results = PathResults.of(resolved, PATHS);
        random = new BlockRandom(BlockStreams.forBlocks(20250513L, 1)[0]);
    }

    /** The scenario with every driver a constant at its mean (the delay rounded to whole quarters). */
    private static Scenario atMeans(Scenario scenario) {
        Map<String, Distribution> drivers = new LinkedHashMap<>();
        scenario.drivers().forEach((driver, distribution) -> drivers.put(driver,
                Distribution.constant(driver.equals("savings_delay") ? Math.rint(distribution.mean())
                        : distribution.mean())));
        return new Scenario(scenario.name(), scenario.description(), drivers, Map.of(), scenario.events(),
                scenario.schedule(), java.util.List.of(), Copula.INDEPENDENT, scenario.model());
    }

    @Benchmark
    @OperationsPerInvocation(PATHS * FloorBenchmark.HORIZON)
    public PathResults kernel() {
        kernel.simulate(workspace, new MonteCarloInputs(random), results, 0, PATHS, 0);
        return results;
    }
}
