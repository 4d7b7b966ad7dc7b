package dev.runway.analysis;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Scenario;
import dev.runway.sim.PathKernel;
import dev.runway.sim.ScenarioBuilder;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The design point of a breach linear in two normal inputs, where it is known exactly. In one
 * quarter of the standard model, cash = opening_cash + 1000 contribution_margin - 200 and the breach
 * is cash < min_liquidity. With opening_cash = 2000 + 300 a and contribution_margin = 0.3 + 0.4 b (a, b
 * standard normal), the breach is {@code c0 + 300 a + 400 b < 0}, c0 = 2100 - min_liquidity: the
 * nearest breaching point lies at distance beta = c0 / 500 from the origin, at -beta (3/5, 4/5) in
 * (a, b), and Phi(-beta) is the breach probability itself.
 */
class DesignPointTest {
    private static final long SEED = 20250513L;
    /** How closely DesignPoint finds a direction's breach distance: the step of its second grid. */
    private static final double RESOLUTION = DesignPoint.MAX_DISTANCE / 4096;

    /** The scenario of the class's comment, in breach below {@code breachLevel}: beta = (2100 - breachLevel) / 500. */
    static Scenario linear(double breachLevel) {
        return new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.of(DistributionKind.NORMAL, 2000, 300))
                .driver("contribution_margin", Distribution.of(DistributionKind.NORMAL, 0.3, 0.4))
                .driver("min_liquidity", Distribution.constant(breachLevel))
                .baseRevenue(1000).fixedCosts(200).build();
    }

    @Test
    void theDesignPointOfALinearBreachIsTheFootOfThePerpendicularFromTheOrigin() throws Exception {
        double c0 = 1000;
        double beta = c0 / 500;
        Scenario scenario = linear(2100 - c0);

        DesignPoint.Result found = DesignPoint.find(scenario, SEED);

        // The point found breaches, so it lies on or beyond the line: no nearer than beta, and the grid
        // puts it at most one step beyond the line along its direction.
        assertTrue(found.distance() >= beta - 1e-9 && found.distance() <= beta + RESOLUTION,
                "distance " + found.distance() + " against " + beta);
        // A breaching point at distance d from the origin lies at most sqrt(d^2 - beta^2) from the foot
        // of the perpendicular (Pythagoras), plus the step it may lie beyond the line.
        double[] exact = new double[new PathKernel(scenario).dimensions()];
        exact[ScenarioBuilder.index("opening_cash")] = -beta * 3 / 5;
        exact[ScenarioBuilder.index("contribution_margin")] = -beta * 4 / 5;
        double[] point = found.point();
        double apart = 0;
        for (int d = 0; d < point.length; d++) {
            apart += (point[d] - exact[d]) * (point[d] - exact[d]);
        }
        double reach = beta + RESOLUTION;
        assertTrue(Math.sqrt(apart) <= Math.sqrt(reach * reach - beta * beta) + RESOLUTION,
                "the point is " + Math.sqrt(apart) + " from " + Arrays.toString(exact));
        assertEquals(new NormalDistribution(0, 1).cumulativeProbability(-found.distance()), found.formProbability(),
                1e-15);
        assertEquals(1, found.firstBreach());
        assertTrue(found.pilotBreaches() > 0, "the pilot found breaches");
    }

    @Test
    void theInputsAreToldInTheirOwnUnitsMostImportantFirst() throws Exception {
        DesignPoint.Result found = DesignPoint.find(linear(1100), SEED);

        DesignPoint.Input margin = found.inputs().get(0);
        DesignPoint.Input opening = found.inputs().get(1);
        // The point lies within the previous test's bound of the exact one, which moves b by as much,
        // and b's share of the squared distance 4 by up to 2 * 1.6 times as much over 4.
        double reach = 2 + RESOLUTION;
        double near = Math.sqrt(reach * reach - 4) + RESOLUTION;
        assertEquals("contribution_margin", margin.input(), "b carries 16/25 of the squared distance");
        assertEquals(16.0 / 25, margin.importance(), 2 * 1.6 * near / 4);
        assertEquals(9.0 / 25, opening.importance(), 2 * 1.6 * near / 4);
        assertEquals(0.3 - 0.4 * 1.6, margin.atBreach(), 0.4 * near, "0.3 + 0.4 b at b = -1.6");
        assertEquals(2000 - 300 * 1.2, opening.atBreach(), 300 * near, "2000 + 300 a at a = -1.2");
        assertEquals(0.3, margin.atMedian(), 1e-12);
        assertEquals(2000, opening.atMedian(), 1e-9);
        assertEquals(1.0, found.inputs().stream().mapToDouble(DesignPoint.Input::importance).sum(), 1e-12);
    }

    @Test
    void aMedianPathThatBreachesIsItsOwnDesignPoint() throws Exception {
        DesignPoint.Result found = DesignPoint.find(linear(2200), SEED);

        assertEquals(0.0, found.distance());
        assertEquals(0.5, found.formProbability(), 1e-15);
        assertEquals(0, found.pilotBreaches(), "no pilot is needed");
    }

    @Test
    void aScenarioThatCannotBreachHasNoDesignPoint() {
        Scenario bounded = new ScenarioBuilder(1)
                .driver("opening_cash", Distribution.of(DistributionKind.UNIFORM, 2000, 2100))
                .driver("min_liquidity", Distribution.constant(1000))
                .baseRevenue(1000).fixedCosts(200).build();

        DesignPoint.NoBreachException none = assertThrows(DesignPoint.NoBreachException.class,
                () -> DesignPoint.find(bounded, SEED));
        assertTrue(none.getMessage().startsWith("no breach in " + 4 * DesignPoint.PILOT + " pilot paths"),
                none.getMessage());
    }
}
