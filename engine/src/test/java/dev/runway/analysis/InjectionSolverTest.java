package dev.runway.analysis;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sample.StandardNormal;
import dev.runway.sim.ScenarioBuilder;
import dev.runway.sim.Simulation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The solver on a case whose answer is known exactly: one quarter, opening cash N(mu, sigma),
 * nothing else, breach below L. An injection A in quarter 1 gives P(breach) = Phi((L - A - mu) /
 * sigma), so the smallest A for a target p is L - mu - sigma Phi^-1(p): 184, 293 and 498 for 10%, 5%, 1%.
 */
class InjectionSolverTest {
    private static final double MU = 1200;
    private static final double SIGMA = 300;
    private static final double L = 1000;
    private static final int PATHS = 40_000;
    private static Simulation simulation;

    @BeforeAll
    static void start() {
        simulation = new Simulation(2);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    /** Opening cash N(mu, SIGMA), a breach level, fixed costs a quarter, and nothing else. */
    static Scenario oneQuarter(double mu, double minLiquidity, int horizon, double fixedCosts) {
        return new ScenarioBuilder(horizon)
                .driver("opening_cash", Distribution.of(DistributionKind.NORMAL, mu, SIGMA))
                .driver("min_liquidity", Distribution.constant(minLiquidity))
                .fixedCosts(fixedCosts).build();
    }

    @Test
    void findsTheExactInjectionWithinItsMonteCarloInterval() {
        InjectionSolver solver = new InjectionSolver(simulation, oneQuarter(MU, L, 1, 0), 3L, SamplingMethod.MC,
                PATHS, 1);
        for (InjectionSolver.Solution solution : solver.solve(0.01, 0.05, 0.10)) {
            double exact = L - MU - SIGMA * StandardNormal.inverseCdf(solution.target());
            assertEquals(InjectionSolver.Status.SOLVED, solution.status());
            assertTrue(solution.low() - solver.tolerance() <= exact
                    && exact <= solution.high() + solver.tolerance(),
                    "exact " + exact + " within the interval " + solution);
            assertTrue(solution.low() <= solution.injection() && solution.injection() <= solution.high(), solution
                    .toString());
            assertTrue(solution.breachAtInjection() <= solution.target(), solution.toString());
            assertTrue(solver.breachAt(solution.injection() - solver.tolerance()) > solution.target(),
                    "one tolerance less would not do: " + solution);
        }
    }

    @Test
    void aScenarioAlreadySafeNeedsNothing() {
        InjectionSolver.Solution solution = new InjectionSolver(simulation, oneQuarter(MU + 3000, L, 1, 0), 3L,
                SamplingMethod.MC, 4096, 1).solve(0.05);
        assertEquals(InjectionSolver.Status.ALREADY_MET, solution.status());
        assertEquals(0.0, solution.injection(), 0.0);
    }

    @Test
    void anInjectionAfterTheBreachesCannotPreventThem() {
        // Cash falls by 1,000 in quarter 1: nearly every path breaches before a quarter-2 injection arrives.
        InjectionSolver.Solution solution = new InjectionSolver(simulation, oneQuarter(MU, L, 2, 1000), 3L,
                SamplingMethod.MC, 4096, 2).solve(0.05);
        assertEquals(InjectionSolver.Status.OUT_OF_REACH, solution.status());
        assertTrue(Double.isNaN(solution.injection()));
    }
}
