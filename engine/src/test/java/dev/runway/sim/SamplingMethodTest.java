package dev.runway.sim;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.stats.QuarterStatistics;
import dev.runway.stats.ScenarioStatistics;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sampling method estimates the same thing as plain Monte Carlo (checked against closed
 * forms), and each has the structure it claims: mirrored pairs, one path per stratum.
 */
class SamplingMethodTest {
    private static final int PATHS = 40_000;
    private static final double MU = 2000;
    private static final double SIGMA = 100;
    /** Terminal cash = N(MU, SIGMA^2) + U(A, B) over four quarters: margin U(0.1, 0.3) x 1000 - 200, times 4. */
    private static final double A = -400;
    private static final double B = 400;
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);
    private static Simulation simulation;

    @BeforeAll
    static void start() {
        simulation = new Simulation(2);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    private static Scenario closedForm() {
        return new ScenarioBuilder(4)
                .driver("opening_cash", Distribution.of(DistributionKind.NORMAL, MU, SIGMA))
                .driver("contribution_margin", Distribution.of(DistributionKind.UNIFORM, 0.1, 0.3))
                .driver("volume_volatility", Distribution.constant(0.0))
                .baseRevenue(1000).fixedCosts(200).build();
    }

    private static double cdf(double x) {
        return SIGMA / (B - A) * (g((x - A - MU) / SIGMA) - g((x - B - MU) / SIGMA));
    }

    private static double g(double t) {
        return t * STANDARD.cumulativeProbability(t) + STANDARD.density(t);
    }

    @ParameterizedTest
    @EnumSource(SamplingMethod.class)
    void everyMethodEstimatesTheExactMeanAndPercentile(SamplingMethod method) {
        Scenario scenario = closedForm();
        PathResults results = simulation.run(scenario, 5L, method, new PathResults(4, 1, PATHS, 10, 0), new AtomicLong());
        QuarterStatistics terminal = ScenarioStatistics.of("t", 5L, results, scenario.schedule().labels(), java.util.List.of("cash"), 10,
                simulation.pool()).terminalQuarter();
        double sd = Math.sqrt(SIGMA * SIGMA + (B - A) * (B - A) / 12.0);
        // Plain Monte Carlo's standard errors: the variance-reducing methods must do at least as well.
        assertEquals(MU, terminal.mean().value(), 4 * sd / Math.sqrt(PATHS), method + " mean");
        double p05 = new BrentSolver(1e-10).solve(200, x -> cdf(x) - 0.05, MU - 1000, MU + 1000);
        double density = (STANDARD.cumulativeProbability((p05 - A - MU) / SIGMA)
                - STANDARD.cumulativeProbability((p05 - B - MU) / SIGMA)) / (B - A);
        double p05StandardError = Math.sqrt(0.05 * 0.95 / PATHS) / density;
        assertEquals(p05, terminal.percentile(0.05).value(), 4 * p05StandardError, method + " P05");
    }

    @Test
    void antitheticPairsMirrorEveryInputOfThePathOneChunkAhead() {
        PathResults results = simulation.run(closedForm(), 5L, SamplingMethod.ANTITHETIC,
                new PathResults(4, 1, 3 * Simulation.BLOCK_SIZE, 10, 0), new AtomicLong());
        double[] opening = results.driver(ScenarioBuilder.STANDARD, "opening_cash");
        double[] margin = results.driver(ScenarioBuilder.STANDARD, "contribution_margin");
        int chunk = PathKernel.CHUNK;
        for (int first = 0; first < opening.length; first += 2 * chunk) {
            for (int i = first; i < first + chunk; i++) {
                assertEquals(2 * MU, opening[i] + opening[i + chunk], 1e-9, "normal driver mirrored at path " + i);
                assertEquals(0.4, margin[i] + margin[i + chunk], 1e-12, "uniform driver mirrored at path " + i);
            }
        }
    }

    @Test
    void latinHypercubePutsOnePathOfEachBlockInEachSliceOfADriver() {
        PathResults results = simulation.run(closedForm(), 5L, SamplingMethod.LHS,
                new PathResults(4, 1, 2 * Simulation.BLOCK_SIZE, 10, 0), new AtomicLong());
        double[] margin = results.driver(ScenarioBuilder.STANDARD, "contribution_margin");
        for (int block = 0; block < 2; block++) {
            int[] perSlice = new int[Simulation.BLOCK_SIZE];
            for (int i = 0; i < Simulation.BLOCK_SIZE; i++) {
                double u = (margin[block * Simulation.BLOCK_SIZE + i] - 0.1) / 0.2;
                perSlice[Math.min((int) (u * Simulation.BLOCK_SIZE), Simulation.BLOCK_SIZE - 1)]++;
            }
            assertTrue(Arrays.stream(perSlice).allMatch(count -> count == 1), "block " + block + ": one path a slice");
        }
    }

    @Test
    void sobolPointsSpreadMoreEvenlyThanIndependentDraws() {
        // The largest gap between neighbouring sorted uniforms: ~ln(n)/n for independent draws, ~1/n for Sobol.
        int paths = 4096;
        double sobolGap = largestGap(simulation.run(closedForm(), 5L, SamplingMethod.SOBOL,
                new PathResults(4, 1, paths, 10, 0), new AtomicLong()).driver(ScenarioBuilder.STANDARD, "contribution_margin"));
        double mcGap = largestGap(simulation.run(closedForm(), 5L, SamplingMethod.MC,
                new PathResults(4, 1, paths, 10, 0), new AtomicLong()).driver(ScenarioBuilder.STANDARD, "contribution_margin"));
        assertTrue(sobolGap < 2.5 / paths, "Sobol's largest gap " + sobolGap * paths + "/n");
        assertTrue(mcGap > sobolGap * 2, "independent draws leave larger gaps: " + mcGap * paths + "/n");
    }

    private static double largestGap(double[] margin) {
        double[] u = new double[margin.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = (margin[i] - 0.1) / 0.2;
        }
        Arrays.sort(u);
        double gap = u[0];
        for (int i = 1; i < u.length; i++) {
            gap = Math.max(gap, u[i] - u[i - 1]);
        }
        return Math.max(gap, 1 - u[u.length - 1]);
    }
}
