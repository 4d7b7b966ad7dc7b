package dev.runway.sim;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Scenario;
import dev.runway.stats.QuarterStatistics;
import dev.runway.stats.ScenarioStatistics;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline (kernel, parallel blocks, statistics) against closed forms. Tolerances are
 * four standard errors, each computed next to its check.
 */
class ClosedFormTest {
    private static final int PATHS = 200_000;
    private static final double Z = 4.0;
    private static Simulation simulation;

    @BeforeAll
    static void start() {
        simulation = new Simulation(2);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    /**
     * Terminal cash = opening + H (margin R - F) with opening ~ N(2000, 100^2), margin ~ U(0.1, 0.3),
     * R = 1000, F = 200, H = 4: a normal plus a uniform on [400, 1200] minus 800. Its CDF is
     * {@code sigma/(b-a) [G((x-a-mu)/sigma) - G((x-b-mu)/sigma)]} with {@code G(t) = t Phi(t) + phi(t)}.
     */
    private static final double MU = 2000;
    private static final double SIGMA = 100;
    private static final double A = 400 - 800;
    private static final double B = 1200 - 800;
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private static double cdf(double x) {
        return SIGMA / (B - A) * (g((x - A - MU) / SIGMA) - g((x - B - MU) / SIGMA));
    }

    private static double density(double x) {
        return (STANDARD.cumulativeProbability((x - A - MU) / SIGMA)
                - STANDARD.cumulativeProbability((x - B - MU) / SIGMA)) / (B - A);
    }

    private static double g(double t) {
        return t * STANDARD.cumulativeProbability(t) + STANDARD.density(t);
    }

    private static double quantile(double p) {
        return new BrentSolver(1e-9).solve(200, x -> cdf(x) - p, MU + A - 10 * SIGMA, MU + B + 10 * SIGMA);
    }

    @Test
    void terminalCashOfANormalPlusAUniformDriverMatchesItsClosedForm() {
        Scenario scenario = new ScenarioBuilder(4)
                .driver("opening_cash", Distribution.of(DistributionKind.NORMAL, MU, SIGMA))
                .driver("contribution_margin", Distribution.of(DistributionKind.UNIFORM, 0.1, 0.3))
                .driver("min_liquidity", Distribution.constant(1800))
                .baseRevenue(1000).fixedCosts(200).build();
        PathResults results = simulation.run(scenario, 42L, PATHS, new AtomicLong());
        ScenarioStatistics statistics = ScenarioStatistics.of("test", 42L, results, scenario.schedule().labels(), java.util.List.of("cash"), 20,
                simulation.pool());
        QuarterStatistics terminal = statistics.terminalQuarter();

        double variance = SIGMA * SIGMA + (B - A) * (B - A) / 12.0;
        double sd = Math.sqrt(variance);
        double meanStandardError = sd / Math.sqrt(PATHS);
        assertEquals(MU, terminal.mean().value(), Z * meanStandardError, "mean");
        // The sample sd's standard error is at most sd / sqrt(2n) here: the sum has negative excess kurtosis.
        assertEquals(sd, terminal.sd(), Z * sd / Math.sqrt(2.0 * PATHS), "sd");
        for (double level : ScenarioStatistics.percentileLevels()) {
            double exact = quantile(level);
            double standardError = Math.sqrt(level * (1 - level) / PATHS) / density(exact);
            assertEquals(exact, terminal.percentile(level).value(), Z * standardError, "P" + level);
        }
        double breach = cdf(1800);
        assertEquals(breach, terminal.breachProb().value(), Z * Math.sqrt(breach * (1 - breach) / PATHS), "breach at Q4");
    }

    @Test
    void logRevenueFollowsTheAr1VolumeProcess() {
        // Two quarters with a zero margin in quarter 1 and 1 in quarter 2 is not expressible, so read
        // the revenue of quarter 2 back from the cash flow: cash2 - cash1 = margin * R * exp(v2) - F.
        double trend = -0.01;
        double volatility = 0.05;
        double persistence = 0.6;
        Scenario scenario = new ScenarioBuilder(2)
                .driver("volume_trend", Distribution.constant(trend))
                .driver("volume_volatility", Distribution.constant(volatility))
                .driver("volume_persistence", Distribution.constant(persistence))
                .driver("contribution_margin", Distribution.constant(0.5))
                .baseRevenue(1000).fixedCosts(100).build();
        int paths = 20_000;
        PathResults results = simulation.run(scenario, 7L, paths, new AtomicLong());
        double[] logVolume = new double[paths];
        for (int i = 0; i < paths; i++) {
            double flow = results.primaryAt(2)[i] - results.primaryAt(1)[i];
            logVolume[i] = Math.log((flow + 100) / (0.5 * 1000));
        }
        // v2 = 2 trend + sigma ((1 + rho) z1 + z2)
        double sd = volatility * Math.sqrt((1 + persistence) * (1 + persistence) + 1);
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(2 * trend, sd),
                logVolume);
        assertTrue(pValue > 1e-3, "log volume in quarter 2 is N(2 trend, sigma^2 ((1+rho)^2 + 1)); KS p = " + pValue);
        double wrongSd = volatility * Math.sqrt(2);
        double wrongPValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
                new NormalDistribution(2 * trend, wrongSd), logVolume);
        assertTrue(wrongPValue < 1e-6, "the same test rejects the process without persistence; p = " + wrongPValue);
    }

    @Test
    void savingsStartAfterTheirDelayAndAreNotCompressed() {
        Scenario scenario = new ScenarioBuilder(4)
                .driver("savings_realization", Distribution.constant(0.5))
                .driver("savings_delay", Distribution.constant(2))
                .savingsTarget(10, 20, 30, 40).build();
        PathResults results = simulation.run(scenario, 1L, 10, new AtomicLong());
        // Quarter 3 gets target[1] * 0.5 = 5, quarter 4 target[2] * 0.5 = 10; quarters 1-2 nothing.
        assertEquals(0.0, results.primaryAt(2)[0], 0.0);
        assertEquals(5.0, results.primaryAt(3)[0], 1e-12);
        assertEquals(15.0, results.primaryAt(4)[0], 1e-12);
    }

    @Test
    void outflowsApplyOverrunAndTheUnrefinancedShareOfDebt() {
        Scenario scenario = new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.constant(1000))
                .driver("restructuring_overrun", Distribution.constant(1.5))
                .driver("refinancing_share", Distribution.constant(0.25))
                .restructuringCost(40).capex(30).debtMaturity(200).build();
        PathResults results = simulation.run(scenario, 1L, 1, new AtomicLong());
        assertEquals(1000 - 1.5 * 40 - 30 - 0.75 * 200, results.primaryAt(1)[0], 1e-12);
    }
}
