package dev.runway.sim;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.EventKind;
import dev.runway.model.Scenario;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.RandomInputs;
import dev.runway.sample.SamplingMethod;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events as MODEL.md §3 defines them, checked path by path against an independent replay. */
class EventTest {
    private static Simulation simulation;

    @BeforeAll
    static void start() {
        simulation = new Simulation(2);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    /**
     * Cash falls by 100 a quarter from an opening drawn on [500, 1500]. A rescue of 300 is
     * triggered below 800 in quarters 2..6. Replaying each path by hand: it fires at the first
     * quarter of the window whose cash before injections is below 800, once, even though cash stays
     * below the trigger afterwards.
     */
    @Test
    void triggeredInjectionFiresOnlyBelowTheTriggerAtTheFirstSuchQuarterAndAtMostOnce() {
        int horizon = 8;
        Scenario scenario = new ScenarioBuilder(horizon)
                .driver("opening_cash", Distribution.of(DistributionKind.UNIFORM, 500, 1500))
                .fixedCosts(100)
                .event(Event.triggeredInjection("rescue", 1.0, Distribution.constant(300), 2, 6, 800))
                .build();
        int paths = 5_000;
        PathResults results = simulation.run(scenario, 99L, paths, new AtomicLong());
        int fired = 0;
        int neverNeeded = 0;
        for (int i = 0; i < paths; i++) {
            double opening = results.primaryAt(1)[i] + 100;
            int expectedQuarter = 0;
            for (int q = 2; q <= 6 && expectedQuarter == 0; q++) {
                if (opening - 100 * q < 800) {
                    expectedQuarter = q;
                }
            }
            for (int q = 1; q <= horizon; q++) {
                double expected = opening - 100 * q + (expectedQuarter > 0 && q >= expectedQuarter ? 300 : 0);
                assertEquals(expected, results.primaryAt(q)[i], 1e-9, "path " + i + " quarter " + q);
            }
            assertEquals(expectedQuarter > 0, results.injectionFired(i), "path " + i);
            assertEquals(expectedQuarter > 0 ? 300.0 : 0.0, results.injected(i), 0.0, "path " + i);
            fired += expectedQuarter > 0 ? 1 : 0;
            neverNeeded += opening >= 1400 ? 1 : 0;
        }
        assertTrue(fired > 0 && neverNeeded > 0, "both kinds of path occur: " + fired + " fired, " + neverNeeded
                + " never needed it");
    }

    /**
     * Two rescues triggered below 800 and below 600 in the same quarter: each compares the cash
     * before any injection of the quarter, so both fire when it is below 600, whatever their order.
     */
    @Test
    void everyTriggerComparesTheCashBeforeAnyInjectionOfTheQuarter() {
        for (boolean smallFirst : new boolean[] {true, false}) {
            Event above = Event.triggeredInjection("above", 1.0, Distribution.constant(500), 1, 1, 800);
            Event below = Event.triggeredInjection("below", 1.0, Distribution.constant(100), 1, 1, 600);
            Scenario scenario = new ScenarioBuilder(1)
                    .driver("opening_cash", Distribution.constant(500))
                    .event(smallFirst ? below : above).event(smallFirst ? above : below).build();
            PathResults results = simulation.run(scenario, 1L, 10, new AtomicLong());
            assertEquals(500 + 500 + 100, results.primaryAt(1)[0], 1e-9, "both fire, in either order");
        }
    }

    @Test
    void aTriggeredInjectionThatIsOffNeverFires() {
        Scenario scenario = new ScenarioBuilder(4).fixedCosts(100)
                .event(Event.triggeredInjection("rescue", 0.0, Distribution.constant(300), 1, 4, 1e9)).build();
        PathResults results = simulation.run(scenario, 3L, 1000, new AtomicLong());
        for (int i = 0; i < results.paths(); i++) {
            assertFalse(results.injectionFired(i));
        }
    }

    /**
     * A cash shock of 50 with probability 0.4, in a quarter drawn uniformly from 3..6: the share of
     * paths hit and the quarter it lands in are checked with chi-square tests.
     */
    @Test
    void scheduledShockFiresWithItsProbabilityInAUniformlyDrawnQuarter() {
        Scenario scenario = new ScenarioBuilder(8)
                .event(Event.scheduled("recall", EventKind.CASH_SHOCK, 0.4, Distribution.constant(50), 3, 6))
                .build();
        int paths = 40_000;
        PathResults results = simulation.run(scenario, 5L, paths, new AtomicLong());
        long[] landed = new long[5];
        for (int i = 0; i < paths; i++) {
            int quarter = 0;
            for (int q = 1; q <= 8 && quarter == 0; q++) {
                if (results.primaryAt(q)[i] < 0) {
                    quarter = q;
                    assertEquals(-50.0, results.primaryAt(8)[i], 0.0, "the shock hits once");
                }
            }
            landed[quarter == 0 ? 0 : quarter - 2]++;
        }
        double[] expected = {0.6 * paths, 0.1 * paths, 0.1 * paths, 0.1 * paths, 0.1 * paths};
        double pValue = new ChiSquareTest().chiSquareTest(expected, landed);
        assertTrue(pValue > 1e-3, "off 60%, each of quarters 3..6 10%: p = " + pValue);
    }

    @Test
    void volumeShockPersistsInEveryLaterQuarter() {
        Scenario scenario = new ScenarioBuilder(4)
                .driver("contribution_margin", Distribution.constant(1.0)).baseRevenue(100)
                .event(Event.scheduled("tariff", EventKind.VOLUME_SHOCK, 1.0, Distribution.constant(Math.log(0.5)), 2, 2))
                .build();
        PathResults results = simulation.run(scenario, 5L, 1, new AtomicLong());
        assertEquals(100, results.primaryAt(1)[0], 1e-9);
        assertEquals(150, results.primaryAt(2)[0], 1e-9);
        assertEquals(250, results.primaryAt(4)[0], 1e-9);
    }

    @Test
    void scheduledInjectionCountsAsFiredAndIsRecordedAfterTheQuarter() {
        Scenario scenario = new ScenarioBuilder(3).fixedCosts(10)
                .event(Event.scheduled("asset_sale", EventKind.INJECTION, 1.0, Distribution.constant(100), 2, 2))
                .driver("min_liquidity", Distribution.constant(-15))
                .build();
        PathResults results = simulation.run(scenario, 5L, 1, new AtomicLong());
        assertTrue(results.injectionFired(0));
        assertEquals(100, results.injected(0), 0.0);
        assertEquals(80, results.primaryAt(2)[0], 1e-9);
        assertEquals(0, results.firstBreach(0), "cash is -10 after quarter 1, above -15, then 80 and 70");
    }
    /** What MODEL.md §3 says an event of a kind does: the amount it is drawn with and how cash moves. */
    private record Documented(double amount, double[] cashChange, boolean countsAsInjection) {
    }

    /**
     * Revenue 100 a quarter at a margin of 1; the event fires for sure in quarter 2. The switch has
     * no default, so a new kind does not compile until its documented effect is written here.
     */
    private static Documented documented(EventKind kind) {
        return switch (kind) {
            // Paid into cash in quarter 2 and kept; counted as an injection that fired.
            case INJECTION -> new Documented(30, new double[] {0, 30, 30, 30}, true);
            // Taken from cash in quarter 2, for good.
            case CASH_SHOCK -> new Documented(30, new double[] {0, -30, -30, -30}, false);
            // Log volume falls by ln 2 from quarter 2 on, so every later quarter earns 50 instead of 100.
            case VOLUME_SHOCK -> new Documented(Math.log(0.5), new double[] {0, -50, -100, -150}, false);
        };
    }

    /**
     * Every kind fires and moves its default target as documented, in the compiled walk and in the
     * hand-written kernel alike, and only the kinds documented as injections count as one.
     */
    @ParameterizedTest
    @EnumSource(EventKind.class)
    void everyKindFiresAndMovesItsTargetAsDocumented(EventKind kind) {
        Documented documented = documented(kind);
        ScenarioBuilder base = new ScenarioBuilder(4).driver("contribution_margin", Distribution.constant(1.0))
                .baseRevenue(100);
        Scenario without = base.build();
        Scenario with = base.event(Event.scheduled("event", kind, 1.0, Distribution.constant(documented.amount()),
                2, 2)).build();
        PathResults before = simulation.run(without, 5L, 1, new AtomicLong());
        for (PathResults after : new PathResults[] {simulation.run(with, 5L, 1, new AtomicLong()), byHand(with)}) {
            for (int q = 1; q <= 4; q++) {
                assertEquals(documented.cashChange()[q - 1], after.primaryAt(q)[0] - before.primaryAt(q)[0], 1e-9,
                        kind + " in quarter " + q);
            }
            assertEquals(documented.countsAsInjection(), after.injectionFired(0), kind + " counts as fired");
            assertEquals(documented.countsAsInjection() ? documented.amount() : 0.0, after.injected(0), 0.0,
                    kind + " counts as injected");
        }
    }

    /** One path of the scenario walked by the hand-written kernel, the oracle of the standard model. */
    private static PathResults byHand(Scenario scenario) {
        HandWrittenKernel hand = new HandWrittenKernel(scenario);
        PathResults out = PathResults.of(scenario, 1);
        RandomInputs inputs = SamplingMethod.MC.prepare(5L, hand.dimensions(), HandWrittenKernel.DRIVERS,
                PathKernel.CHUNK).block(BlockStreams.forBlocks(5L, 1)[0], 0, 1);
        hand.simulate(hand.workspace(), inputs, out, 0, 1);
        return out;
    }
}
