package dev.runway.analysis;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.ScenarioBuilder;
import dev.runway.sim.Simulation;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sensitivity on a case with known answers: terminal cash = opening + 1000 * margin - 200 in one
 * quarter, with opening ~ N(2000, 100) and margin ~ N(0.3, 0.11547) (so 1000 margin has sd 115.47
 * and terminal cash sd 152.75). Both parts and their sum are normal, so each part's Spearman
 * correlation with the sum is (6 / pi) asin(r / 2), r its Pearson correlation sd_part / 152.75.
 */
class SensitivityTest {
    private static final int PATHS = 40_000;
    private static final double BREACH_LEVEL = 2000;
    private static final double MARGIN_SD = 0.11547;
    private static final double TOTAL_SD = Math.sqrt(100 * 100 + 115.47 * 115.47);
    private static Simulation simulation;

    @BeforeAll
    static void start() {
        simulation = new Simulation(2);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    private static Scenario scenario() {
        return new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.of(DistributionKind.NORMAL, 2000, 100))
                .driver("contribution_margin", Distribution.of(DistributionKind.NORMAL, 0.3, MARGIN_SD))
                .driver("min_liquidity", Distribution.constant(BREACH_LEVEL))
                .baseRevenue(1000).fixedCosts(200).build();
    }

    @Test
    void ranksDriversByInfluenceAndSplitsTheVarianceAmongThem() {
        List<Sensitivity.Row> rows = Sensitivity.of(simulation, scenario(), 9L, SamplingMethod.MC, PATHS);
        assertEquals(List.of("contribution_margin", "opening_cash"), rows.stream().map(Sensitivity.Row::input).toList(),
                "the margin (sd 115) moves terminal cash more than the opening cash (sd 100)");
        double shares = rows.stream().mapToDouble(Sensitivity.Row::varianceShare).sum();
        assertEquals(1.0, shares, 1e-12);
        // Bonett and Wright's standard error of Spearman's rho, four of them.
        for (int r = 0; r < 2; r++) {
            double pearson = (r == 0 ? 115.47 : 100) / TOTAL_SD;
            double exact = 6 / Math.PI * Math.asin(pearson / 2);
            double se = (1 - exact * exact) * Math.sqrt((1 + exact * exact / 2) / (PATHS - 3));
            assertEquals(exact, rows.get(r).spearman(), 4 * se, rows.get(r).input());
        }
    }

    @Test
    void swingsHoldOneDriverAtItsPercentilesOnTheSamePaths() {
        List<Sensitivity.Row> rows = Sensitivity.of(simulation, scenario(), 9L, SamplingMethod.MC, PATHS);
        Sensitivity.Row margin = rows.get(0);
        double z90 = new NormalDistribution(0, 1).inverseCumulativeProbability(0.9);
        assertEquals(0.3 - z90 * MARGIN_SD, margin.valueAtLow(), 1e-12, "P10 of the margin");
        assertEquals(0.3 + z90 * MARGIN_SD, margin.valueAtHigh(), 1e-12, "P90 of the margin");
        // With the margin held at m, terminal = N(2000, 100) + 1000 m - 200: breach iff opening < 2200 - 1000 m.
        NormalDistribution opening = new NormalDistribution(2000, 100);
        double atLow = opening.cumulativeProbability(BREACH_LEVEL + 200 - 1000 * margin.valueAtLow());
        double atHigh = opening.cumulativeProbability(BREACH_LEVEL + 200 - 1000 * margin.valueAtHigh());
        double se = Math.sqrt(atLow * (1 - atLow) / PATHS);
        assertEquals(atLow, margin.breachAtLow(), 4 * se, "breach with the margin at its P10");
        assertEquals(atHigh, margin.breachAtHigh(), 4 * Math.sqrt(atHigh * (1 - atHigh) / PATHS) + 1e-9,
                "breach with the margin at its P90");
        assertEquals(2000 + 1000 * margin.valueAtLow() - 200, margin.meanAtLow(), 4 * 100 / Math.sqrt(PATHS),
                "mean with the margin at P10");
    }
}
