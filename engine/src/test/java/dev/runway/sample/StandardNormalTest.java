package dev.runway.sample;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Phi and Phi^-1 against commons-math3's erfc, which keeps its relative precision in the tails. */
class StandardNormalTest {

    /** The lower tail Phi(-|z|) (or upper, by symmetry) as 0.5 erfc(|z| / sqrt 2): no cancellation. */
    private static double tail(double z) {
        return 0.5 * Erf.erfc(Math.abs(z) / Math.sqrt(2));
    }

    @Test
    void inverseCdfKeepsRelativePrecisionFromTheCentreToTheFarTails() {
        double[] probabilities = {1e-300, 1e-100, 1e-20, 1e-12, 1e-6, 1e-4 / 2, 0.001, 0.02, 0.3, 0.5};
        for (double p : probabilities) {
            double z = StandardNormal.inverseCdf(p);
            // A z exact to an ulp moves Phi(z) by |z| phi(z) ulp ~ z^2 Phi(z) 2.2e-16 in the tail:
            // the best a double z can do, allowed four times over (and never below 1e-13).
            double tolerance = Math.max(1e-13, 4 * z * z * Math.ulp(1.0)) * p;
            assertEquals(p, p == 0.5 ? 0.5 : tail(z), tolerance, "Phi(Phi^-1(" + p + "))");
            // 1 - p is rounded, but 1 - (1 - p) is then exact, so the two quantiles must mirror.
            double upper = 1 - p;
            if (upper < 1) {
                assertEquals(-StandardNormal.inverseCdf(1 - upper), StandardNormal.inverseCdf(upper),
                        1e-14 * Math.max(1, Math.abs(z)), "symmetry at " + p);
            }
        }
    }

    @Test
    void inverseCdfAgreesWithCommonsMathInTheCentre() {
        NormalDistribution standard = new NormalDistribution(0, 1);
        for (double p = 0.001; p < 1; p += 0.00731) {
            assertEquals(standard.inverseCumulativeProbability(p), StandardNormal.inverseCdf(p), 1e-12, "p = " + p);
        }
    }

    @Test
    void inverseCdfIsInfiniteAtTheEndsAndRefusesOutsideThem() {
        assertEquals(Double.NEGATIVE_INFINITY, StandardNormal.inverseCdf(0));
        assertEquals(Double.POSITIVE_INFINITY, StandardNormal.inverseCdf(1));
        assertThrows(IllegalArgumentException.class, () -> StandardNormal.inverseCdf(1.5));
        assertThrows(IllegalArgumentException.class, () -> StandardNormal.inverseCdf(Double.NaN));
    }

    @Test
    void cdfMatchesCommonsMathWithinTheTablesStatedError() {
        NormalDistribution standard = new NormalDistribution(0, 1);
        for (double z = -9; z <= 9; z += 0.0137) {
            // 1e-10: the measured error of the uniform's quantile table (QuantileTableTest, beta(1, 1)).
            assertEquals(standard.cumulativeProbability(z), StandardNormal.cdf(z), 1e-10, "z = " + z);
        }
    }
}
