package dev.runway.sample;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every distribution the input limits accept can be drawn from: its sampler builds, and its draws
 * at the extremes of both kinds of input are finite and inside its support. What the parameter
 * limits cannot see (a Student's t without a variance, whose tails outgrow the magnitude limit)
 * is refused by {@link Distribution#drawingProblem} at the parameter to change.
 */
class BlockSamplerLimitsTest {
    /** Normals beyond the quantile tables' range on both sides, and inside it. */
    private static final double[] NORMALS = {-8.5, -8, -1, 0, 1, 8, 8.5};
    /** The smallest uniform a generator gives above 0, a small one, the middle, the largest below 1. */
    private static final double[] UNIFORMS = {0x1p-53, 1e-10, 0.5, Math.nextDown(1.0)};

    static Stream<Distribution> edges() {
        return Stream.of(
                Distribution.constant(-1e15),
                Distribution.of(DistributionKind.NORMAL, 1e15, 1e15),
                Distribution.of(DistributionKind.LOGNORMAL, 33, 1),
                Distribution.of(DistributionKind.UNIFORM, -1e15, 1e15),
                Distribution.of(DistributionKind.TRIANGULAR, -1e15, 0, 1e15),
                Distribution.of(DistributionKind.PERT, -1e15, 1e15, 1e15),
                Distribution.of(DistributionKind.BETA, 1e-3, 1e6, -1e15, 1e15),
                Distribution.of(DistributionKind.BETA, 1e6, 1e6),
                Distribution.of(DistributionKind.STUDENT_T, 0, 1, 1),
                Distribution.of(DistributionKind.STUDENT_T, 0, 1, 1e6),
                Distribution.of(DistributionKind.DISCRETE_UNIFORM, -1e9, 1e9),
                Distribution.of(DistributionKind.BERNOULLI, 1));
    }

    /** A registry check: a new kind fails here until it has an edge above. */
    @Test
    void everyKindHasAnEdgeOfItsLimits() {
        assertEquals(EnumSet.allOf(DistributionKind.class),
                edges().map(Distribution::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(DistributionKind.class))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void everyDistributionAtTheEdgeOfTheLimitsDrawsFiniteValuesInsideItsSupport(Distribution distribution) {
        assertNull(distribution.drawingProblem());
        BlockSampler sampler = BlockSamplers.of(distribution);
        double[] fromNormals = NORMALS.clone();
        sampler.fromNormals(fromNormals, fromNormals, fromNormals.length);
        double[] fromUniforms = UNIFORMS.clone();
        sampler.fromUniforms(fromUniforms, fromUniforms, fromUniforms.length);
        for (double[] draws : new double[][] {fromNormals, fromUniforms}) {
            for (double draw : draws) {
                assertTrue(Double.isFinite(draw) && draw >= distribution.lowerBound()
                        && draw <= distribution.upperBound(), () -> distribution + " drew " + draw);
            }
        }
    }

    @Test
    void fatTailsAreTheModelsToJudgeNotTheSamplers() {
        // A Cauchy, and a t with 3 degrees of freedom in yen (not bn): draws at the tables' ends reach
        // 5e17 and 6e15, yet they break a model only if its formulas make them (the pre-flight's job).
        assertNull(Distribution.of(DistributionKind.STUDENT_T, 0, 1000, 1).drawingProblem());
        assertNull(Distribution.of(DistributionKind.STUDENT_T, 3e11, 5e10, 3).drawingProblem());
    }

    @Test
    void theWidestDiscreteUniformDrawsBothEndsAndTheMiddle() {
        BlockSampler sampler = BlockSamplers.of(Distribution.of(DistributionKind.DISCRETE_UNIFORM, -1e9, 1e9));
        double[] draws = {0.0, 0.5, Math.nextDown(1.0)};
        sampler.fromUniforms(draws, draws, draws.length);
        assertArrayEquals(new double[] {-1e9, 0, 1e9}, draws);
    }
}
