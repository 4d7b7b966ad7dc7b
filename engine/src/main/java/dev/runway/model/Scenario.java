package dev.runway.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One fully resolved scenario: its own rows merged over its parent's, every driver present.
 *
 * @param drivers       one distribution per driver, all ten present
 * @param driverSources where each driver's distribution comes from, carried into the manifest
 */
public record Scenario(String name, String description, Map<Driver, Distribution> drivers,
        Map<Driver, String> driverSources, List<Event> events, Schedule schedule) {

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
