package dev.runway.sim;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Scenario;
import dev.runway.stats.Estimate;
import dev.runway.stats.Intervals;
import dev.runway.stats.QuarterStatistics;
import dev.runway.stats.ScenarioStatistics;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intervals the outputs report cover the truth as often as they claim: a closed-form case
 * (terminal cash = a normal plus a uniform) is run 1,000 times with 500 paths and different seeds,
 * and the share of runs whose interval holds the exact value is compared with the interval's exact
 * coverage (computed from the binomial), within four standard errors of that share.
 */
class IntervalCoverageTest {
    private static final int RUNS = 1000;
    private static final int PATHS = 500;
    private static final double MU = 2000;
    private static final double SIGMA = 100;
    /** Terminal cash = N(MU, SIGMA^2) + U(A, B): margin U(0.1, 0.3) times revenue 1000, less fixed costs 200. */
    private static final double A = -100;
    private static final double B = 100;
    private static final double BREACH_LEVEL = 1900;
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private static double cdf(double x) {
        return SIGMA / (B - A) * (g((x - A - MU) / SIGMA) - g((x - B - MU) / SIGMA));
    }

    private static double g(double t) {
        return t * STANDARD.cumulativeProbability(t) + STANDARD.density(t);
    }

    @Test
    void reportedIntervalsCoverTheExactValuesAsOftenAsTheyClaim() {
        Scenario scenario = new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.of(DistributionKind.NORMAL, MU, SIGMA))
                .driver("contribution_margin", Distribution.of(DistributionKind.UNIFORM, 0.1, 0.3))
                .driver("min_liquidity", Distribution.constant(BREACH_LEVEL))
                .baseRevenue(1000).fixedCosts(200).build();
        double trueP05 = new BrentSolver(1e-10).solve(200, x -> cdf(x) - 0.05, MU - 10 * SIGMA, MU + 10 * SIGMA);
        double trueBreach = cdf(BREACH_LEVEL);
        int p05Covered = 0;
        int breachCovered = 0;
        int meanCovered = 0;
        try (Simulation simulation = new Simulation(2)) {
            PathResults results = new PathResults(1, 1, PATHS, 0, 0);
            for (int run = 0; run < RUNS; run++) {
                simulation.run(scenario, 1000L + run, results, new AtomicLong());
                QuarterStatistics terminal = ScenarioStatistics.of("coverage", run, results,
                        scenario.schedule().labels(), java.util.List.of("cash"), 10, simulation.pool()).terminalQuarter();
                p05Covered += covers(terminal.percentile(0.05), trueP05);
                breachCovered += covers(terminal.breachProb(), trueBreach);
                meanCovered += covers(terminal.mean(), MU);
            }
        }
        assertCoverage("P05 (order statistics)", p05Covered, orderStatisticCoverage(0.05));
        assertCoverage("breach probability (Wilson)", breachCovered, wilsonCoverage(trueBreach));
        // The mean's normal-approximation interval has no exact coverage to compare with: nominal.
        assertCoverage("mean (normal approximation)", meanCovered, ScenarioStatistics.CONFIDENCE);
    }

    private static int covers(Estimate estimate, double truth) {
        return estimate.low() <= truth && truth <= estimate.high() ? 1 : 0;
    }

    /** P(l < X <= u) for X ~ Binomial(n, p), the ranks the engine uses (0-based l, u). */
    private static double orderStatisticCoverage(double p) {
        int[] ranks = Intervals.orderStatisticRanks(PATHS, p, ScenarioStatistics.CONFIDENCE);
        BinomialDistribution binomial = new BinomialDistribution(null, PATHS, p);
        return binomial.cumulativeProbability(ranks[1]) - binomial.cumulativeProbability(ranks[0]);
    }

    /** The probability that the Wilson interval of k ~ Binomial(n, p) holds p. */
    private static double wilsonCoverage(double p) {
        BinomialDistribution binomial = new BinomialDistribution(null, PATHS, p);
        double coverage = 0;
        for (int k = 0; k <= PATHS; k++) {
            double[] interval = Intervals.wilson(k, PATHS, ScenarioStatistics.CONFIDENCE);
            if (interval[0] <= p && p <= interval[1]) {
                coverage += binomial.probability(k);
            }
        }
        return coverage;
    }

    private static void assertCoverage(String what, int covered, double expected) {
        double observed = (double) covered / RUNS;
        double standardError = Math.sqrt(expected * (1 - expected) / RUNS);
        assertEquals(expected, observed, 4 * standardError, what + ": covered in " + covered + " of " + RUNS);
        assertTrue(observed > 0.92, what + " covers the truth about 95% of the time: " + observed);
    }
}
