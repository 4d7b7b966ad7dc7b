package dev.runway.sim;

import dev.runway.model.Distribution;
import dev.runway.model.Driver;
import dev.runway.model.Event;
import dev.runway.model.Scenario;
import dev.runway.model.Schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small scenarios for tests: every driver starts neutral (no volume noise or trend, no
 * savings, restructuring at budget, all debt refinanced) and every schedule amount at 0, so a
 * test sets only what its closed form needs.
 */
public final class ScenarioBuilder {
    private final Map<Driver, Distribution> drivers = new EnumMap<>(Driver.class);
    private final List<Event> events = new ArrayList<>();
    private final int horizon;
    private final double[] baseRevenue;
    private final double[] fixedCosts;
    private final double[] savingsTarget;
    private final double[] restructuringCost;
    private final double[] capex;
    private final double[] debtMaturity;

    public ScenarioBuilder(int horizon) {
        this.horizon = horizon;
        baseRevenue = new double[horizon];
        fixedCosts = new double[horizon];
        savingsTarget = new double[horizon];
        restructuringCost = new double[horizon];
        capex = new double[horizon];
        debtMaturity = new double[horizon];
        for (Driver driver : Driver.values()) {
            drivers.put(driver, Distribution.constant(0.0));
        }
        drivers.put(Driver.RESTRUCTURING_OVERRUN, Distribution.constant(1.0));
        drivers.put(Driver.REFINANCING_SHARE, Distribution.constant(1.0));
    }

    public ScenarioBuilder driver(Driver driver, Distribution distribution) {
        drivers.put(driver, distribution);
        return this;
    }

    public ScenarioBuilder event(Event event) {
        events.add(event);
        return this;
    }

    public ScenarioBuilder baseRevenue(double perQuarter) {
        Arrays.fill(baseRevenue, perQuarter);
        return this;
    }

    public ScenarioBuilder fixedCosts(double perQuarter) {
        Arrays.fill(fixedCosts, perQuarter);
        return this;
    }

    public ScenarioBuilder savingsTarget(double... perQuarter) {
        System.arraycopy(perQuarter, 0, savingsTarget, 0, horizon);
        return this;
    }

    public ScenarioBuilder restructuringCost(double perQuarter) {
        Arrays.fill(restructuringCost, perQuarter);
        return this;
    }

    public ScenarioBuilder capex(double perQuarter) {
        Arrays.fill(capex, perQuarter);
        return this;
    }

    public ScenarioBuilder debtMaturity(double perQuarter) {
        Arrays.fill(debtMaturity, perQuarter);
        return this;
    }

    public Scenario build() {
        List<String> labels = new ArrayList<>();
        for (int q = 1; q <= horizon; q++) {
            labels.add("Q" + q);
        }
        return new Scenario("test", "a test scenario", drivers, Map.of(), events,
                new Schedule(labels, baseRevenue, fixedCosts, savingsTarget, restructuringCost, capex, debtMaturity));
    }
}
