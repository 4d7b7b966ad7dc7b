package dev.runway.model;

import java.io.Serializable;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One fully resolved scenario: its own rows merged over its parent's, every driver present.
 *
 * @param drivers       one distribution per driver, all ten present
 * @param driverSources where each driver's distribution comes from, carried into the manifest
 * @param correlations  the rank correlations between drivers, as the inputs give them
 * @param copula        how the correlated drivers are drawn together (positive definite)
 */
public record Scenario(String name, String description, Map<Driver, Distribution> drivers,
        Map<Driver, String> driverSources, List<Event> events, Schedule schedule, List<Correlation> correlations,
        Copula copula) implements Serializable {

    /** A scenario whose drivers are all drawn independently. */
    public Scenario(String name, String description, Map<Driver, Distribution> drivers,
            Map<Driver, String> driverSources, List<Event> events, Schedule schedule) {
        this(name, description, drivers, driverSources, events, schedule, List.of(), Copula.INDEPENDENT);
    }

    public Scenario {
        for (Driver driver : Driver.values()) {
            Distribution distribution = drivers.get(driver);
            if (distribution == null) {
                throw new IllegalArgumentException("scenario " + name + " has no distribution for " + driver.csvName());
            }
            String problem = driver.rangeProblem(distribution);
            if (problem != null) {
                throw new IllegalArgumentException("scenario " + name + ": " + problem);
            }
        }
        for (Event event : events) {
            if (event.lastQuarter() > schedule.horizon()) {
                throw new IllegalArgumentException("scenario " + name + ": event " + event.name()
                        + " ends in quarter " + event.lastQuarter() + ", after the horizon " + schedule.horizon());
            }
        }
        Map<Driver, Distribution> driversCopy = new EnumMap<>(Driver.class);
        driversCopy.putAll(drivers);
        drivers = driversCopy;
        for (Driver driver : copula.drivers()) {
            if (driversCopy.get(driver).kind() == DistributionKind.CONSTANT) {
                throw new IllegalArgumentException("scenario " + name + ": " + driver.csvName()
                        + " is constant and cannot be correlated");
            }
        }
        correlations = List.copyOf(correlations);
        Map<Driver, String> sourcesCopy = new EnumMap<>(Driver.class);
        sourcesCopy.putAll(driverSources);
        driverSources = sourcesCopy;
        events = List.copyOf(events);
    }

    public Distribution driver(Driver driver) {
        return drivers.get(driver);
    }

    public int horizon() {
        return schedule.horizon();
    }
}
