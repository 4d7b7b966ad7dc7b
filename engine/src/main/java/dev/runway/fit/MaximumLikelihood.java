package dev.runway.fit;

import dev.runway.model.InputLimits;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.util.FastMath;

import java.util.Arrays;

/**
 * Maximum-likelihood estimates of each {@link Family} from a sample. Normal and lognormal have
 * closed forms, and so does the uniform (the sample's ends); the others are found by minimizing
 * the negative log-likelihood with commons-math3's Nelder–Mead simplex (Brent's method in one
 * dimension), over parameters transformed so that every point the simplex tries is a valid
 * distribution, from fixed starts taken from the sample's moments, restarted from its optimum
 * until it no longer improves. Everything is deterministic: the same sample gives the same bits.
 *
 * <p>Where the ends of a bounded family are estimated, they lie outside the sample, at most
 * {@value #MAX_MARGIN} times its range beyond it. The beta with estimated ends keeps both shapes
 * at least 1: below 1 its density is infinite at an end, and the likelihood grows without bound as
 * that end approaches the nearest value.
 */
final class MaximumLikelihood {
    /** How far beyond the sample an estimated end may lie, in ranges of the sample. */
    static final double MAX_MARGIN = 10;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private MaximumLikelihood() {
    }

    /**
     * An estimate: the parameters as drivers.csv takes them (p1..), how many were estimated, and
     * the log-likelihood of the sample at them.
     */
    record Estimate(double[] parameters, int k, double logLikelihood) {
    }

    /**
     * The estimate of {@code family} from {@code sorted} (ascending, not all equal); with a
     * {@code support}, a bounded family's ends are fixed there.
     */
    static Estimate fit(Family family, double[] sorted, Support support) {
        return switch (family) {
            case NORMAL -> normal(sorted);
            case LOGNORMAL -> lognormal(sorted);
            case UNIFORM -> uniform(sorted, support);
            case TRIANGULAR -> triangular(sorted, support);
            case PERT -> pert(sorted, support);
            case BETA -> beta(sorted, support);
            case STUDENT_T -> studentT(sorted);
        };
    }

    // ---- closed forms

    /** Mean and the sd with divisor n; {@code l = -n/2 (ln(2 pi sd^2) + 1)}. */
    static Estimate normal(double[] x) {
        double mean = StatUtils.mean(x);
        double sd = Math.sqrt(StatUtils.populationVariance(x, mean));
        return new Estimate(new double[] {mean, sd}, 2, normalLogLikelihood(x, mean, sd));
    }

    static double normalLogLikelihood(double[] x, double mean, double sd) {
        double sum = 0;
        for (double v : x) {
            double z = (v - mean) / sd;
            sum += z * z;
        }
        return -0.5 * x.length * (LOG_2PI + 2 * Math.log(sd)) - 0.5 * sum;
    }

    /** The normal of the logarithms; the likelihood of x includes the Jacobian {@code -sum ln x}. */
    static Estimate lognormal(double[] x) {
        double[] logs = new double[x.length];
        double jacobian = 0;
        for (int i = 0; i < x.length; i++) {
            logs[i] = Math.log(x[i]);
            jacobian += logs[i];
        }
        Estimate normal = normal(logs);
        return new Estimate(normal.parameters(), 2, normal.logLikelihood() - jacobian);
    }

    /** The sample's ends, or the support's: {@code l = -n ln(max - min)}. */
    static Estimate uniform(double[] x, Support support) {
        double min = support == null ? x[0] : support.min();
        double max = support == null ? x[x.length - 1] : support.max();
        return new Estimate(new double[] {min, max}, support == null ? 2 : 0, -x.length * Math.log(max - min));
    }

    // ---- triangular: the mode is profiled out (for fixed ends, the likelihood is largest with the mode at a value)

    static Estimate triangular(double[] x, Support support) {
        if (support != null) {
            double[] best = bestMode(x, support.min(), support.max());
            return new Estimate(new double[] {support.min(), best[0], support.max()}, 1, best[1]);
        }
        Ends ends = new Ends(x);
        MultivariateFunction nll = p -> -bestMode(x, ends.min(p[0]), ends.max(p[1]))[1];
        PointValuePair optimum = minimize(nll, new double[] {ends.start(), ends.start()}, new double[] {1, 1});
        double min = ends.min(optimum.getPoint()[0]);
        double max = ends.max(optimum.getPoint()[1]);
        double[] best = bestMode(x, min, max);
        return new Estimate(new double[] {min, best[0], max}, 3, best[1]);
    }

    /**
     * The mode among the values that gives the largest likelihood for fixed ends, and that
     * likelihood: {@code {mode, logLikelihood}}. With the mode at the r-th value, the values below
     * it follow the rising side and those above the falling side; prefix sums make it O(n).
     */
    static double[] bestMode(double[] x, double min, double max) {
        int n = x.length;
        double[] below = new double[n + 1];
        for (int i = 0; i < n; i++) {
            below[i + 1] = below[i] + Math.log(x[i] - min);
        }
        double[] above = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            above[i] = above[i + 1] + Math.log(max - x[i]);
        }
        double constant = n * (Math.log(2) - Math.log(max - min));
        double bestLogLikelihood = Double.NEGATIVE_INFINITY;
        double bestMode = x[0];
        for (int r = 0; r < n; r++) {
            double mode = x[r];
            // The value at the mode contributes 0 to either sum; an empty side contributes nothing.
            double l = constant + below[r] - (r == 0 ? 0 : r * Math.log(mode - min)) + above[r + 1]
                    - (r == n - 1 ? 0 : (n - 1 - r) * Math.log(max - mode));
            if (r > 0 && mode == min) {
                l = Double.NEGATIVE_INFINITY;
            }
            if (r < n - 1 && mode == max) {
                l = Double.NEGATIVE_INFINITY;
            }
            if (l > bestLogLikelihood) {
                bestLogLikelihood = l;
                bestMode = mode;
            }
        }
        return new double[] {bestMode, bestLogLikelihood};
    }

    // ---- PERT: a beta on [min, max] with shapes 1 + 4 (mode - min) / range and 1 + 4 (max - mode) / range

    static Estimate pert(double[] x, Support support) {
        double mean = StatUtils.mean(x);
        if (support != null) {
            double min = support.min();
            double max = support.max();
            BrentOptimizer brent = new BrentOptimizer(1e-12, 1e-14 * (max - min));
            UnivariatePointValuePair optimum = brent.optimize(new MaxEval(10_000),
                    new UnivariateObjectiveFunction(mode -> -finite(pertLogLikelihood(x, min, mode, max))),
                    GoalType.MINIMIZE, new SearchInterval(min, max, clamp((6 * mean - min - max) / 4, min, max)));
            return new Estimate(new double[] {min, optimum.getPoint(), max}, 1, -optimum.getValue());
        }
        Ends ends = new Ends(x);
        MultivariateFunction nll = p -> {
            double min = ends.min(p[0]);
            double max = ends.max(p[1]);
            return -pertLogLikelihood(x, min, min + (max - min) * logistic(p[2]), max);
        };
        double min0 = ends.min(ends.start());
        double max0 = ends.max(ends.start());
        double share0 = clamp(((6 * mean - min0 - max0) / 4 - min0) / (max0 - min0), 0.02, 0.98);
        PointValuePair optimum = minimize(nll, new double[] {ends.start(), ends.start(), logit(share0)},
                new double[] {1, 1, 1});
        double[] p = optimum.getPoint();
        double min = ends.min(p[0]);
        double max = ends.max(p[1]);
        return new Estimate(new double[] {min, min + (max - min) * logistic(p[2]), max}, 3, -optimum.getValue());
    }

    static double pertLogLikelihood(double[] x, double min, double mode, double max) {
        double range = max - min;
        double alpha = 1 + 4 * (mode - min) / range;
        double beta = 1 + 4 * (max - mode) / range;
        return betaLogLikelihood(x, alpha, beta, min, max);
    }

    // ---- beta on [min, max]

    static Estimate beta(double[] x, Support support) {
        if (support != null) {
            double min = support.min();
            double max = support.max();
            double[] shapes = momentShapes(x, min, max, InputLimits.MIN_SHAPE * 10);
            MultivariateFunction nll = p -> -betaLogLikelihood(x, shape(Math.exp(p[0])), shape(Math.exp(p[1])), min, max);
            PointValuePair optimum = minimize(nll, new double[] {Math.log(shapes[0]), Math.log(shapes[1])},
                    new double[] {0.5, 0.5});
            double[] p = optimum.getPoint();
            return new Estimate(new double[] {shape(Math.exp(p[0])), shape(Math.exp(p[1])), min, max}, 2,
                    -optimum.getValue());
        }
        Ends ends = new Ends(x);
        MultivariateFunction nll = p -> -betaLogLikelihood(x, shape(1 + Math.exp(p[0])), shape(1 + Math.exp(p[1])),
                ends.min(p[2]), ends.max(p[3]));
        PointValuePair best = null;
        // Ends close to the sample, and far: the likelihood of a four-parameter beta can have more than one hill.
        for (double margin : new double[] {0.02, 0.2, 1}) {
            double u = logit(margin / MAX_MARGIN);
            double[] shapes = momentShapes(x, ends.min(u), ends.max(u), 1.05);
            PointValuePair optimum = minimize(nll, new double[] {Math.log(shapes[0] - 1), Math.log(shapes[1] - 1), u, u},
                    new double[] {0.5, 0.5, 1, 1});
            if (best == null || optimum.getValue() < best.getValue()) {
                best = optimum;
            }
        }
        double[] p = best.getPoint();
        return new Estimate(new double[] {shape(1 + Math.exp(p[0])), shape(1 + Math.exp(p[1])), ends.min(p[2]),
            ends.max(p[3])}, 4, -best.getValue());
    }

    static double betaLogLikelihood(double[] x, double alpha, double beta, double min, double max) {
        double range = max - min;
        double sum = 0;
        for (double v : x) {
            double y = (v - min) / range;
            if (!(y > 0 && y < 1)) {
                // An end exactly at a value: the density there is 0, or infinite when the shape is below 1.
                if ((y <= 0 && alpha != 1) || (y >= 1 && beta != 1)) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            sum += (alpha == 1 ? 0 : (alpha - 1) * Math.log(y)) + (beta == 1 ? 0 : (beta - 1) * Math.log1p(-y));
        }
        return sum - x.length * (Beta.logBeta(alpha, beta) + Math.log(range));
    }

    /** Shapes of the beta on [min, max] with the sample's mean and variance, each at least {@code floor}. */
    private static double[] momentShapes(double[] x, double min, double max, double floor) {
        double range = max - min;
        double mean = (StatUtils.mean(x) - min) / range;
        double variance = StatUtils.populationVariance(x) / (range * range);
        double common = Math.max(mean * (1 - mean) / variance - 1, 0);
        return new double[] {clamp(mean * common, floor, 1e3), clamp((1 - mean) * common, floor, 1e3)};
    }

    private static double shape(double value) {
        return clamp(value, InputLimits.MIN_SHAPE, InputLimits.MAX_SHAPE);
    }

    // ---- Student's t with location and scale

    static Estimate studentT(double[] x) {
        double median = StatUtils.percentile(x, 50);
        double[] deviations = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            deviations[i] = Math.abs(x[i] - median);
        }
        double mad = 1.4826 * StatUtils.percentile(deviations, 50);
        double scale0 = mad > 0 ? mad : Math.sqrt(StatUtils.populationVariance(x));
        MultivariateFunction nll = p -> -studentTLogLikelihood(x, p[0], Math.exp(p[1]), degrees(p[2]));
        PointValuePair best = null;
        for (double df : new double[] {3, 10, 100}) {
            PointValuePair optimum = minimize(nll, new double[] {median, Math.log(scale0), Math.log(df - 1)},
                    new double[] {0.5 * scale0, 0.5, 1});
            if (best == null || optimum.getValue() < best.getValue()) {
                best = optimum;
            }
        }
        double[] p = best.getPoint();
        return new Estimate(new double[] {p[0], Math.exp(p[1]), degrees(p[2])}, 3, -best.getValue());
    }

    /** {@code 1 + e^d}, at most Runway's largest degrees of freedom (beyond, the t is a normal to six digits). */
    private static double degrees(double d) {
        return Math.min(InputLimits.MAX_DEGREES_OF_FREEDOM, 1 + Math.exp(d));
    }

    static double studentTLogLikelihood(double[] x, double location, double scale, double df) {
        double constant = Gamma.logGamma((df + 1) / 2) - Gamma.logGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
                - Math.log(scale);
        double sum = 0;
        for (double v : x) {
            double z = (v - location) / scale;
            sum += Math.log1p(z * z / df);
        }
        return x.length * constant - 0.5 * (df + 1) * sum;
    }

    // ---- the machinery

    /**
     * The estimated ends of a bounded family: {@code min = x(1) - M logistic(u)} and
     * {@code max = x(n) + M logistic(v)} with M = {@value #MAX_MARGIN} ranges, so every u and v
     * give ends outside the sample and within M of it.
     */
    private record Ends(double low, double high, double reach) {
        Ends(double[] sorted) {
            this(sorted[0], sorted[sorted.length - 1], MAX_MARGIN * (sorted[sorted.length - 1] - sorted[0]));
        }

        double min(double u) {
            return low - reach * logistic(u);
        }

        double max(double v) {
            return high + reach * logistic(v);
        }

        /** Ends at 5% of the range beyond the sample. */
        double start() {
            return logit(0.05 / MAX_MARGIN);
        }
    }

    /**
     * The minimum of {@code f} found by Nelder–Mead from {@code start}, restarted with a fresh
     * simplex at each optimum until a restart no longer improves it (a simplex can collapse
     * before it reaches the minimum).
     */
    static PointValuePair minimize(MultivariateFunction f, double[] start, double[] steps) {
        MultivariateFunction guarded = p -> {
            double value = f.value(p);
            return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
        };
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-13, 1e-13);
        PointValuePair best = new PointValuePair(start.clone(), guarded.value(start));
        for (int round = 0; round < 30; round++) {
            PointValuePair next;
            try {
                next = optimizer.optimize(new MaxEval(200_000), new ObjectiveFunction(guarded), GoalType.MINIMIZE,
                        new InitialGuess(best.getPoint()), new NelderMeadSimplex(steps));
            } catch (TooManyEvaluationsException e) {
                break;
            }
            boolean improved = next.getValue() < best.getValue() - 1e-10 * (1 + Math.abs(best.getValue()));
            if (next.getValue() < best.getValue()) {
                best = next;
            }
            if (!improved) {
                break;
            }
        }
        return best;
    }

    static double logistic(double u) {
        return 1 / (1 + FastMath.exp(-u));
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    private static double finite(double value) {
        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
    }

    /** For tests: the values sorted, as every fit takes them. */
    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
