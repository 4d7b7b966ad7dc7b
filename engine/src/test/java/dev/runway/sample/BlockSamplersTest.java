package dev.runway.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.EnumeratedIntegerDistribution;
import org.apache.commons.math3.distribution.IntegerDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformIntegerDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
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

    /**
     * One valid example of a kind and the commons-math3 law it must follow: a standard continuous
     * distribution moved to {@code offset + scale X}, or a discrete one. The switch has no default,
     * so a new kind does not compile until it has a case here, and then the tests below check it.
     */
    private record Reference(Distribution example, RealDistribution standard, double offset, double scale,
            IntegerDistribution discrete) {
        static Reference continuous(Distribution example, RealDistribution standard, double offset, double scale) {
            return new Reference(example, standard, offset, scale, null);
        }

        static Reference discrete(Distribution example, IntegerDistribution law) {
            return new Reference(example, null, 0.0, 1.0, law);
        }

        double mean() {
            return discrete != null ? discrete.getNumericalMean() : offset + scale * standard.getNumericalMean();
        }

        double lowerBound() {
            return discrete != null ? discrete.getSupportLowerBound() : offset + scale * standard.getSupportLowerBound();
        }

        double upperBound() {
            return discrete != null ? discrete.getSupportUpperBound() : offset + scale * standard.getSupportUpperBound();
        }
    }

    static Reference reference(DistributionKind kind) {
        return switch (kind) {
            case CONSTANT -> Reference.discrete(Distribution.constant(-1234),
                    new EnumeratedIntegerDistribution(new int[] {-1234}));
            case NORMAL -> Reference.continuous(Distribution.of(kind, -2.5, 0.7), new NormalDistribution(-2.5, 0.7), 0, 1);
            case LOGNORMAL -> Reference.continuous(Distribution.of(kind, 0.1, 0.4), new LogNormalDistribution(0.1, 0.4),
                    0, 1);
            case UNIFORM -> Reference.continuous(Distribution.of(kind, -2, 5), new UniformRealDistribution(-2, 5), 0, 1);
            case TRIANGULAR -> Reference.continuous(Distribution.of(kind, 0.9, 1.0, 1.3),
                    new TriangularDistribution(0.9, 1.0, 1.3), 0, 1);
            case PERT -> Reference.continuous(Distribution.of(kind, 0.3, 0.5, 0.8), pertShape(0.3, 0.5, 0.8), 0.3, 0.5);
            case BETA -> Reference.continuous(Distribution.of(kind, 2, 5, -1, 3), new BetaDistribution(2, 5), -1, 4);
            case STUDENT_T -> Reference.continuous(Distribution.of(kind, 1, 2, 4), new TDistribution(4), 1, 2);
            case DISCRETE_UNIFORM -> Reference.discrete(Distribution.of(kind, -1, 3), new UniformIntegerDistribution(-1, 3));
            case BERNOULLI -> Reference.discrete(Distribution.of(kind, 0.3), new BinomialDistribution(1, 0.3));
        };
    }

    /**
     * Every kind, through both kinds of input (plain Monte Carlo and antithetic draws feed a
     * sampler what it is built on; Latin hypercube and Sobol points arrive as uniforms, copula
     * draws as normals): the draws follow the kind's law, by Kolmogorov–Smirnov for a continuous
     * one and chi-square over its values for a discrete one, and lie within its bounds.
     */
    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyKindFromEveryInput")
    void everyKindDrawsItsOwnDistributionFromEitherInput(DistributionKind kind, BlockSampler.Input via) {
        Reference reference = reference(kind);
        assertEquals(kind, reference.example().kind(), "the example of " + kind + " is one");
        double[] sample = draw(BlockSamplers.of(reference.example()), via, DRAWS);
        assertWithinBounds(reference.example(), sample);
        if (reference.discrete() == null) {
            assertFollows(reference.standard(), standardized(sample, reference.offset(), reference.scale()));
        } else {
            assertCountsFollow(reference.discrete(), sample);
        }
    }

    static Stream<Arguments> everyKindFromEveryInput() {
        return Arrays.stream(DistributionKind.values()).flatMap(kind -> Arrays.stream(BlockSampler.Input.values())
                .map(via -> Arguments.of(kind, via)));
    }

    /** What the model knows of a distribution without drawing from it agrees with its law too. */
    @ParameterizedTest
    @EnumSource(DistributionKind.class)
    void everyKindStatesTheMeanBoundsAndWholenessOfItsLaw(DistributionKind kind) {
        Reference reference = reference(kind);
        Distribution example = reference.example();
        assertEquals(List.of(), Distribution.problems(kind, parameters(example)), "the example is valid");
        assertNull(example.drawingProblem(), "the example can be drawn from");
        assertEquals(reference.mean(), example.mean(), 1e-12 * Math.max(1, Math.abs(reference.mean())), "mean");
        assertEquals(reference.lowerBound(), example.lowerBound(), 1e-12, "lower bound");
        assertEquals(reference.upperBound(), example.upperBound(), 1e-12, "upper bound");
        assertEquals(reference.discrete() != null, example.integerValued(), "whole numbers only");
        Distribution requiredOnly = Distribution.of(kind, Arrays.copyOf(parameters(example), kind.requiredParameters()));
        for (int i = 0; i < kind.acceptedParameters(); i++) {
            assertTrue(Double.isFinite(requiredOnly.parameter(i)), "optional parameter " + i + " has a default");
        }
    }

    private static double[] parameters(Distribution distribution) {
        double[] p = new double[distribution.kind().acceptedParameters()];
        for (int i = 0; i < p.length; i++) {
            p[i] = distribution.parameter(i);
        }
        return p;
    }

    /** Every draw is a value of the law, and, when it has more than one, the counts pass chi-square. */
    private static void assertCountsFollow(IntegerDistribution law, double[] sample) {
        int lowest = law.getSupportLowerBound();
        long[] observed = new long[law.getSupportUpperBound() - lowest + 1];
        for (double x : sample) {
            assertTrue(x == Math.rint(x) && x >= lowest && x - lowest < observed.length, "not a value of the law: " + x);
            observed[(int) x - lowest]++;
        }
        if (observed.length == 1) {
            return;
        }
        double[] expected = new double[observed.length];
        for (int k = 0; k < expected.length; k++) {
            expected[k] = sample.length * law.probability(lowest + k);
        }
        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        assertTrue(p > SIGNIFICANCE, "chi-square rejects the counts " + Arrays.toString(observed) + ": p = " + p);
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
    void triangularSamplesWithTheModeAtAnEndFollowTheTriangularDistribution() {
        Distribution leftMode = Distribution.of(DistributionKind.TRIANGULAR, 2.0, 2.0, 7.0);
        Distribution rightMode = Distribution.of(DistributionKind.TRIANGULAR, 2.0, 7.0, 7.0);
        assertFollows(new TriangularDistribution(2.0, 2.0, 7.0), draw(leftMode, DRAWS));
        assertFollows(new TriangularDistribution(2.0, 7.0, 7.0), draw(rightMode, DRAWS));
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
    void betaWithoutBoundsFollowsTheBetaOnZeroToOne() {
        Distribution beta = Distribution.of(DistributionKind.BETA, 0.7, 1.9);
        double[] sample = draw(beta, DRAWS);
        assertWithinBounds(beta, sample);
        assertFollows(new BetaDistribution(0.7, 1.9), sample);
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
