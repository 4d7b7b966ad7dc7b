package dev.runway.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Confidence intervals for what a Monte Carlo run reports: a probability (the share of paths on
 * which an event happens), a quantile of a path quantity, and a mean.
 *
 * <p><b>When they are valid.</b> All three assume the paths are independent and identically
 * distributed. Variance-reduced sampling (antithetic pairs, Latin hypercube, randomized
 * quasi-Monte Carlo) breaks independence. For antithetic pairs and Latin hypercube sampling of a
 * quantity that is monotone in each input, the variance is no larger than under independent
 * sampling, so these intervals are then conservative (wider than needed). Randomized quasi-Monte
 * Carlo has no such general guarantee (scrambled nets can be up to a constant factor worse than
 * independent sampling on unfavourable integrands), so there the caller should check the width
 * with independent replicates. Deciding whether an interval applies to the sampling method used
 * is the caller's responsibility; these methods cannot see how the paths were drawn.
 *
 * <p>The normal quantile {@code z} is the two-sided one, {@code Φ⁻¹((1 + confidence) / 2)}
 * (1.959964 for 0.95), computed on each call from one shared standard normal; that is a single
 * inverse error function, which is cheap.
 */
public final class Intervals {
    /** Stateless for quantiles; no random generator is attached because nothing here samples. */
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private Intervals() {
    }

    /**
     * The Wilson score interval for a binomial proportion: the set of {@code p} for which
     * {@code |p̂ - p| <= z sqrt(p (1 - p) / n)}, with {@code p̂ = successes / trials}, that is
     *
     * <pre>
     *   centre = (k + z²/2) / (n + z²),   half = z / (n + z²) · sqrt(k (n - k) / n + z²/4)
     * </pre>
     *
     * Unlike the Wald interval {@code p̂ ± z sqrt(p̂(1-p̂)/n)} it stays inside [0, 1] and does not
     * collapse to a point when no path (or every path) hits the event. Its actual coverage
     * oscillates around the nominal level as {@code n p} moves across integers. The ends are
     * clamped to [0, 1]; with 0 successes the lower end is exactly 0 and with {@code trials}
     * successes the upper end is exactly 1 (the formula gives those values up to rounding).
     *
     * @param successes  number of paths on which the event happened, in [0, trials]
     * @param trials     number of independent paths, at least 1
     * @param confidence two-sided confidence level in (0, 1), e.g. 0.95
     * @return {lo, hi}
     */
    public static double[] wilson(long successes, long trials, double confidence) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, found trials=" + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "successes must be in [0, trials], found successes=" + successes + ", trials=" + trials);
        }
        double z = twoSidedZ(confidence);
        double k = successes;
        double n = trials;
        double z2 = z * z;
        double centre = (k + z2 / 2) / (n + z2);
        double half = z / (n + z2) * Math.sqrt(k * (n - k) / n + z2 / 4);
        double lo = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
        double hi = successes == trials ? 1.0 : Math.min(1.0, centre + half);
        return new double[] {lo, hi};
    }

    /**
     * Ranks of two order statistics that bracket the {@code p}-quantile {@code ξ_p} with at least
     * the given confidence, whatever the (continuous) distribution of the sample.
     *
     * <p>With {@code x_(1) <= ... <= x_(n)} the sorted sample (1-based) and
     * {@code X ~ Binomial(n, p)} the number of values at or below {@code ξ_p},
     * {@code x_(j) <= ξ_p} exactly when {@code X >= j}, and {@code ξ_p < x_(k)} exactly when
     * {@code X <= k - 1}, so {@code P(x_(j) <= ξ_p <= x_(k)) = P(j <= X <= k - 1)}. With
     * {@code α = 1 - confidence}, {@code F} the binomial CDF and {@code F⁻¹(q)} the smallest
     * {@code x} with {@code F(x) >= q}, the method returns the 0-based ranks
     *
     * <pre>
     *   l = F⁻¹(α/2) - 1,   u = F⁻¹(1 - α/2)      (1-based j = l + 1, k = u + 1)
     * </pre>
     *
     * so the chance of missing below is {@code F(l) < α/2}, the chance of missing above is
     * {@code 1 - F(u) <= α/2}, and the coverage is {@code F(u) - F(l) >= confidence}. Each end is
     * the tightest that keeps its tail within {@code α/2}: {@code F(l + 1) >= α/2} and
     * {@code 1 - F(u - 1) > α/2}. (This was checked against the exact binomial and by simulation
     * in {@code IntervalsTest}; the formula needed no off-by-one correction.) The binomial inverse is commons-math3's, which takes
     * well under a millisecond even for {@code n} near 2³¹, so no normal approximation is used.
     *
     * <p><b>Too few values.</b> The ranks are clamped to [0, n - 1]. The lower end is clamped when
     * {@code (1 - p)^n >= α/2}: even the sample minimum is above {@code ξ_p} too often, so the
     * honest lower limit is -∞ and the coverage of {@code [x_(0), x_(u)]} (0-based) falls short of
     * the confidence. Likewise the upper end is clamped when {@code p^n > α/2}. Callers that care
     * should check these two conditions.
     *
     * <p>Ties (a discrete or partly discrete quantity) only make the interval more conservative.
     *
     * @param n          sample size, in [1, 2³¹ - 1]
     * @param p          quantile level in (0, 1)
     * @param confidence two-sided confidence level in (0, 1)
     * @return {l, u}, 0-based ranks into the sorted sample with {@code 0 <= l <= u <= n - 1}
     */
    public static int[] orderStatisticRanks(long n, double p, double confidence) {
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("n must be in [1, " + Integer.MAX_VALUE + "], found n=" + n);
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), found p=" + p);
        }
        checkConfidence(confidence);
        double alpha = 1 - confidence;
        BinomialDistribution count = new BinomialDistribution(null, (int) n, p);
        // Long arithmetic: u can reach n = 2^31 - 1 before clamping.
        long lower = (long) count.inverseCumulativeProbability(alpha / 2) - 1;
        long upper = count.inverseCumulativeProbability(1 - alpha / 2);
        int l = (int) Math.max(0, Math.min(lower, n - 1));
        int u = (int) Math.max(0, Math.min(upper, n - 1));
        return new int[] {l, u};
    }

    /**
     * The normal-approximation interval for a mean, {@code mean ± z sd / sqrt(n)}. It relies on
     * the central limit theorem: good for the path counts we run when the quantity has a finite
     * variance, poor for small {@code n} or very heavy tails, where the sample sd itself is
     * unreliable.
     *
     * @param mean       sample mean
     * @param sd         sample standard deviation, finite and at least 0
     * @param n          number of independent paths, at least 1
     * @param confidence two-sided confidence level in (0, 1)
     * @return {lo, hi}
     */
    public static double[] mean(double mean, double sd, long n, double confidence) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, found mean=" + mean);
        }
        if (!(sd >= 0 && sd < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sd must be finite and at least 0, found sd=" + sd);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, found n=" + n);
        }
        double half = twoSidedZ(confidence) * sd / Math.sqrt(n);
        return new double[] {mean - half, mean + half};
    }

    private static double twoSidedZ(double confidence) {
        checkConfidence(confidence);
        return STANDARD_NORMAL.inverseCumulativeProbability((1 + confidence) / 2);
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), found confidence=" + confidence);
        }
    }
}
