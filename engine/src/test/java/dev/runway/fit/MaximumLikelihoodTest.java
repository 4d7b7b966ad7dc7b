package dev.runway.fit;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The maximum-likelihood fits recover the parameters of samples drawn by the engine's own
 * samplers, their likelihoods are commons-math3's, and they are maxima.
 */
class MaximumLikelihoodTest {
    /** Repeated samples that measure an estimate's spread: its standard error at that sample size. */
    private static final int REPLICATES = 20;

    /**
     * A true distribution of each family, chosen well inside its family's rules (the beta with
     * estimated ends keeps both shapes at least 1). The switch has no default, so a new family
     * does not compile until it has one here, and then every test below checks it.
     */
    static Distribution truth(Family family) {
        return switch (family) {
            case NORMAL -> Distribution.of(DistributionKind.NORMAL, 5, 2);
            case LOGNORMAL -> Distribution.of(DistributionKind.LOGNORMAL, 1, 0.5);
            case UNIFORM -> Distribution.of(DistributionKind.UNIFORM, -1, 3);
            case TRIANGULAR -> Distribution.of(DistributionKind.TRIANGULAR, 0, 2, 5);
            case PERT -> Distribution.of(DistributionKind.PERT, 10, 12, 20);
            case BETA -> Distribution.of(DistributionKind.BETA, 2, 5, -1, 3);
            case STUDENT_T -> Distribution.of(DistributionKind.STUDENT_T, 1, 2, 5);
        };
    }

    private static double[] estimate(Family family, double[] sample) {
        return MaximumLikelihood.fit(family, MaximumLikelihood.sorted(sample), null).parameters();
    }

    /**
     * At each sample size, the estimate from one sample lies within 3 standard errors of the true
     * parameters, the standard error being the spread of the estimates over {@value #REPLICATES}
     * other seeds; and the spread shrinks as the sample grows (the estimates converge).
     */
    @ParameterizedTest
    @EnumSource(Family.class)
    void everyFamilyRecoversTheParametersOfSamplesDrawnByOurSamplers(Family family) {
        Distribution truth = truth(family);
        int parameters = family.kind().acceptedParameters();
        double[] previousErrors = null;
        for (int n : new int[] {150, 1500}) {
            double[][] replicates = new double[REPLICATES][];
            for (int r = 0; r < REPLICATES; r++) {
                replicates[r] = estimate(family, Draws.of(truth, n, 1000 + r));
            }
            double[] errors = new double[parameters];
            double[] one = estimate(family, Draws.of(truth, n, 7));
            for (int j = 0; j < parameters; j++) {
                final int p = j;
                errors[j] = new StandardDeviation().evaluate(Arrays.stream(replicates).mapToDouble(e -> e[p]).toArray());
                assertTrue(Math.abs(one[j] - truth.parameter(j)) <= 3 * errors[j], family + " at n = " + n + ": "
                        + family.kind().parameterName(j) + " " + one[j] + " against " + truth.parameter(j)
                        + ", standard error " + errors[j]);
                if (previousErrors != null) {
                    assertTrue(errors[j] < 0.6 * previousErrors[j], family + ": the standard error of "
                            + family.kind().parameterName(j) + " went from " + previousErrors[j] + " to " + errors[j]
                            + " for ten times the sample");
                }
            }
            previousErrors = errors;
        }
    }

    @Test
    void normalAndLognormalEstimatesAreTheClosedFormsOfCommonsMath() {
        double[] sample = Draws.of(truth(Family.NORMAL), 500, 3);
        MaximumLikelihood.Estimate normal = MaximumLikelihood.normal(sample);
        double mean = new Mean().evaluate(sample);
        double sd = new StandardDeviation(false).evaluate(sample);
        assertEquals(mean, normal.parameters()[0], 1e-12);
        assertEquals(sd, normal.parameters()[1], 1e-12);
        assertEquals(sumOfLogDensities(new NormalDistribution(mean, sd), sample), normal.logLikelihood(), 1e-8);

        double[] positive = Draws.of(truth(Family.LOGNORMAL), 500, 4);
        double[] logs = Arrays.stream(positive).map(Math::log).toArray();
        MaximumLikelihood.Estimate lognormal = MaximumLikelihood.lognormal(positive);
        assertEquals(new Mean().evaluate(logs), lognormal.parameters()[0], 1e-12);
        assertEquals(new StandardDeviation(false).evaluate(logs), lognormal.parameters()[1], 1e-12);
        assertEquals(sumOfLogDensities(new LogNormalDistribution(lognormal.parameters()[0], lognormal.parameters()[1]),
                positive), lognormal.logLikelihood(), 1e-8);
    }

    /**
     * Each fit's log-likelihood is the sum of commons-math3's log densities at its parameters, and
     * moving any estimated parameter either way lowers it: the optimizer stopped at a maximum.
     */
    @ParameterizedTest
    @EnumSource(Family.class)
    void everyFitIsAMaximumOfCommonsMathsLikelihood(Family family) {
        double[] sorted = MaximumLikelihood.sorted(Draws.of(truth(family), 400, 11));
        MaximumLikelihood.Estimate estimate = MaximumLikelihood.fit(family, sorted, null);
        double[] p = estimate.parameters();
        assertEquals(sumOfLogDensities(reference(family, p), sorted), estimate.logLikelihood(),
                1e-7 * Math.abs(estimate.logLikelihood()), family.toString());
        for (int j = 0; j < p.length; j++) {
            if (family == Family.UNIFORM || (family == Family.TRIANGULAR && j == 1)) {
                continue; // at the sample's ends, or at a value: moving them outward or off lowers it, but inward is not defined
            }
            for (double step : new double[] {-1e-3, 1e-3}) {
                double[] moved = p.clone();
                moved[j] += step * Math.max(Math.abs(p[j]), 1);
                double l = valid(family, moved) ? sumOfLogDensities(reference(family, moved), sorted)
                        : Double.NEGATIVE_INFINITY;
                assertTrue(l <= estimate.logLikelihood() + 1e-9, family + ": moving " + family.kind().parameterName(j)
                        + " by " + step + " raises the log-likelihood from " + estimate.logLikelihood() + " to " + l);
            }
        }
    }

    private static boolean valid(Family family, double[] p) {
        return switch (family) {
            case TRIANGULAR, PERT -> p[0] <= p[1] && p[1] <= p[2];
            case BETA -> p[0] >= 1 && p[1] >= 1;
            case NORMAL, LOGNORMAL, UNIFORM, STUDENT_T -> true;
        };
    }

    /** The same distribution built directly in commons-math3 from the drivers.csv parameters. */
    static AbstractRealDistribution reference(Family family, double[] p) {
        return switch (family) {
            case NORMAL -> new NormalDistribution(p[0], p[1]);
            case LOGNORMAL -> new LogNormalDistribution(p[0], p[1]);
            case UNIFORM -> new UniformRealDistribution(p[0], p[1]);
            case TRIANGULAR -> new TriangularDistribution(p[0], p[1], p[2]);
            case PERT -> moved(new BetaDistribution(1 + 4 * (p[1] - p[0]) / (p[2] - p[0]),
                    1 + 4 * (p[2] - p[1]) / (p[2] - p[0])), p[0], p[2] - p[0]);
            case BETA -> moved(new BetaDistribution(p[0], p[1]), p[2], p[3] - p[2]);
            case STUDENT_T -> moved(new TDistribution(p[2]), p[0], p[1]);
        };
    }

    /** The log density and CDF of {@code offset + scale X}, enough for the sums and KS here. */
    private static AbstractRealDistribution moved(AbstractRealDistribution standard, double offset, double scale) {
        return new AbstractRealDistribution(null) {
            private static final long serialVersionUID = 1L;

            @Override
            public double density(double x) {
                return standard.density((x - offset) / scale) / scale;
            }

            @Override
            public double logDensity(double x) {
                return standard.logDensity((x - offset) / scale) - Math.log(scale);
            }

            @Override
            public double cumulativeProbability(double x) {
                return standard.cumulativeProbability((x - offset) / scale);
            }

            @Override
            public double getNumericalMean() {
                return Double.NaN;
            }

            @Override
            public double getNumericalVariance() {
                return Double.NaN;
            }

            @Override
            public double getSupportLowerBound() {
                return offset;
            }

            @Override
            public double getSupportUpperBound() {
                return offset + scale;
            }

            @Override
            public boolean isSupportLowerBoundInclusive() {
                return true;
            }

            @Override
            public boolean isSupportUpperBoundInclusive() {
                return true;
            }

            @Override
            public boolean isSupportConnected() {
                return true;
            }
        };
    }

    private static double sumOfLogDensities(AbstractRealDistribution law, double[] sample) {
        double sum = 0;
        for (double x : sample) {
            sum += law.logDensity(x);
        }
        return sum;
    }

    /** The statistic the outputs report is commons-math3's for the fitted distribution, built independently. */
    @ParameterizedTest
    @EnumSource(Family.class)
    void theKolmogorovSmirnovStatisticIsCommonsMathsForTheFittedDistribution(Family family) {
        double[] sample = Draws.of(truth(family), 300, 5);
        double[] sorted = MaximumLikelihood.sorted(sample);
        FamilyFit fit = Fitter.fit(family, Draws.series("x", sample), sorted, null);
        RealDistribution reference = reference(family, parameters(fit.distribution()));
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        assertEquals(ks.kolmogorovSmirnovStatistic(reference, sample), fit.statistics().ks(), 1e-12);
        assertEquals(ks.kolmogorovSmirnovTest(reference, sample), fit.statistics().ksPValue(), 1e-9);
    }

    private static double[] parameters(Distribution d) {
        double[] p = new double[d.kind().acceptedParameters()];
        for (int i = 0; i < p.length; i++) {
            p[i] = d.parameter(i);
        }
        return p;
    }

    /** With a fixed support, the beta's shapes may go below 1 (a U shape), and are recovered. */
    @Test
    void aBetaOnAFixedSupportRecoversShapesBelowOne() {
        Distribution truth = Distribution.of(DistributionKind.BETA, 0.6, 0.8);
        Support unit = new Support(0, 1);
        double[] one = MaximumLikelihood.fit(Family.BETA, MaximumLikelihood.sorted(Draws.of(truth, 1000, 7)), unit)
                .parameters();
        double[][] replicates = new double[REPLICATES][];
        for (int r = 0; r < REPLICATES; r++) {
            replicates[r] = MaximumLikelihood.fit(Family.BETA, MaximumLikelihood.sorted(Draws.of(truth, 1000, 50 + r)),
                    unit).parameters();
        }
        for (int j = 0; j < 2; j++) {
            final int p = j;
            double error = new StandardDeviation().evaluate(Arrays.stream(replicates).mapToDouble(e -> e[p]).toArray());
            assertTrue(Math.abs(one[j] - truth.parameter(j)) <= 3 * error, "shape " + j + ": " + one[j]);
        }
        assertEquals(0, one[2]);
        assertEquals(1, one[3]);
    }

    /**
     * On large samples of clearly different families, {@code auto} ranks the true family first by
     * AIC: a family that contains another (the t the normal, the beta the uniform and the PERT)
     * fits it as well but pays for its extra parameters.
     */
    @ParameterizedTest
    @EnumSource(value = Family.class, names = "BETA", mode = EnumSource.Mode.EXCLUDE)
    void autoRanksTheTrueFamilyFirstOnALargeSample(Family family) throws FitException {
        Distribution truth = switch (family) {
            case STUDENT_T -> Distribution.of(DistributionKind.STUDENT_T, 0, 1, 3);
            case LOGNORMAL -> Distribution.of(DistributionKind.LOGNORMAL, 0, 0.8);
            default -> truth(family);
        };
        double[] sample = Draws.of(truth, 3000, 21);
        double[] sorted = MaximumLikelihood.sorted(sample);
        Series series = Draws.series("x", sample);
        Family best = null;
        double bestAic = Double.POSITIVE_INFINITY;
        for (Family candidate : Family.values()) {
            FamilyFit fit = Fitter.fit(candidate, series, sorted, null);
            if (fit.fitted() && fit.aic() < bestAic) {
                bestAic = fit.aic();
                best = candidate;
            }
        }
        assertEquals(family, best);
    }

    /** A check of the helpers above: a density moved by an offset and a scale integrates to the CDF's difference. */
    @Test
    void theMovedReferenceIsADistribution() {
        RealDistribution t = reference(Family.STUDENT_T, new double[] {1, 2, 5});
        DoubleUnaryOperator density = t::density;
        double sum = 0;
        for (int i = 0; i < 8000; i++) {
            sum += density.applyAsDouble(-3 + (i + 0.5) * 1e-3) * 1e-3;
        }
        assertEquals(t.cumulativeProbability(5) - t.cumulativeProbability(-3), sum, 1e-6);
    }
}
