package dev.runway.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The Wilson, order-statistic and mean intervals: closed forms recomputed here by a different
 * route, exact coverage summed from the binomial probability mass function, and coverage counted
 * in seeded simulations whose tolerance is four binomial standard errors of the share counted.
 */
class IntervalsTest {
    /** Φ⁻¹(0.975), written out so the tests do not share the code path that computes it. */
    private static final double Z95 = 1.959963984540054;
    private static final double Z99 = 2.5758293035489004;

    // ---------------------------------------------------------------- Wilson

    /**
     * The Wilson interval as the two roots in p of the score equation
     * {@code (p̂ - p)² = z² p (1 - p) / n}, i.e. of
     * {@code (1 + z²/n) p² - (2 p̂ + z²/n) p + p̂² = 0}: the same interval reached by a different
     * formula than the centre-and-half-width one in {@link Intervals}.
     */
    private static double[] wilsonByQuadratic(long k, long n, double z) {
        double phat = (double) k / n;
        double a = 1 + z * z / n;
        double b = -(2 * phat + z * z / n);
        double c = phat * phat;
        double root = Math.sqrt(b * b - 4 * a * c);
        return new double[] {(-b - root) / (2 * a), (-b + root) / (2 * a)};
    }

    @Test
    void wilsonEqualsTheRootsOfTheScoreEquation() {
        long[][] cases = {{0, 10}, {5, 10}, {1, 1000}, {3, 7}, {999, 1000}, {10, 10}};
        for (long[] kn : cases) {
            double[] expected = wilsonByQuadratic(kn[0], kn[1], Z95);
            double[] actual = Intervals.wilson(kn[0], kn[1], 0.95);
            // Two algebraically equal formulas in double precision; the quadratic's cancellation
            // costs a few digits near 0 and 1, far inside 1e-12.
            assertArrayEquals(expected, actual, 1e-12, "k=" + kn[0] + ", n=" + kn[1]);
        }
        // Commonly tabulated 95% Wilson intervals, rounded to 4 decimals.
        assertArrayEquals(new double[] {0.0, 0.2775}, Intervals.wilson(0, 10, 0.95), 5e-5);
        assertArrayEquals(new double[] {0.2366, 0.7634}, Intervals.wilson(5, 10, 0.95), 5e-5);
    }

    @Test
    void wilsonEndsSatisfyTheScoreEquationAtTheRequestedConfidence() {
        for (double confidence : new double[] {0.8, 0.95, 0.99}) {
            double z = new NormalDistribution().inverseCumulativeProbability((1 + confidence) / 2);
            double[] interval = Intervals.wilson(37, 200, confidence);
            for (double p : interval) {
                double score = Math.abs(37.0 / 200 - p) / Math.sqrt(p * (1 - p) / 200);
                assertEquals(z, score, 1e-9, "score at end " + p + ", confidence " + confidence);
            }
        }
    }

    @Test
    void wilsonIsExactlyZeroAtNoSuccessesAndExactlyOneAtAllSuccesses() {
        for (long n : new long[] {1, 10, 1000, 1_000_000_000L}) {
            double[] none = Intervals.wilson(0, n, 0.95);
            double[] all = Intervals.wilson(n, n, 0.95);
            assertEquals(0.0, none[0], 0.0, "lo at 0 of " + n);
            assertEquals(1.0, all[1], 0.0, "hi at " + n + " of " + n);
            assertTrue(none[1] > 0 && none[1] < 1, "hi at 0 of " + n + " is " + none[1]);
            assertTrue(all[0] > 0 && all[0] < 1, "lo at " + n + " of " + n + " is " + all[0]);
            // Symmetry: k successes and n - k failures give mirrored intervals.
            assertEquals(1 - none[1], all[0], 1e-12, "mirror at n=" + n);
        }
    }

    @Test
    void wilsonRejectsBadArgumentsNamingTheValue() {
        assertMessageNames("successes=-1", () -> Intervals.wilson(-1, 10, 0.95));
        assertMessageNames("successes=11", () -> Intervals.wilson(11, 10, 0.95));
        assertMessageNames("trials=0", () -> Intervals.wilson(0, 0, 0.95));
        assertMessageNames("confidence=0.0", () -> Intervals.wilson(1, 10, 0.0));
        assertMessageNames("confidence=1.0", () -> Intervals.wilson(1, 10, 1.0));
        assertMessageNames("confidence=NaN", () -> Intervals.wilson(1, 10, Double.NaN));
    }

    /** Exact coverage of the 95% Wilson interval: the binomial mass of the k whose interval holds p. */
    private static double exactWilsonCoverage(int n, double p) {
        BinomialDistribution binomial = new BinomialDistribution(null, n, p);
        double coverage = 0;
        for (int k = 0; k <= n; k++) {
            double[] interval = Intervals.wilson(k, n, 0.95);
            if (interval[0] <= p && p <= interval[1]) {
                coverage += binomial.probability(k);
            }
        }
        return coverage;
    }

    @Test
    void wilsonExactCoverageStaysNearNominalForFiveHundredPaths() {
        // Wilson's coverage oscillates around the nominal level as n p crosses integers (Brown,
        // Cai and DasGupta 2001); 0.93..0.97 is the band we accept. Measured: 0.9645, 0.9547, 0.9442.
        for (double p : new double[] {0.02, 0.3, 0.75}) {
            double coverage = exactWilsonCoverage(500, p);
            assertTrue(coverage >= 0.93 && coverage <= 0.97, "exact coverage at p=" + p + " is " + coverage);
        }
    }

    @Test
    void wilsonSimulatedCoverageMatchesTheExactCoverage() {
        SplittableRandom random = new SplittableRandom(20250601L);
        int n = 500;
        int replicates = 4000;
        for (double p : new double[] {0.02, 0.3, 0.75}) {
            int covered = 0;
            for (int r = 0; r < replicates; r++) {
                int successes = 0;
                for (int i = 0; i < n; i++) {
                    if (random.nextDouble() < p) {
                        successes++;
                    }
                }
                double[] interval = Intervals.wilson(successes, n, 0.95);
                if (interval[0] <= p && p <= interval[1]) {
                    covered++;
                }
            }
            double expected = exactWilsonCoverage(n, p);
            double standardError = Math.sqrt(expected * (1 - expected) / replicates); // ~0.0034
            double share = (double) covered / replicates;
            assertEquals(expected, share, 4 * standardError, "simulated coverage at p=" + p);
        }
    }

    // ---------------------------------------------------------------- order statistics

    /** P(a <= X <= b) for X ~ binomial, summed from the mass function rather than the CDF. */
    private static double mass(BinomialDistribution binomial, long a, long b) {
        double sum = 0;
        for (long x = Math.max(a, 0); x <= Math.min(b, binomial.getNumberOfTrials()); x++) {
            sum += binomial.probability((int) x);
        }
        return sum;
    }

    @Test
    void orderStatisticRanksCoverTheQuantileWithTheRequestedConfidenceByTheExactBinomial() {
        double confidence = 0.95;
        double halfAlpha = (1 - confidence) / 2;
        for (int n : new int[] {20, 100, 1000, 100_000}) {
            for (double p : new double[] {0.01, 0.05, 0.5, 0.95}) {
                String where = "n=" + n + ", p=" + p;
                int[] ranks = Intervals.orderStatisticRanks(n, p, confidence);
                int l = ranks[0];
                int u = ranks[1];
                assertTrue(0 <= l && l <= u && u <= n - 1, where + ": ranks " + Arrays.toString(ranks));
                int typeSeven = (int) Math.floor((n - 1) * p);
                assertTrue(l <= typeSeven && typeSeven <= u,
                        where + ": point estimate rank " + typeSeven + " outside " + Arrays.toString(ranks));

                // 0-based rank r is the 1-based x_(r+1); x_(j) <= ξ_p <= x_(k) iff j <= X <= k - 1.
                BinomialDistribution count = new BinomialDistribution(null, n, p);
                double missBelow = mass(count, 0, l);       // fewer than l + 1 values at or below ξ_p
                double coverage = mass(count, l + 1, u);
                double missAbove = mass(count, u + 1, n);   // u + 1 or more values at or below ξ_p
                assertEquals(1.0, missBelow + coverage + missAbove, 1e-9, where + ": masses");

                boolean lowerClamped = Math.pow(1 - p, n) >= halfAlpha;
                boolean upperClamped = Math.pow(p, n) > halfAlpha;
                if (lowerClamped) {
                    assertEquals(0, l, where + ": lower end must sit at the minimum");
                } else {
                    assertTrue(missBelow <= halfAlpha + 1e-9, where + ": P(miss below) = " + missBelow);
                    // Tightness: one rank higher would miss below too often.
                    assertTrue(mass(count, 0, l + 1) >= halfAlpha - 1e-9, where + ": lower end is not the tightest");
                }
                if (upperClamped) {
                    assertEquals(n - 1, u, where + ": upper end must sit at the maximum");
                } else {
                    assertTrue(missAbove <= halfAlpha + 1e-9, where + ": P(miss above) = " + missAbove);
                    assertTrue(mass(count, u, n) > halfAlpha - 1e-9, where + ": upper end is not the tightest");
                }
                if (!lowerClamped && !upperClamped) {
                    assertTrue(coverage >= confidence - 1e-9, where + ": exact coverage " + coverage);
                }
            }
        }
    }

    @Test
    void orderStatisticIntervalCoversTheNormalFivePercentQuantileAsOftenAsTheBinomialSays() {
        int n = 400;
        double p = 0.05;
        int samples = 2000;
        int[] ranks = Intervals.orderStatisticRanks(n, p, 0.95);
        double quantile = new NormalDistribution().inverseCumulativeProbability(p);
        SplittableRandom random = new SplittableRandom(424242L);
        double[] sample = new double[n];
        int covered = 0;
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < n; i += 2) {
                // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
                double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
                double angle = 2 * Math.PI * random.nextDouble();
                sample[i] = radius * Math.cos(angle);
                sample[i + 1] = radius * Math.sin(angle);
            }
            Arrays.sort(sample);
            if (sample[ranks[0]] <= quantile && quantile <= sample[ranks[1]]) {
                covered++;
            }
        }
        double expected = mass(new BinomialDistribution(null, n, p), ranks[0] + 1, ranks[1]);
        double standardError = Math.sqrt(expected * (1 - expected) / samples); // ~0.0043
        double share = (double) covered / samples;
        assertEquals(expected, share, 4 * standardError, "simulated coverage of ranks " + Arrays.toString(ranks));
    }

    @Test
    void orderStatisticRanksForABillionPathsAgreeWithTheNormalApproximation() {
        long n = 1_000_000_000L;
        for (double p : new double[] {0.01, 0.5, 0.95}) {
            int[] ranks = Intervals.orderStatisticRanks(n, p, 0.95);
            double mean = n * p;
            double sd = Math.sqrt(n * p * (1 - p));
            // Normal ends np ± z sd, 0-based: the lower end drops one rank. The binomial's skew
            // moves the exact quantile by (z² - 1)(1 - 2p)/6 < 0.5 of a rank, the step from a
            // continuous to an integer quantile by less than one more.
            assertEquals(mean - Z95 * sd - 1, ranks[0], 2.0, "lower rank at p=" + p);
            assertEquals(mean + Z95 * sd, ranks[1], 2.0, "upper rank at p=" + p);
        }
    }

    @Test
    void orderStatisticRanksRejectBadArgumentsNamingTheValue() {
        assertMessageNames("n=0", () -> Intervals.orderStatisticRanks(0, 0.5, 0.95));
        assertMessageNames("n=2147483648", () -> Intervals.orderStatisticRanks(1L << 31, 0.5, 0.95));
        assertMessageNames("p=0.0", () -> Intervals.orderStatisticRanks(100, 0.0, 0.95));
        assertMessageNames("p=1.0", () -> Intervals.orderStatisticRanks(100, 1.0, 0.95));
        assertMessageNames("confidence=1.5", () -> Intervals.orderStatisticRanks(100, 0.5, 1.5));
    }

    // ---------------------------------------------------------------- mean

    @Test
    void meanIntervalIsTheMeanPlusOrMinusZTimesTheStandardError() {
        assertArrayEquals(new double[] {10 - Z95 * 0.2, 10 + Z95 * 0.2}, Intervals.mean(10, 2, 100, 0.95), 1e-12);
        assertArrayEquals(new double[] {-Z99 * 3 / 50, Z99 * 3 / 50}, Intervals.mean(0, 3, 2500, 0.99), 1e-12);
        assertArrayEquals(new double[] {7, 7}, Intervals.mean(7, 0, 1, 0.95), 0.0);
    }

    @Test
    void meanRejectsBadArgumentsNamingTheValue() {
        assertMessageNames("sd=-1.0", () -> Intervals.mean(0, -1, 10, 0.95));
        assertMessageNames("sd=NaN", () -> Intervals.mean(0, Double.NaN, 10, 0.95));
        assertMessageNames("mean=Infinity", () -> Intervals.mean(Double.POSITIVE_INFINITY, 1, 10, 0.95));
        assertMessageNames("n=0", () -> Intervals.mean(0, 1, 0, 0.95));
        assertMessageNames("confidence=-0.5", () -> Intervals.mean(0, 1, 10, -0.5));
    }

    private static void assertMessageNames(String value, Runnable call) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(error.getMessage().contains(value), "message '" + error.getMessage() + "' should name " + value);
    }
}
