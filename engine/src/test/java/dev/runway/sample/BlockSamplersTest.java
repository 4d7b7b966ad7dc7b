package dev.runway.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Checks every sampler {@link BlockSamplers#of} builds against the commons-math3 distribution it
 * claims to draw from: Kolmogorov–Smirnov for the continuous kinds, chi-square for the discrete
 * ones. A correct sampler fails such a test with probability {@value #SIGNIFICANCE}; with a fixed
 * seed the outcome is deterministic, and the negative controls show the same tests reject a
 * distribution that is only slightly wrong.
 */
class BlockSamplersTest {
    private static final long SEED = 12345L;
    private static final int DRAWS = 20_000;
    /** The p-value below which a goodness-of-fit test counts as a rejection. */
    private static final double SIGNIFICANCE = 0.001;

    private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();

    private static UniformRandomProvider generator() {
        return RandomSource.XO_SHI_RO_256_PP.create(SEED);
    }

    /** Draws through the input kind the sampler is built on, as plain Monte Carlo does. */
    private static double[] draw(Distribution distribution, int count) {
        BlockSampler sampler = BlockSamplers.of(distribution);
        return draw(sampler, sampler.input(), count);
    }

    private static double[] draw(BlockSampler sampler, BlockSampler.Input via, int count) {
        RandomInputs inputs = new MonteCarloInputs(new BlockRandom(generator()));
        double[] values = new double[count];
        if (via == BlockSampler.Input.NORMAL) {
            inputs.normals(0, values, count);
            sampler.fromNormals(values, values, count);
        } else {
            inputs.uniforms(0, values, count);
            sampler.fromUniforms(values, values, count);
        }
        return values;
    }

    static Stream<Arguments> continuousDistributions() {
        return Stream.of(
                Arguments.of(Distribution.of(DistributionKind.NORMAL, -2.5, 0.7), new NormalDistribution(-2.5, 0.7)),
                Arguments.of(Distribution.of(DistributionKind.LOGNORMAL, 0.1, 0.4), new LogNormalDistribution(0.1, 0.4)),
                Arguments.of(Distribution.of(DistributionKind.UNIFORM, -2, 5), new UniformRealDistribution(-2, 5)),
                Arguments.of(Distribution.of(DistributionKind.TRIANGULAR, 0.9, 1.0, 1.3),
                        new TriangularDistribution(0.9, 1.0, 1.3)),
                Arguments.of(Distribution.of(DistributionKind.BETA, 2, 5), new BetaDistribution(2, 5)),
                Arguments.of(Distribution.of(DistributionKind.STUDENT_T, 0, 1, 4), new TDistribution(4)));
    }

    /**
     * Latin hypercube and quasi-random points arrive as uniforms and copula draws as normals, so
     * each sampler is also fed the kind of input it is not built on (converted through Phi or
     * Phi^-1): the draws must follow the same distribution.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("continuousDistributions")
    void samplersFedTheOtherKindOfInputDrawTheSameDistribution(Distribution distribution, RealDistribution expected) {
        BlockSampler sampler = BlockSamplers.of(distribution);
        BlockSampler.Input other = sampler.input() == BlockSampler.Input.NORMAL ? BlockSampler.Input.UNIFORM
                : BlockSampler.Input.NORMAL;
        assertFollows(expected, draw(sampler, other, DRAWS));
    }

    /** Maps the values to {@code (x - offset) / scale}, where a standard commons-math3 distribution applies. */
    private static double[] standardized(double[] values, double offset, double scale) {
        double[] standard = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            standard[i] = (values[i] - offset) / scale;
        }
        return standard;
    }

    private static void assertFollows(RealDistribution expected, double[] sample) {
        double p = KS.kolmogorovSmirnovTest(expected, sample);
        assertTrue(p > SIGNIFICANCE, "Kolmogorov-Smirnov rejects the sample: p = " + p);
    }

    private static void assertWithinBounds(Distribution distribution, double[] sample) {
        for (double x : sample) {
            assertTrue(x >= distribution.lowerBound() && x <= distribution.upperBound(),
                    x + " lies outside the support of " + distribution);
        }
    }

    @Test
    void normalSamplesFollowTheNormalDistribution() {
        Distribution normal = Distribution.of(DistributionKind.NORMAL, -2.5, 0.7);
        assertFollows(new NormalDistribution(-2.5, 0.7), draw(normal, DRAWS));
    }

    @Test
    void lognormalSamplesFollowTheLognormalWithTheLogMeanAsScaleAndTheLogSdAsShape() {
        Distribution lognormal = Distribution.of(DistributionKind.LOGNORMAL, 0.1, 0.4);
        double[] sample = draw(lognormal, DRAWS);
        assertWithinBounds(lognormal, sample);
        assertFollows(new LogNormalDistribution(0.1, 0.4), sample);
    }

    @Test
    void uniformSamplesFollowTheUniformDistributionOnMinToMax() {
        Distribution uniform = Distribution.of(DistributionKind.UNIFORM, -2.0, 5.0);
        double[] sample = draw(uniform, DRAWS);
        assertWithinBounds(uniform, sample);
        assertFollows(new UniformRealDistribution(-2.0, 5.0), sample);
    }

    @Test
    void triangularSamplesFollowTheTriangularDistribution() {
        Distribution triangular = Distribution.of(DistributionKind.TRIANGULAR, 0.9, 1.0, 1.3);
        double[] sample = draw(triangular, DRAWS);
        assertWithinBounds(triangular, sample);
        assertFollows(new TriangularDistribution(0.9, 1.0, 1.3), sample);
    }

    @Test
    void triangularSamplesWithTheModeAtAnEndFollowTheTriangularDistribution() {
        Distribution leftMode = Distribution.of(DistributionKind.TRIANGULAR, 2.0, 2.0, 7.0);
        Distribution rightMode = Distribution.of(DistributionKind.TRIANGULAR, 2.0, 7.0, 7.0);
        assertFollows(new TriangularDistribution(2.0, 2.0, 7.0), draw(leftMode, DRAWS));
        assertFollows(new TriangularDistribution(2.0, 7.0, 7.0), draw(rightMode, DRAWS));
    }

    @Test
    void pertSamplesFollowTheBetaPertDistribution() {
        double min = 0.3;
        double mode = 0.5;
        double max = 0.8;
        Distribution pert = Distribution.of(DistributionKind.PERT, min, mode, max);
        double[] sample = draw(pert, DRAWS);
        assertWithinBounds(pert, sample);
        assertFollows(pertShape(min, mode, max), standardized(sample, min, max - min));
    }

    /** The beta on [0, 1] that a PERT(min, mode, max) rescales: shape 4 around the mode. */
    private static BetaDistribution pertShape(double min, double mode, double max) {
        double alpha = 1.0 + 4.0 * (mode - min) / (max - min);
        double beta = 1.0 + 4.0 * (max - mode) / (max - min);
        return new BetaDistribution(alpha, beta);
    }

    @Test
    void pertMeanIsMinPlusFourModesPlusMaxOverSix() {
        double min = 0.3;
        double mode = 0.5;
        double max = 0.8;
        int draws = 200_000;
        double expectedMean = (min + 4.0 * mode + max) / 6.0;
        // The standard error of the sample mean is sd / sqrt(n), with the sd of the PERT's beta
        // rescaled to [min, max]: about 0.00021 here, so a shape of 3 instead of 4 (mean 0.52
        // instead of 0.5167) would sit 16 standard errors away.
        BetaDistribution shape = pertShape(min, mode, max);
        double sd = (max - min) * Math.sqrt(shape.getNumericalVariance());
        double standardError = sd / Math.sqrt(draws);

        double[] sample = draw(Distribution.of(DistributionKind.PERT, min, mode, max), draws);
        double sum = 0.0;
        for (double x : sample) {
            sum += x;
        }
        double mean = sum / draws;

        assertEquals(expectedMean, Distribution.of(DistributionKind.PERT, min, mode, max).mean(), 1e-15);
        assertEquals(expectedMean, mean, 4.0 * standardError,
                "sample mean " + mean + " vs " + expectedMean + " (standard error " + standardError + ")");
    }

    @Test
    void boundedBetaSamplesFollowTheBetaRescaledToMinAndMax() {
        Distribution beta = Distribution.of(DistributionKind.BETA, 2.0, 5.0, -1.0, 3.0);
        double[] sample = draw(beta, DRAWS);
        assertWithinBounds(beta, sample);
        assertFollows(new BetaDistribution(2.0, 5.0), standardized(sample, -1.0, 4.0));
    }

    @Test
    void betaWithoutBoundsFollowsTheBetaOnZeroToOne() {
        Distribution beta = Distribution.of(DistributionKind.BETA, 0.7, 1.9);
        double[] sample = draw(beta, DRAWS);
        assertWithinBounds(beta, sample);
        assertFollows(new BetaDistribution(0.7, 1.9), sample);
    }

    @Test
    void studentTSamplesFollowTheTDistributionMovedToTheirLocationAndScale() {
        Distribution t = Distribution.of(DistributionKind.STUDENT_T, 1.0, 2.0, 4.0);
        assertFollows(new TDistribution(4.0), standardized(draw(t, DRAWS), 1.0, 2.0));
    }

    @Test
    void discreteUniformSamplesAreEquallyLikelyWholeNumbersFromMinToMax() {
        double[] sample = draw(Distribution.of(DistributionKind.DISCRETE_UNIFORM, 1, 3), DRAWS);
        long[] observed = new long[3];
        for (double x : sample) {
            assertTrue(x == 1.0 || x == 2.0 || x == 3.0, "not a value of discrete_uniform(1, 3): " + x);
            observed[(int) x - 1]++;
        }
        double[] expected = {DRAWS / 3.0, DRAWS / 3.0, DRAWS / 3.0};
        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        assertTrue(p > SIGNIFICANCE, "chi-square rejects the counts " + Arrays.toString(observed)
                + ": p = " + p);
    }

    @Test
    void bernoulliSamplesAreOneWithTheGivenProbabilityAndZeroOtherwise() {
        long[] observed = bernoulliCounts(0.3);
        double[] expected = {0.7 * DRAWS, 0.3 * DRAWS};
        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        assertTrue(p > SIGNIFICANCE, "chi-square rejects the counts " + Arrays.toString(observed)
                + ": p = " + p);
    }

    @Test
    void bernoulliWithProbabilityZeroOrOneIsCertain() {
        assertArrayEquals(new long[] {DRAWS, 0}, bernoulliCounts(0.0));
        assertArrayEquals(new long[] {0, DRAWS}, bernoulliCounts(1.0));
    }

    /** How many of the draws were 0 and how many were 1; fails on any other value. */
    private static long[] bernoulliCounts(double probability) {
        long[] counts = new long[2];
        for (double x : draw(Distribution.of(DistributionKind.BERNOULLI, probability), DRAWS)) {
            assertTrue(x == 0.0 || x == 1.0, "not a Bernoulli value: " + x);
            counts[(int) x]++;
        }
        return counts;
    }

    @Test
    void constantAlwaysGivesItsValue() {
        for (double x : draw(Distribution.constant(-1234.5), 1000)) {
            assertEquals(-1234.5, x);
        }
    }

    @Test
    void kolmogorovSmirnovRejectsPertSamplesAgainstABetaOfTheWrongShape() {
        double min = 0.3;
        double mode = 0.5;
        double max = 0.8;
        double[] standard = standardized(draw(Distribution.of(DistributionKind.PERT, min, mode, max), DRAWS), min,
                max - min);
        BetaDistribution right = pertShape(min, mode, max);
        // Shape 3 instead of 4 around the same mode: a plausible slip, close to the right distribution.
        double alpha = 1.0 + 3.0 * (mode - min) / (max - min);
        double beta = 1.0 + 3.0 * (max - mode) / (max - min);
        BetaDistribution wrongShape = new BetaDistribution(alpha, beta);
        // The mirror image: alpha and beta swapped, as if the mode were measured from max.
        BetaDistribution mirrored = new BetaDistribution(right.getBeta(), right.getAlpha());

        assertTrue(KS.kolmogorovSmirnovTest(wrongShape, standard) < 1e-6);
        assertTrue(KS.kolmogorovSmirnovTest(mirrored, standard) < 1e-6);
        assertTrue(KS.kolmogorovSmirnovTest(new TriangularDistribution(min, mode, max),
                draw(Distribution.of(DistributionKind.PERT, min, mode, max), DRAWS)) < 1e-6);
    }

    @Test
    void chiSquareRejectsBernoulliCountsAgainstAProbabilityFivePointsOff() {
        double[] expected = {0.65 * DRAWS, 0.35 * DRAWS};
        assertTrue(new ChiSquareTest().chiSquareTest(expected, bernoulliCounts(0.3)) < 1e-6);
    }
}
