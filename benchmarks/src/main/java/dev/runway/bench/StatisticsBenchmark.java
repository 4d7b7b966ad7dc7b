package dev.runway.bench;

import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.ExactQuantiles;
import dev.runway.stats.ScenarioStatistics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The statistics of quarterly.csv, ns per path-quarter, on 1,000,000 simulated Nissan
 * status_quo paths: one quarter's exact percentiles with their intervals and tail mean ({@link ExactQuantiles})
 * beside the full sort they replace, and a whole scenario's summary on one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StatisticsBenchmark {
    private static final int PATHS = 1_000_000;
    private static final int HORIZON = 12;

    private Simulation simulation;
    private PathResults results;
    private double[] column;
    private List<String> labels;
    /** The reported items of the case's model, the primary one first: each gets its quarters' statistics. */
    private List<String> items;

    @Setup(Level.Trial)
    public void setUp() {
        simulation = new Simulation(1);
        var scenario = NissanCase.scenario("status_quo");
        results = simulation.run(scenario, 20250513L, PATHS, new AtomicLong());
        column = results.primaryAt(HORIZON);
        labels = scenario.schedule().labels();
        items = scenario.model().reported();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        simulation.close();
    }

    @Benchmark
    @OperationsPerInvocation(PATHS)
    public ExactQuantiles quarterPercentiles() {
        return ExactQuantiles.of(column, ScenarioStatistics.percentileLevels(), PATHS / 20, ScenarioStatistics.CONFIDENCE);
    }

    /** What {@link #quarterPercentiles} replaces: sorting a copy of the column. */
    @Benchmark
    @OperationsPerInvocation(PATHS)
    public double[] quarterFullSort() {
        double[] copy = column.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Every statistic of every quarter of a scenario on one thread (moments, percentiles, breaches, histogram). */
    @Benchmark
    @OperationsPerInvocation(PATHS * HORIZON)
    public ScenarioStatistics scenarioSummary() {
        return ScenarioStatistics.of("status_quo", 20250513L, results, labels, items, 50, simulation.pool());
    }
}
