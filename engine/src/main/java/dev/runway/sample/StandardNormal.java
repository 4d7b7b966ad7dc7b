package dev.runway.sample;

import dev.runway.model.QuantileTable;
import org.apache.commons.math3.special.Erf;

/**
 * The standard normal's CDF and its inverse, fast enough for per-path use: they turn normals
 * into uniforms and back when a sampler built on one kind of draw is fed the other (Latin
 * hypercube and quasi-random points are uniforms; copula draws are normals).
 */
public final class StandardNormal {
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double BELOW_ONE = Math.nextDown(1.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    /** Below this (and above 1 - this) erfInv(2p - 1) has lost digits to cancellation; Newton restores them. */
    private static final double TAIL = 1e-4;

    private StandardNormal() {
    }

    /**
     * Phi(z), as the quantile table of the uniform distribution (whose quantile at Phi(z) is
     * Phi(z) itself): absolute error below 1e-10, see QuantileTableTest's beta(1, 1).
     */
    public static double cdf(double z) {
        return Uniform.TABLE.atNormal(z);
    }

    /**
     * Phi(z) to full double precision (commons-math3's erfc), as a uniform on [0, 1): where
     * Phi(z) rounds to 1 the largest double below it. For inputs given or moved in the normal space
     * (a design point, importance sampling), whose uniforms must be exactly those points' and which
     * are not drawn per path-quarter.
     */
    public static double exactUniform(double z) {
        return Math.min(0.5 * Erf.erfc(-z * SQRT_HALF), BELOW_ONE);
    }

    /**
     * Phi^-1(p) for 0 &lt; p &lt; 1: commons-math3's erfInv in the centre; in the tails (below
     * 1e-4 from either end) Newton steps on the exact erfc, so tiny and near-1 probabilities
     * keep their relative precision. Returns -infinity at 0 and +infinity at 1.
     */
    public static double inverseCdf(double p) {
        if (!(p > 0 && p < 1)) {
            if (p == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (p == 1) {
                return Double.POSITIVE_INFINITY;
            }
            throw new IllegalArgumentException("p must be in [0, 1], found " + p);
        }
        boolean upper = p > 0.5;
        double tail = upper ? 1 - p : p;
        double x;
        if (tail >= TAIL) {
            x = SQRT2 * Erf.erfInv(2 * tail - 1);
        } else {
            // Start from erfInv where 2 tail - 1 is still distinguishable from -1, else from the
            // asymptote of the tail; Newton on the exact erfc then converges from the outside.
            x = tail > 1e-15 ? SQRT2 * Erf.erfInv(2 * tail - 1) : -asymptote(tail);
            for (int step = 0; step < 20; step++) {
                double density = Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
                double next = x - (0.5 * Erf.erfc(-x / SQRT2) - tail) / density;
                boolean converged = Math.abs(next - x) <= 1e-15 * Math.abs(x);
                x = next;
                if (converged) {
                    break;
                }
            }
        }
        return upper ? -x : x;
    }

    /** |z| with Phi(-|z|) = tail for a tiny tail, from Mills' ratio: sqrt(2 L - ln(2 pi 2 L)), L = -ln tail. */
    private static double asymptote(double tail) {
        double twiceLog = -2 * Math.log(tail);
        return Math.sqrt(twiceLog - Math.log(2 * Math.PI * twiceLog));
    }

    /** Holds the table until first use. */
    private static final class Uniform {
        static final QuantileTable TABLE = QuantileTable.beta(1, 1);
    }
}
