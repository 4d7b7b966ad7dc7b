package dev.runway.sim;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.EventKind;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.SamplingMethod;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compiled walk of a model written in the input folder, against closed forms. */
class CompiledModelTest {
    private static final int PATHS = 200_000;
    private static Simulation simulation;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        simulation = new Simulation(2);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    private Scenario model(String... rows) throws InputException {
        return model(List.of(), rows);
    }

    private Scenario model(List<String> events, String... rows) throws InputException {
        List<String> eventRows = new ArrayList<>(List.of(InputFolderFixture.EVENTS_HEADER.replace(",source",
                ",target,source")));
        eventRows.addAll(events);
        Path inputs = InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER,
                        "base,phi,constant,0.6,,,,,test", "base,sigma,constant,2,,,,,test")
                .file(InputReader.SCHEDULE, "scenario,quarter,label,step", "base,1,Q1,1", "base,2,Q2,2",
                        "base,3,Q3,3", "base,4,Q4,4", "base,5,Q5,5", "base,6,Q6,6")
                .file(InputReader.EVENTS, eventRows.toArray(new String[0]))
                .file("model.csv", rows)
                .writeTo(tmp.resolve("inputs"));
        return InputReader.read(inputs).scenarios().get(0);
    }

    /** An AR(1) in two lines: after H quarters from 0 its variance is sigma^2 (1 - phi^2H) / (1 - phi^2). */
    @Test
    void anAutoregressionInTwoLinesHasItsClosedFormVariance() throws InputException {
        Scenario scenario = model("item,formula,initial,unit,source", "z,\"normal(0, 1)\",,,",
                "e,phi * prev(e) + sigma * z,0,,", "breach,e < -100,,,", "report,e,,,");
        PathResults results = simulation.run(scenario, 9L, PATHS, new AtomicLong());
        double[] terminal = results.primaryAt(6);
        double exact = 4 * (1 - Math.pow(0.36, 6)) / (1 - 0.36);
        double variance = new Variance().evaluate(terminal);
        // The sample variance of a normal has a relative standard error of sqrt(2 / (n - 1)).
        assertEquals(exact, variance, 4 * exact * Math.sqrt(2.0 / (PATHS - 1)));
        assertEquals(0.0, new Mean().evaluate(terminal), 4 * Math.sqrt(exact / PATHS));
    }

    /** Schedule columns, lag, quarter, if, min, max, abs, pow, sqrt and prev give their exact values. */
    @Test
    void everyFunctionComputesItsExactValue() throws InputException {
        Scenario scenario = model("item,formula,initial,unit,source",
                "lagged,\"lag(step, 2)\",,,",
                "branch,\"if(quarter >= 3 && !(quarter == 5), 10, -10)\",,,",
                "mixed,\"max(min(step, 4), abs(-2)) + pow(2, 3) + sqrt(16) - exp(0) + log(1)\",,,",
                "total,prev(total) + step / 2,1,,",
                "sum,lagged + branch + mixed + total + 0 * phi * sigma,,,",
                "breach,sum < 0 || quarter > 5,,,", "report,sum,,,");
        PathResults results = simulation.run(scenario, 1L, 4096, new AtomicLong());
        double total = 1;
        for (int q = 1; q <= 6; q++) {
            double lagged = q > 2 ? q - 2 : 0;
            double branch = q >= 3 && q != 5 ? 10 : -10;
            double mixed = Math.max(Math.min(q, 4), 2) + 8 + 4 - 1;
            total += q / 2.0;
            assertEquals(lagged + branch + mixed + total, results.primaryAt(q)[17], 0.0, "quarter " + q);
            assertEquals(q > 5 || lagged + branch + mixed + total < 0, results.breachAt(q)[17], "quarter " + q);
        }
    }

    /**
     * The oracle: the engine's original hand-written kernel and the compiled Nissan model file walk
     * every path of every scenario to the same bits (to the last bit's rounding where a volume shock
     * fires), with the same breaches, under three sampling methods.
     */
    @Test
    void theCompiledNissanModelWalksEveryPathExactlyAsTheHandWrittenKernel() throws InputException {
        CaseInputs nissan = InputReader.read(Path.of("..", "inputs", "nissan"));
        int paths = 2 * Simulation.BLOCK_SIZE;
        for (Scenario scenario : nissan.scenarios()) {
            for (SamplingMethod method : new SamplingMethod[] {SamplingMethod.MC, SamplingMethod.ANTITHETIC,
                SamplingMethod.LHS}) {
                PathKernel compiled = new PathKernel(scenario);
                HandWrittenKernel hand = new HandWrittenKernel(scenario);
                assertEquals(hand.dimensions(), compiled.dimensions());
                PathResults byModel = PathResults.of(scenario, paths);
                PathResults byHand = PathResults.of(scenario, paths);
                UniformRandomProvider[] streams = BlockStreams.forBlocks(77L, 2);
                UniformRandomProvider[] again = BlockStreams.forBlocks(77L, 2);
                for (int b = 0; b < 2; b++) {
                    int first = b * Simulation.BLOCK_SIZE;
                    compiled.simulate(compiled.workspace(), method.prepare(77L, compiled.dimensions(),
                            compiled.drivers(), PathKernel.CHUNK).block(streams[b], first, Simulation.BLOCK_SIZE),
                            byModel, first, Simulation.BLOCK_SIZE, first);
                    hand.simulate(hand.workspace(), method.prepare(77L, hand.dimensions(),
                            HandWrittenKernel.DRIVERS, PathKernel.CHUNK).block(again[b], first, Simulation.BLOCK_SIZE),
                            byHand, first, Simulation.BLOCK_SIZE);
                }
                String what = scenario.name() + " with " + method.cliName();
                // The hand-written kernel adds a volume shock inside the volume's sum, the model right after
                // it: the one scenario with volume shocks differs in the last bit of some sums, no more.
                boolean volumeShocks = scenario.events().stream().anyMatch(e -> e.kind() == EventKind.VOLUME_SHOCK);
                for (int q = 1; q <= scenario.horizon(); q++) {
                    if (volumeShocks) {
                        for (int i = 0; i < paths; i++) {
                            double expected = byHand.primaryAt(q)[i];
                            assertEquals(expected, byModel.primaryAt(q)[i], 1e-12 * Math.abs(expected), what);
                        }
                    } else {
                        assertArrayEquals(byHand.primaryAt(q), byModel.primaryAt(q), what + ", quarter " + q);
                    }
                    assertArrayEquals(byHand.breachAt(q), byModel.breachAt(q), what + ", quarter " + q);
                }
                assertArrayEquals(byHand.firstBreach, byModel.firstBreach, what);
                assertArrayEquals(byHand.injected, byModel.injected, what);
                assertArrayEquals(byHand.injectionFired, byModel.injectionFired, what);
            }
        }
    }

    /** A model too large for one method is cut into several; the cut changes no bit of any path. */
    @Test
    void aModelCutIntoManyMethodsWalksEveryPathAsTheOneMethodDoes() throws InputException {
        CaseInputs nissan = InputReader.read(Path.of("..", "inputs", "nissan"));
        for (Scenario scenario : nissan.scenarios()) {
            PathResults whole = PathResults.of(scenario, Simulation.BLOCK_SIZE);
            PathResults cut = PathResults.of(scenario, Simulation.BLOCK_SIZE);
            simulation.run(new PathKernel(scenario), 5L, SamplingMethod.MC, whole, 0, new AtomicLong());
            // A budget of one item per method: every item in a method of its own, read back from arrays.
            simulation.run(new PathKernel(scenario, PathKernel.Overrides.NONE, 1), 5L, SamplingMethod.MC, cut, 0,
                    new AtomicLong());
            for (int r = 0; r < whole.items(); r++) {
                for (int q = 1; q <= scenario.horizon(); q++) {
                    assertArrayEquals(whole.valueAt(r, q), cut.valueAt(r, q), scenario.name() + " item " + r);
                    assertArrayEquals(whole.breachAt(q), cut.breachAt(q), scenario.name());
                }
            }
            assertArrayEquals(whole.firstBreach, cut.firstBreach, scenario.name());
            assertArrayEquals(whole.injected, cut.injected, scenario.name());
        }
    }

    /**
     * An event moves the item it names, right after its formula, so items computed from it see the
     * move and a state carries it on: a shock to a running total in quarter 2, an injection into
     * another item in quarter 3, and a triggered injection that fires when its item falls below 0.
     */
    @Test
    void eventsMoveTheItemsTheyNameAndStatesCarryTheMove() throws InputException {
        Scenario scenario = model(List.of(
                        "base,dip,cash_shock,,constant,5,,,,2,2,,total,test",
                        "base,boost,injection,,constant,100,,,,3,3,,other,test",
                        "base,rescue,injection,,constant,50,,,,1,6,0,cash,test"),
                "item,formula,initial,unit,source",
                "total,prev(total) + step,0,,",
                "other,total * 2,,,",
                "cash,prev(cash) + other - 20 - 0 * phi * sigma,0,,",
                "breach,cash < -1000,,,", "report,\"cash, total, other\",,,");
        PathResults results = simulation.run(scenario, 3L, 4096, new AtomicLong());
        double total = 0;
        double cash = 0;
        boolean rescued = false;
        for (int q = 1; q <= 6; q++) {
            total += q - (q == 2 ? 5 : 0);
            double other = 2 * total + (q == 3 ? 100 : 0);
            cash += other - 20;
            if (!rescued && cash < 0) {
                cash += 50;
                rescued = true;
            }
            assertEquals(total, results.valueAt(1, q)[9], 0.0, "total, quarter " + q);
            assertEquals(other, results.valueAt(2, q)[9], 0.0, "other, quarter " + q);
            assertEquals(cash, results.primaryAt(q)[9], 0.0, "cash, quarter " + q);
        }
        assertEquals(150.0, results.injected(9), 0.0, "the boost and the rescue");
    }

    /**
     * A model of 400 items is cut into methods small enough for the JIT (one method would be run by
     * the interpreter only, a thousand times slower) and still computes every item exactly.
     */
    @Test
    void aLargeModelIsCutIntoSeveralMethodsAndComputesExactly() throws InputException {
        List<String> rows = new ArrayList<>(List.of("item,formula,initial,unit,source",
                "x0,step + 0 * phi * sigma,,,"));
        for (int k = 1; k < 400; k++) {
            rows.add("x" + k + ",x" + (k - 1) + " + 1,,,");
        }
        rows.add("breach,x399 < 0,,,");
        rows.add("report,x399,,,");
        Scenario scenario = model(rows.toArray(new String[0]));
        String source = ModelCompiler.source(scenario.model());
        assertTrue(source.contains("fast2("), "the walk is cut into several methods");
        PathResults results = simulation.run(scenario, 1L, 4096, new AtomicLong());
        for (int q = 1; q <= 6; q++) {
            assertEquals(q + 399, results.primaryAt(q)[5], 0.0, "quarter " + q);
        }
    }
}
