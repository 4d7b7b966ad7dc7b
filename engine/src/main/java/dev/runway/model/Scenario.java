package dev.runway.model;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fully resolved scenario: its own rows merged over its parent's, with a distribution for
 * every driver its model uses.
 *
 * @param drivers       one distribution per driver of the model, in the model's driver order
 * @param driverSources where each driver's distribution comes from, carried into the manifest
 * @param correlations  the rank correlations between drivers, as the inputs give them
 * @param copula        how the correlated drivers are drawn together (positive definite)
 * @param model         the formulas the scenario's paths are walked with
 * @param lines         where its drivers, schedule and events were read, for messages about a run
 */
public record Scenario(String name, String description, Map<String, Distribution> drivers,
        Map<String, String> driverSources, List<Event> events, Schedule schedule, List<Correlation> correlations,
        Copula copula, Model model, SourceLines lines) implements Serializable {

    /** A scenario built in code, with no lines of input files to point to. */
    public Scenario(String name, String description, Map<String, Distribution> drivers,
            Map<String, String> driverSources, List<Event> events, Schedule schedule, List<Correlation> correlations,
            Copula copula, Model model) {
        this(name, description, drivers, driverSources, events, schedule, correlations, copula, model,
                SourceLines.NONE);
    }

    public Scenario {
        Map<String, Distribution> ordered = new LinkedHashMap<>();
        for (String driver : model.drivers()) {
            Distribution distribution = drivers.get(driver);
            if (distribution == null) {
                throw new IllegalArgumentException("scenario " + name + " has no distribution for " + driver);
            }
            ordered.put(driver, distribution);
        }
        for (String column : model.scheduleColumns()) {
            if (!schedule.columns().contains(column)) {
                throw new IllegalArgumentException("scenario " + name + "'s schedule has no column " + column);
            }
        }
        for (Event event : events) {
            if (event.lastQuarter() > schedule.horizon()) {
                throw new IllegalArgumentException("scenario " + name + ": event " + event.name()
                        + " ends in quarter " + event.lastQuarter() + ", after the horizon " + schedule.horizon());
            }
            if (!model.targets().contains(event.target())) {
                throw new IllegalArgumentException("scenario " + name + ": event " + event.name() + " moves "
                        + event.target() + ", which is not an event target of the model");
            }
        }
        for (String driver : copula.drivers()) {
            if (ordered.get(driver).kind() == DistributionKind.CONSTANT) {
                throw new IllegalArgumentException("scenario " + name + ": " + driver
                        + " is constant and cannot be correlated");
            }
        }
        drivers = Collections.unmodifiableMap(ordered);
        driverSources = Collections.unmodifiableMap(new LinkedHashMap<>(driverSources));
        correlations = List.copyOf(correlations);
        events = List.copyOf(events);
    }

    public Distribution driver(String driver) {
        Distribution distribution = drivers.get(driver);
        if (distribution == null) {
            throw new IllegalArgumentException("scenario " + name + " has no driver " + driver);
        }
        return distribution;
    }

    public int horizon() {
        return schedule.horizon();
    }

    /**
     * This scenario with one uncorrelated driver drawn from another distribution (a breach level
     * moved, say), saying so in the driver's source; everything else as it is.
     */
    public Scenario withDriver(String driver, Distribution distribution, String source) {
        driver(driver);
        if (copula.drivers().contains(driver)) {
            throw new IllegalArgumentException("scenario " + name + ": " + driver + " is correlated; its copula "
                    + "would need rebuilding");
        }
        Map<String, Distribution> changed = new LinkedHashMap<>(drivers);
        changed.put(driver, distribution);
        Map<String, String> sources = new LinkedHashMap<>(driverSources);
        sources.put(driver, source);
        return new Scenario(name, description, changed, sources, events, schedule, correlations, copula, model, lines);
    }
}
