package dev.runway.analysis;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.ScenarioBuilder;
import dev.runway.sim.Simulation;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a breach looks like: the comparison of an input's values on breaching and other paths
 * against a direct computation, and the explanation of scenarios of the standard model whose breach
 * is known: one quarter, cash = opening_cash + 1000 contribution_margin - 200, in breach below
 * min_liquidity.
 */
class ExplainTest {
    private static final long SEED = 20250513L;
    private static final int PATHS = 4096;
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
     * Eleven values on each side, so each side's P10, median and P90 are its order statistics 1, 5
     * and 9 (type 7: h = 10 p), with ties and zeros, as an event's amounts have.
     */
    @Test
    void theComparisonIsTheDirectComputationsOnEachSide() {
        double[] breaching = {0, 0, 5, 1, 3, 0, 2, 7, 4, 0, 6};
        double[] others = {2, 9, 0, 8, 4, 6, 5, 7, 3, 8, 0};
        double[] values = new double[22];
        boolean[] breached = new boolean[22];
        // Interleaved, so the split is by the flags and not by position.
        for (int i = 0; i < 11; i++) {
            values[2 * i] = others[i];
            values[2 * i + 1] = breaching[i];
            breached[2 * i + 1] = true;
        }

        Explain.Comparison c = Explain.compare(values, breached, 11);

        double[] b = breaching.clone();
        double[] o = others.clone();
        Arrays.sort(b);
        Arrays.sort(o);
        assertEquals(new Explain.Percentiles(b[1], b[5], b[9]), c.breaching());
        assertEquals(new Explain.Percentiles(o[1], o[5], o[9]), c.others());
        assertEquals((mean(breaching) - mean(others)) / sd(values), c.shiftSd(), 1e-12);
        assertEquals(ks(breaching, others), c.separation(), 1e-12);
        assertEquals(new Explain.Percentiles(pit(values, b[1]), pit(values, b[5]), pit(values, b[9])),
                c.breachingPit());
        assertEquals(new Explain.Percentiles(pit(values, o[1]), pit(values, o[5]), pit(values, o[9])),
                c.othersPit());
        assertEquals(7.0 / 11, c.breachingNonZero(), 1e-15, "four zeros among the breaching");
        assertEquals(9.0 / 11, c.othersNonZero(), 1e-15, "two among the others");
    }

    @Test
    void theInputThatCausesTheBreachRanksFirstAndTheOthersAreNoise() {
        // Only opening_cash matters: with no savings target and no restructuring cost, the
        // realization and the overrun multiply nothing. Breach iff opening_cash < 1900.
        Scenario scenario = new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.of(DistributionKind.NORMAL, 2000, 300))
                .driver("contribution_margin", Distribution.constant(0.3))
                .driver("savings_realization", Distribution.of(DistributionKind.UNIFORM, 0, 1))
                .driver("restructuring_overrun", Distribution.of(DistributionKind.LOGNORMAL, 0, 0.25))
                .driver("min_liquidity", Distribution.constant(2000))
                .baseRevenue(1000).fixedCosts(200).build();

        Explain.Result result = Explain.of(simulation, scenario, SEED, SamplingMethod.MC, PATHS);

        assertTrue(result.compared(), result.comparisonNote());
        List<Explain.Row> ranked = result.rows().stream().filter(Explain.Row::compared).toList();
        assertEquals("opening_cash", ranked.get(0).input());
        assertEquals(Set.of("savings_realization", "restructuring_overrun"),
                Set.of(ranked.get(1).input(), ranked.get(2).input()), "every random driver is compared");
        Explain.Row opening = ranked.get(0);
        assertEquals(1, opening.rank());
        assertEquals(1.0, opening.separation(), 0.0, "every breaching path's opening cash is below every other's");
        assertTrue(opening.breaching().p90() < 1900 && opening.others().p10() >= 1900);
        // Two samples from one distribution exceed twice the 95% noise level with a chance of 2e-6.
        for (Explain.Row noise : ranked.subList(1, ranked.size())) {
            assertTrue(noise.separation() < 2 * result.separationNoise(), noise.input() + ": " + noise.separation()
                    + " against noise " + result.separationNoise());
        }
        // The run's own paths: as many breach as in a plain run from the seed.
        PathResults plain = simulation.run(scenario, PathKernel.Overrides.NONE, SEED, SamplingMethod.MC,
                PathResults.of(scenario, PATHS), 0, new AtomicLong());
        int breaching = 0;
        for (int i = 0; i < PATHS; i++) {
            breaching += plain.firstBreach(i) > 0 ? 1 : 0;
        }
        assertEquals(breaching, result.breachingPaths());
        assertEquals(new Explain.Timing(1, "Q1", breaching, 1.0, 1.0), result.timing().get(0));
        assertEquals("opening_cash", result.designPoint().inputs().get(0).input());
        assertEquals(1.0 / 3, result.designPoint().distance(), DesignPoint.MAX_DISTANCE / 4096 + 1e-9,
                "100 above the level, with an sd of 300");
    }

    @Test
    void tooFewBreachingPathsAreNotComparedAndTheNoteGivesTheirCount() {
        // Breach iff opening_cash < 1100, three sd below its mean: about 5.5 of 4,096 paths.
        Scenario scenario = new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.of(DistributionKind.NORMAL, 2000, 300))
                .driver("contribution_margin", Distribution.constant(0.3))
                .driver("min_liquidity", Distribution.constant(1200))
                .baseRevenue(1000).fixedCosts(200).build();

        Explain.Result result = Explain.of(simulation, scenario, SEED, SamplingMethod.MC, PATHS);

        int breaching = result.breachingPaths();
        assertTrue(breaching > 0 && breaching < Explain.MIN_BREACHES, breaching + " breaching paths");
        assertFalse(result.compared());
        assertEquals(String.format("only %d of the 4,096 paths breach; comparing breaching paths with the others "
                + "needs at least %d of them", breaching, Explain.MIN_BREACHES), result.comparisonNote());
        double share = (double) breaching / PATHS;
        assertTrue(result.suggestedPaths() >= Explain.MIN_BREACHES / share
                && result.suggestedPaths() < 1.1 * Explain.MIN_BREACHES / share, result.suggestedPaths() + " paths");
        assertTrue(result.rows().stream().noneMatch(Explain.Row::compared));
        assertTrue(Double.isNaN(result.separationNoise()));
        // The design point does not need the paths: three sd away.
        assertEquals(3.0, result.designPoint().distance(), DesignPoint.MAX_DISTANCE / 4096 + 1e-9);
        assertEquals(new NormalDistribution(0, 1).cumulativeProbability(-3), result.designPoint().formProbability(),
                1e-4);
    }

    @Test
    void aScenarioThatNeverBreachesSaysSoAndHasNoDesignPoint() {
        Scenario scenario = new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.of(DistributionKind.UNIFORM, 2000, 2100))
                .driver("min_liquidity", Distribution.constant(1000))
                .baseRevenue(1000).fixedCosts(200).build();

        Explain.Result result = Explain.of(simulation, scenario, SEED, SamplingMethod.MC, PATHS);

        assertEquals(0, result.breachingPaths());
        assertEquals("none of the 4,096 paths breaches; comparing breaching paths with the others needs at least "
                + Explain.MIN_BREACHES + " of them", result.comparisonNote());
        assertEquals(0, result.suggestedPaths(), "no number of paths would do");
        assertNull(result.designPoint());
        assertTrue(result.designPointNote().startsWith("no breach in "), result.designPointNote());
        assertTrue(Double.isNaN(result.timing().get(0).share()));
    }

    @Test
    void aScenarioWhereEveryPathBreachesHasNothingToCompareWith() {
        Scenario scenario = new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.of(DistributionKind.UNIFORM, 2000, 2100))
                .driver("min_liquidity", Distribution.constant(5000))
                .baseRevenue(1000).fixedCosts(200).build();

        Explain.Result result = Explain.of(simulation, scenario, SEED, SamplingMethod.MC, PATHS);

        assertEquals(PATHS, result.breachingPaths());
        assertEquals("all 4,096 paths breach; comparing breaching paths with the others needs at least "
                + Explain.MIN_BREACHES + " of those", result.comparisonNote());
        assertEquals(0.0, result.designPoint().distance(), "the median path breaches");
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).sum() / values.length;
    }

    private static double sd(double[] values) {
        double mean = mean(values);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
    }

    /** The largest gap between the two empirical distribution functions, at every value either takes. */
    private static double ks(double[] x, double[] y) {
        double largest = 0;
        for (double v : concat(x, y)) {
            largest = Math.max(largest, Math.abs(atOrBelow(x, v) - atOrBelow(y, v)));
        }
        return largest;
    }

    private static double atOrBelow(double[] values, double v) {
        return (double) Arrays.stream(values).filter(x -> x <= v).count() / values.length;
    }

    /** The share of the values below v, those equal to it counted half. */
    private static double pit(double[] values, double v) {
        long below = Arrays.stream(values).filter(x -> x < v).count();
        long equal = Arrays.stream(values).filter(x -> x == v).count();
        return (below + 0.5 * equal) / values.length;
    }

    private static double[] concat(double[] x, double[] y) {
        double[] all = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        return all;
    }
}
