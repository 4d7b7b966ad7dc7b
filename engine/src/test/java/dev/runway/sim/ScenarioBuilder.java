package dev.runway.sim;

import dev.runway.io.InputReader;
import dev.runway.model.Copula;
import dev.runway.model.Correlation;
import dev.runway.model.Distribution;
import dev.runway.model.Event;
import dev.runway.model.Model;
import dev.runway.model.Scenario;
import dev.runway.model.Schedule;
import dev.runway.model.StandardModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small scenarios of the standard model for tests: every driver starts neutral (no volume
 * noise or trend, no savings, restructuring at budget, all debt refinanced) and every schedule
 * amount at 0, so a test sets only what its closed form needs.
 */
public final class ScenarioBuilder {
    /** The standard model, checked once for every test. */
    public static final Model STANDARD = InputReader.standardModel();

    private final Map<String, Distribution> drivers = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final int horizon;
    private final Map<String, double[]> schedule = new LinkedHashMap<>();
    private List<Correlation> correlations = List.of();
    private Copula copula = Copula.INDEPENDENT;

    /** A standard driver's place in the model's order, where results record it. */
    public static int index(String driver) {
        return STANDARD.drivers().indexOf(driver);
    }

    public ScenarioBuilder(int horizon) {
        this.horizon = horizon;
        for (String column : StandardModel.SCHEDULE_COLUMNS) {
            schedule.put(column, new double[horizon]);
        }
        for (String driver : StandardModel.DRIVERS) {
            drivers.put(driver, Distribution.constant(0.0));
        }
        drivers.put("restructuring_overrun", Distribution.constant(1.0));
        drivers.put("refinancing_share", Distribution.constant(1.0));
    }

    public ScenarioBuilder driver(String driver, Distribution distribution) {
        if (!drivers.containsKey(driver)) {
            throw new IllegalArgumentException("not a standard driver: " + driver);
        }
        drivers.put(driver, distribution);
        return this;
    }

    public ScenarioBuilder event(Event event) {
        events.add(event);
        return this;
    }

    public ScenarioBuilder correlated(List<Correlation> correlations, Copula copula) {
        this.correlations = correlations;
        this.copula = copula;
        return this;
    }

    private ScenarioBuilder fill(String column, double perQuarter) {
        Arrays.fill(schedule.get(column), perQuarter);
        return this;
    }

    public ScenarioBuilder baseRevenue(double perQuarter) {
        return fill("base_revenue", perQuarter);
    }

    public ScenarioBuilder fixedCosts(double perQuarter) {
        return fill("fixed_costs", perQuarter);
    }

    public ScenarioBuilder savingsTarget(double... perQuarter) {
        System.arraycopy(perQuarter, 0, schedule.get("savings_target"), 0, horizon);
        return this;
    }

    public ScenarioBuilder restructuringCost(double perQuarter) {
        return fill("restructuring_cost", perQuarter);
    }

    public ScenarioBuilder capex(double perQuarter) {
        return fill("capex", perQuarter);
    }

    public ScenarioBuilder debtMaturity(double perQuarter) {
        return fill("debt_maturity", perQuarter);
    }

    public Scenario build() {
        List<String> labels = new ArrayList<>();
        for (int q = 1; q <= horizon; q++) {
            labels.add("Q" + q);
        }
        return new Scenario("test", "a test scenario", drivers, Map.of(), events, new Schedule(labels, schedule),
                correlations, copula, STANDARD);
    }
}
