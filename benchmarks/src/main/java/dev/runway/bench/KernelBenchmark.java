package dev.runway.bench;

import dev.runway.io.InputReader;
import dev.runway.model.Copula;
import dev.runway.model.Distribution;
import dev.runway.model.Model;
import dev.runway.model.Scenario;
import dev.runway.sample.BlockRandom;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.MonteCarloInputs;
import dev.runway.sim.HandWrittenKernel;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine's real per-path walk over one block of 4,096 paths of a Nissan scenario: every
 * driver, event, trigger and store, on one thread. Read per path-quarter, against
 * {@link FloorBenchmark}. The {@code status_quo_at_means} variant holds every driver at its mean
 * (no per-path draws), so its distance to {@code status_quo} is what drawing the drivers costs.
 *
 * <p>{@code kernel} picks the walk: {@code compiled} is the standard model compiled from its model
 * file (what a folder without model.csv runs), {@code hand} the engine's original hand-written
 * kernel on the same scenario (the baseline the compiled one must stay within 1.1x of), and
 * {@code nissan_file} the compiled inputs/nissan/model.csv, which also stores revenue and free
 * cash flow every quarter.
 *
 * <p>Each fork first primes the JIT as a run does ({@link NissanCase#prime}), so the walk is
 * compiled for a profile with every event branch taken, as in production; three forks, because
 * one JVM's compilation can land on a slower layout than the next one's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class KernelBenchmark {
    private static final int PATHS = Simulation.BLOCK_SIZE;
    private static final String AT_MEANS = "_at_means";

    @Param({"status_quo", "toyota_backstop", "status_quo_at_means"})
    public String scenario;

    @Param({"compiled", "hand", "nissan_file"})
    public String kernel;

    private PathKernel compiled;
    private PathKernel.Workspace workspace;
    private HandWrittenKernel hand;
    private HandWrittenKernel.Workspace handWorkspace;
    private PathResults results;
    private BlockRandom random;

    @Setup
    public void setUp() {
        Scenario resolved = scenario.endsWith(AT_MEANS)
                ? atMeans(NissanCase.scenario(scenario.substring(0, scenario.length() - AT_MEANS.length())))
                : NissanCase.scenario(scenario);
        if (!List.of("compiled", "hand", "nissan_file").contains(kernel)) {
            throw new IllegalArgumentException("kernel is compiled, hand or nissan_file, found " + kernel);
        }
        if (resolved.horizon() != FloorBenchmark.HORIZON) {
            throw new IllegalStateException("the Nissan case has 12 quarters; found " + resolved.horizon());
        }
        if (!kernel.equals("nissan_file")) {
            resolved = withModel(resolved, InputReader.standardModel());
        }
        NissanCase.prime(resolved);
        compiled = new PathKernel(resolved);
        workspace = compiled.workspace();
        hand = new HandWrittenKernel(resolved);
        handWorkspace = hand.workspace();
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
                scenario.schedule(), List.of(), Copula.INDEPENDENT, scenario.model());
    }

    private static Scenario withModel(Scenario scenario, Model model) {
        return new Scenario(scenario.name(), scenario.description(), scenario.drivers(), scenario.driverSources(),
                scenario.events(), scenario.schedule(), scenario.correlations(), scenario.copula(), model);
    }

    @Benchmark
    @OperationsPerInvocation(PATHS * FloorBenchmark.HORIZON)
    public PathResults kernel() {
        if (kernel.equals("hand")) {
            hand.simulate(handWorkspace, new MonteCarloInputs(random), results, 0, PATHS);
        } else {
            compiled.simulate(workspace, new MonteCarloInputs(random), results, 0, PATHS, 0);
        }
        return results;
    }
}
