package dev.runway.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.runway.model.DistributionKind.BETA;
import static dev.runway.model.DistributionKind.BERNOULLI;
import static dev.runway.model.DistributionKind.CONSTANT;
import static dev.runway.model.DistributionKind.DISCRETE_UNIFORM;
import static dev.runway.model.DistributionKind.LOGNORMAL;
import static dev.runway.model.DistributionKind.NORMAL;
import static dev.runway.model.DistributionKind.PERT;
import static dev.runway.model.DistributionKind.STUDENT_T;
import static dev.runway.model.DistributionKind.TRIANGULAR;
import static dev.runway.model.DistributionKind.UNIFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A distribution's parameters are refused, naming the parameter and its value, wherever their
 * draws, mean or variance would not fit a double, or the sampler's arithmetic: the examples of
 * issue 10 that overflowed, crashed or spun, and each limit's edge, which is accepted.
 */
class DistributionLimitsTest {

    private static Distribution.Problem onlyProblem(DistributionKind kind, double... parameters) {
        List<Distribution.Problem> problems = Distribution.problems(kind, parameters);
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    @Test
    void aNormalWhoseSdOverflowsWhenSquaredIsRefusedAtTheSd() {
        Distribution.Problem problem = onlyProblem(NORMAL, 0, 1e200);
        assertEquals(1, problem.parameter());
        assertTrue(problem.message().startsWith("sd must lie within ±1e15"), problem::message);
        assertTrue(problem.message().endsWith("found 1e200"), problem::message);
    }

    @Test
    void aLognormalWhoseMeanOverflowsIsRefusedAtItsMeanOfLnX() {
        Distribution.Problem problem = onlyProblem(LOGNORMAL, 800, 1);
        assertEquals(0, problem.parameter());
        assertTrue(problem.message().contains("the mean exp(800 + 1^2/2) = exp(800.50) is beyond 1e15"),
                problem::message);
    }

    @Test
    void aLognormalWhoseSpreadOverflowsIsRefusedAtItsSdOfLnX() {
        // Its mean exp(32) = 8e13 fits; its sd, about exp(64), does not.
        Distribution.Problem problem = onlyProblem(LOGNORMAL, 0, 8);
        assertEquals(1, problem.parameter());
        assertTrue(problem.message().contains("the standard deviation exp(64.00) is beyond 1e15"), problem::message);
    }

    @Test
    void aStudentTWithAlmostInfiniteDegreesOfFreedomIsRefusedAtThem() {
        Distribution.Problem problem = onlyProblem(STUDENT_T, 0, 1, 1e300);
        assertEquals(2, problem.parameter());
        assertTrue(problem.message().contains("must be from 1 to 1e6"), problem::message);
        assertTrue(problem.message().contains("use normal), found 1e300"), problem::message);
    }

    @Test
    void aBetaThatIsAPointMassIsRefusedAtBothShapes() {
        List<Distribution.Problem> problems = Distribution.problems(BETA, 1e50, 1e50);
        assertEquals(List.of(0, 1), problems.stream().map(Distribution.Problem::parameter).toList());
        assertTrue(problems.get(0).message().contains("alpha must be from 0.001 to 1e6"), problems::toString);
    }

    @Test
    void aDiscreteUniformWiderThanAnIntCanCountIsRefusedAtItsMax() {
        Distribution.Problem problem = onlyProblem(DISCRETE_UNIFORM, 0, 2147483647);
        assertEquals(1, problem.parameter());
        assertTrue(problem.message().contains("max must be a whole number from -1e9 to 1e9"), problem::message);
        assertTrue(problem.message().endsWith("found 2147483647"), problem::message);
    }

    @Test
    void aConstantBeyondTheMagnitudeLimitIsRefused() {
        Distribution.Problem problem = onlyProblem(CONSTANT, 1e308);
        assertEquals(0, problem.parameter());
        assertTrue(problem.message().startsWith("value must lie within ±1e15"), problem::message);
    }

    static Stream<Arguments> edges() {
        return Stream.of(
                Arguments.of(CONSTANT, new double[] {-1e15}),
                Arguments.of(NORMAL, new double[] {1e15, 1e15}),
                Arguments.of(LOGNORMAL, new double[] {33, 1}),
                Arguments.of(LOGNORMAL, new double[] {-1e15, 5}),
                Arguments.of(UNIFORM, new double[] {-1e15, 1e15}),
                Arguments.of(TRIANGULAR, new double[] {-1e15, 0, 1e15}),
                Arguments.of(PERT, new double[] {-1e15, 1e15, 1e15}),
                Arguments.of(BETA, new double[] {1e-3, 1e6, -1e15, 1e15}),
                Arguments.of(STUDENT_T, new double[] {0, 1e15, 1}),
                Arguments.of(STUDENT_T, new double[] {0, 1, 1e6}),
                Arguments.of(DISCRETE_UNIFORM, new double[] {-1e9, 1e9}),
                Arguments.of(BERNOULLI, new double[] {1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void everyKindIsAcceptedAtTheEdgeOfItsLimits(DistributionKind kind, double[] parameters) {
        assertEquals(List.of(), Distribution.problems(kind, parameters));
    }
}
