package dev.runway.analysis;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Importance sampling against a closed form: in a model whose cash is {@code c0 + 3a + 4b} with
 * {@code a, b} standard normals and a breach below 0, the breach probability is
 * {@code Phi(-c0 / 5)} and the design point is {@code -(c0 / 5) (3/5, 4/5)}.
 */
class RareBreachTest {
    /** c0 / 5 = 3.719: a breach probability of 1.0e-4. */
    private static final double C0 = 5 * 3.719016485455709;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    @TempDir
    Path tmp;

    private Scenario linear(double c0) throws InputException {
        Path folder = InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER, "base,a,normal,0,1,,,x,t",
                        "base,b,normal,0,1,,,x,t", "base,c0,constant," + c0 + ",,,,x,t")
                .file(InputReader.SCHEDULE, "scenario,quarter,label", "base,1,2026Q1")
                .file(InputReader.MODEL, "item,formula,initial,unit,source", "cash,c0 + 3 * a + 4 * b,,x,",
                        "breach,cash < 0,,,", "report,cash,,,")
                .writeTo(tmp.resolve("linear-" + c0));
        return InputReader.read(folder).scenario("base").orElseThrow();
    }

    @Test
    void theDesignPointOfALinearBreachIsItsClosedForm() throws Exception {
        DesignPoint.Result design = DesignPoint.find(linear(C0), 7);
        double beta = C0 / 5;
        // The search finds the breach distance along a direction to within 7.5 / 64^2.
        double resolution = DesignPoint.MAX_DISTANCE / 4096;
        assertEquals(beta, design.distance(), 2 * resolution, "distance");
        double[] point = design.point();
        assertEquals(-beta * 0.6, point[0], 0.02 * beta, "a");
        assertEquals(-beta * 0.8, point[1], 0.02 * beta, "b");
        assertEquals(NORMAL.cumulativeProbability(-beta), design.formProbability(), 0.02 * design.formProbability());
        assertEquals("b", design.inputs().get(0).input(), "b (weight 4) matters more than a (weight 3)");
        assertEquals(0.64, design.inputs().get(0).importance(), 0.02);
    }

    /**
     * Over 40 seeds of 4,096 paths each, the 95% interval covers Phi(-c0 / 5) about 38 times; fewer
     * than 34 has a chance of 1.4% for a correct estimator. A biased one (a weight with the wrong
     * sign, a shift not undone) misses every time: its estimate is off by orders of magnitude.
     */
    @Test
    void theImportanceSamplingIntervalCoversTheExactTailAtItsStatedConfidence() throws Exception {
        Scenario scenario = linear(C0);
        double exact = NORMAL.cumulativeProbability(-C0 / 5);
        DesignPoint.Result design = DesignPoint.find(scenario, 1);
        int seeds = 40;
        int covered = 0;
        double worstReduction = Double.POSITIVE_INFINITY;
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            for (int seed = 1; seed <= seeds; seed++) {
                RareBreach.Estimate estimate = RareBreach.estimate(scenario, design, seed, 4096, pool, new AtomicLong());
                if (estimate.low() <= exact && exact <= estimate.high()) {
                    covered++;
                }
                worstReduction = Math.min(worstReduction, estimate.varianceReduction());
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(new BinomialDistribution(null, seeds, 0.95).cumulativeProbability(33) < 0.02);
        assertTrue(covered >= 34, covered + " of " + seeds + " intervals cover " + exact);
        // Plain Monte Carlo would need thousands of times the paths: 4,096 plain paths see a breach 0.4 times.
        assertTrue(worstReduction > 100, "variance reduction " + worstReduction);
    }

    @Test
    void theEstimateIsTheSameAtAnyThreadCountAndWithoutAShiftIsPlainMonteCarlo() throws Exception {
        Scenario scenario = linear(5 * 1.5);
        DesignPoint.Result design = DesignPoint.find(scenario, 3);
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool two = new ForkJoinPool(2);
        try {
            RareBreach.Estimate single = RareBreach.estimate(scenario, design, 11, 40_000, one, new AtomicLong());
            RareBreach.Estimate dual = RareBreach.estimate(scenario, design, 11, 40_000, two, new AtomicLong());
            assertEquals(single, dual);
            DesignPoint.Result origin = new DesignPoint.Result("base", new double[design.point().length], 0, 1, 0, 0,
                    design.inputs());
            RareBreach.Estimate plain = RareBreach.estimate(scenario, origin, 11, 40_000, two, new AtomicLong());
            // Unshifted, every weight is 1: the estimate is the share of breaching paths, its variance p (1 - p).
            assertEquals((double) plain.breachingPaths() / 40_000, plain.probability(), 0.0);
            assertEquals(1.0, plain.varianceReduction(), 1e-3);
            assertEquals(plain.breachingPaths(), plain.effectiveSamples(), 1e-6);
            double exact = NORMAL.cumulativeProbability(-1.5);
            assertEquals(exact, plain.probability(), 4 * Math.sqrt(exact * (1 - exact) / 40_000));
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }
}
