package dev.runway.fit;

import dev.runway.model.Distribution;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * How well a fitted distribution describes the sample it was fitted to: the Kolmogorov–Smirnov
 * statistic and p-value (commons-math3's {@link KolmogorovSmirnovTest}) and the Anderson–Darling
 * statistic, which weighs the tails more. Both tests assume a distribution fixed before seeing
 * the data; with the parameters estimated from the same sample the fit hugs it, so the p-value is
 * optimistic (too high): a small p-value is evidence against a family, a large one is not
 * evidence for it (Lilliefors). Rank families by AIC; read these as a check.
 */
public final class GoodnessOfFit {
    /** What the outputs say of the p-values. */
    public static final String P_VALUE_CAVEAT = "the Kolmogorov-Smirnov p-value assumes a distribution fixed before "
            + "seeing the data; these parameters were estimated from the same data, so the p-value is optimistic "
            + "(too high, Lilliefors): a small one is evidence against the family, a large one is not evidence for it. "
            + "Rank by AIC";

    private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();

    private GoodnessOfFit() {
    }

    /** The statistics of one fit. */
    public record Statistics(double ks, double ksPValue, double andersonDarling) {
    }

    static Statistics of(Distribution fitted, double[] sorted) {
        RealDistribution law = law(fitted);
        return new Statistics(KS.kolmogorovSmirnovStatistic(law, sorted), KS.kolmogorovSmirnovTest(law, sorted),
                andersonDarling(law, sorted));
    }

    /**
     * {@code A^2 = -n - (1/n) sum (2i - 1) [ln F(x(i)) + ln(1 - F(x(n+1-i)))]}; infinite (NaN
     * here) when a value lies at or beyond an end of the fitted support, as the uniform's estimated
     * ends do.
     */
    static double andersonDarling(RealDistribution law, double[] sorted) {
        int n = sorted.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double low = law.cumulativeProbability(sorted[i]);
            double high = law.cumulativeProbability(sorted[n - 1 - i]);
            if (!(low > 0 && high < 1)) {
                return Double.NaN;
            }
            sum += (2.0 * i + 1) * (Math.log(low) + Math.log1p(-high));
        }
        return -n - sum / n;
    }

    /**
     * The fitted distribution's quantiles at the plotting positions {@code (i - 1/2) / n} of n
     * sorted values, the x of a QQ chart.
     */
    public static double[] quantiles(Distribution fitted, int n) {
        RealDistribution law = law(fitted);
        double[] quantiles = new double[n];
        for (int i = 0; i < n; i++) {
            quantiles[i] = law.inverseCumulativeProbability((i + 0.5) / n);
        }
        return quantiles;
    }

    /** The commons-math3 distribution of a fitted one (for the tests, and the quantiles of the QQ chart). */
    public static RealDistribution law(Distribution d) {
        double p1 = d.parameter(0);
        double p2 = d.parameter(1);
        return switch (d.kind()) {
            case NORMAL -> new NormalDistribution(null, p1, p2);
            case LOGNORMAL -> new LogNormalDistribution(null, p1, p2);
            case UNIFORM -> new UniformRealDistribution(null, p1, p2);
            case TRIANGULAR -> new TriangularDistribution(null, p1, p2, d.parameter(2));
            case PERT -> {
                double range = d.parameter(2) - p1;
                yield new Moved(new BetaDistribution(null, 1 + 4 * (p2 - p1) / range, 1 + 4 * (d.parameter(2) - p2)
                        / range), p1, range);
            }
            case BETA -> new Moved(new BetaDistribution(null, p1, p2), d.parameter(2), d.parameter(3) - d.parameter(2));
            case STUDENT_T -> new Moved(new TDistribution(null, d.parameter(2)), p1, p2);
            case CONSTANT, DISCRETE_UNIFORM, BERNOULLI -> throw new IllegalArgumentException(
                    d.kind().csvName() + " is not fitted");
        };
    }

    /** {@code offset + scale X} for a standard distribution X. */
    private static final class Moved extends AbstractRealDistribution {
        private static final long serialVersionUID = 1L;
        private final RealDistribution standard;
        private final double offset;
        private final double scale;

        Moved(RealDistribution standard, double offset, double scale) {
            super(null);
            this.standard = standard;
            this.offset = offset;
            this.scale = scale;
        }

        @Override
        public double density(double x) {
            return standard.density((x - offset) / scale) / scale;
        }

        @Override
        public double cumulativeProbability(double x) {
            return standard.cumulativeProbability((x - offset) / scale);
        }

        @Override
        public double inverseCumulativeProbability(double p) {
            return offset + scale * standard.inverseCumulativeProbability(p);
        }

        @Override
        public double getNumericalMean() {
            return offset + scale * standard.getNumericalMean();
        }

        @Override
        public double getNumericalVariance() {
            return scale * scale * standard.getNumericalVariance();
        }

        @Override
        public double getSupportLowerBound() {
            return offset + scale * standard.getSupportLowerBound();
        }

        @Override
        public double getSupportUpperBound() {
            return offset + scale * standard.getSupportUpperBound();
        }

        @Override
        public boolean isSupportLowerBoundInclusive() {
            return standard.isSupportLowerBoundInclusive();
        }

        @Override
        public boolean isSupportUpperBoundInclusive() {
            return standard.isSupportUpperBoundInclusive();
        }

        @Override
        public boolean isSupportConnected() {
            return true;
        }
    }
}
