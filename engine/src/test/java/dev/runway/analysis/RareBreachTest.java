package dev.runway.analysis;

import dev.runway.model.Scenario;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Importance sampling against a closed form: in {@link DesignPointTest}'s scenario the breach is
 * linear in two standard normals, so its probability is {@code Phi(-beta)}, beta the design point's
 * distance, which DesignPointTest checks.
 */
class RareBreachTest {
    /** beta = 3.719: a breach probability of 1.0e-4. */
    private static final double BETA = 3.719016485455709;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /** DesignPointTest's scenario with its breach at distance {@code beta}. */
    private static Scenario linear(double beta) {
        return DesignPointTest.linear(2100 - 500 * beta);
    }

    /**
     * Over 40 seeds of 4,096 paths each, the 95% interval covers Phi(-beta) about 38 times; fewer
     * than 34 has a chance of 1.4% for a correct estimator. A biased one (a weight with the wrong
     * sign, a shift not undone) misses every time: its estimate is off by orders of magnitude.
     */
    @Test
    void theImportanceSamplingIntervalCoversTheExactTailAtItsStatedConfidence() throws Exception {
        Scenario scenario = linear(BETA);
        double exact = NORMAL.cumulativeProbability(-BETA);
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
        Scenario scenario = linear(1.5);
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
