package dev.runway.stats;

import dev.runway.io.InputReader;
import dev.runway.model.InputException;
import dev.runway.model.NonFiniteValueException;
import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact and streamed statistics of the same paths agree on every field that both compute
 * exactly: each probability with its interval, the first-breach quarter and the injection share to
 * the bit; means, sds and the injection mean up to the order their sums were added in; every
 * item's range and the terminal histogram's edges to the bit. The paths are those of every Nissan
 * scenario (three reported items, breaches, injections), streamed block by block and copied into
 * one buffer for the exact statistics, over a partial last block.
 */
class ExactAndStreamedAgreeTest {
    private static final int PATHS = 3 * Simulation.BLOCK_SIZE + 123;
    private static final long SEED = 20250513L;
    private static final int BINS = 40;
    private static Simulation simulation;

    @BeforeAll
    static void start() {
        simulation = new Simulation(3);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    static Stream<Arguments> nissan() throws InputException {
        return InputReader.read(Path.of("..", "inputs", "nissan")).scenarios().stream()
                .map(scenario -> Arguments.of(scenario.name(), scenario));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nissan")
    void exactAndStreamedStatisticsOfTheSamePathsAgreeOnEveryExactField(String name, Scenario scenario) {
        int blocks = (PATHS + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE;
        List<String> items = scenario.model().reported();
        List<String> labels = scenario.schedule().labels();
        StreamingStatistics streaming = new StreamingStatistics(scenario.horizon(), items.size(), blocks);
        PathResults paths = PathResults.of(scenario, PATHS);
        // Each block lands in its own range of the buffer, so the threads never write the same place.
        simulation.stream(new PathKernel(scenario), SEED, SamplingMethod.MC, PATHS, (block, buffer, count) -> {
            streaming.accept(block, buffer, count);
            paths.put(block * Simulation.BLOCK_SIZE, buffer, count);
        }, new AtomicLong());
        ScenarioStatistics exact = ScenarioStatistics.of(scenario.name(), SEED, paths, labels, items, BINS,
                simulation.pool());
        ScenarioStatistics streamed = streaming.finish(scenario.name(), SEED, labels, items, BINS);

        assertEquals(PATHS, exact.paths());
        assertEquals(exact.paths(), streamed.paths());
        assertEquals(exact.breachProb(), streamed.breachProb(), "breach probability");
        assertEquals(exact.firstBreachP50Quarter(), streamed.firstBreachP50Quarter(), "median first breach");
        assertEquals(exact.injectionProb(), streamed.injectionProb(), "injection probability");
        if (exact.injectionProb().value() > 0) {
            // Two sums of the same positive amounts in different orders: each of the n additions
            // rounds by at most half an ulp of the running total, at most the whole sum.
            assertEquals(exact.injectionMean(), streamed.injectionMean(), PATHS * Math.ulp(exact.injectionMean()),
                    "injection mean");
        } else {
            assertTrue(Double.isNaN(exact.injectionMean()) && Double.isNaN(streamed.injectionMean()));
        }
        assertArrayEquals(exact.terminal().lows(), streamed.terminal().lows(), 0.0, "terminal bins' lows");
        assertArrayEquals(exact.terminal().highs(), streamed.terminal().highs(), 0.0, "terminal bins' highs");

        assertEquals(List.copyOf(exact.items().keySet()), items);
        assertEquals(List.copyOf(streamed.items().keySet()), items);
        assertEquals(exact.quarters(), exact.items().get(items.get(0)));
        assertEquals(streamed.quarters(), streamed.items().get(items.get(0)));
        for (int r = 0; r < items.size(); r++) {
            String item = items.get(r);
            for (int q = 1; q <= scenario.horizon(); q++) {
                double[] values = paths.valueAt(r, q);
                QuarterStatistics e = exact.items().get(item).get(q - 1);
                QuarterStatistics s = streamed.items().get(item).get(q - 1);
                String where = scenario.name() + " " + item + " quarter " + q + ": ";
                assertEquals(q, e.quarter(), where + "quarter");
                assertEquals(e.quarter(), s.quarter(), where + "quarter");
                assertEquals(e.label(), s.label(), where + "label");
                assertEquals(e.breachProb(), s.breachProb(), where + "breach probability");
                assertEquals(e.cumBreachProb(), s.cumBreachProb(), where + "cumulative breach probability");
                assertEquals(e.min(), s.min(), 0.0, where + "min");
                assertEquals(e.max(), s.max(), 0.0, where + "max");
                // The mean and the squared deviations are sums of n terms, over all paths at once or per
                // block and then combined: each addition rounds by at most half an ulp of the values' scale.
                double tolerance = PATHS * Math.ulp(Math.max(meanMagnitude(values), e.sd()));
                assertEquals(e.mean().value(), s.mean().value(), tolerance, where + "mean");
                assertEquals(e.mean().low(), s.mean().low(), 2 * tolerance, where + "mean's low end");
                assertEquals(e.mean().high(), s.mean().high(), 2 * tolerance, where + "mean's high end");
                assertEquals(e.sd(), s.sd(), tolerance, where + "sd");
            }
        }
        // The cumulative breach probability is the share of paths first in breach by each quarter.
        Map<String, List<QuarterStatistics>> byItem = streamed.items();
        long breachedBy = 0;
        for (int q = 1; q <= scenario.horizon(); q++) {
            for (int i = 0; i < PATHS; i++) {
                breachedBy += paths.firstBreach(i) == q ? 1 : 0;
            }
            for (List<QuarterStatistics> quarters : byItem.values()) {
                assertEquals((double) breachedBy / PATHS, quarters.get(q - 1).cumBreachProb().value(), 0.0,
                        scenario.name() + " cumulative breach probability by quarter " + q);
            }
        }
    }

    @Test
    void aSumThatOverflowsIsTheSameErrorExactAndStreamed() {
        // Every value is finite, but the quarter-2 sum of the item overflows.
        PathResults paths = new PathResults(2, 1, 3, 0, 0);
        System.arraycopy(new double[] {1e308, 1e308, 1.0}, 0, paths.valueAt(0, 2), 0, 3);
        StreamingStatistics streaming = new StreamingStatistics(2, 1, 1);
        streaming.accept(0, paths, 3);
        List<String> labels = List.of("Q1", "Q2");
        NonFiniteValueException exact = assertThrows(NonFiniteValueException.class, () -> ScenarioStatistics.of(
                "huge", SEED, paths, labels, List.of("cash"), BINS, simulation.pool()));
        NonFiniteValueException streamed = assertThrows(NonFiniteValueException.class,
                () -> streaming.finish("huge", SEED, labels, List.of("cash"), BINS));
        assertTrue(exact.getMessage().contains("the mean of cash over the paths is not finite in Q2"),
                exact.getMessage());
        assertEquals(exact.getMessage(), streamed.getMessage());
    }

    private static double meanMagnitude(double[] values) {
        double sum = 0.0;
        for (double value : values) {
            sum += Math.abs(value);
        }
        return sum / values.length;
    }
}
