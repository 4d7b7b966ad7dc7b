package dev.runway.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Where a scenario's own inputs were read, once inheritance has picked the row of each: the line
 * of each driver's row in drivers.csv, of each quarter's row in schedule.csv, and of each event's
 * row in events.csv. A value that goes wrong while the model runs is traced back to one of them.
 * A scenario built in code has none ({@link #NONE}).
 *
 * @param drivers  each driver's line in {@code driversFile}
 * @param schedule the line of each quarter (quarter 1 first) in {@code scheduleFile}
 * @param events   each event's line in {@code eventsFile}, by the event's name
 */
public record SourceLines(String driversFile, Map<String, Integer> drivers, String scheduleFile,
        List<Integer> schedule, String eventsFile, Map<String, Integer> events) implements Serializable {

    /** No lines: for scenarios that were not read from files. */
    public static final SourceLines NONE = new SourceLines("", Map.of(), "", List.of(), "", Map.of());

    public SourceLines {
        drivers = Map.copyOf(drivers);
        schedule = List.copyOf(schedule);
        events = Map.copyOf(events);
    }

    /** The row of a driver, at its distribution; null if unknown. */
    public InputCell driver(String driver) {
        Integer line = drivers.get(driver);
        return line == null ? null : new InputCell(driversFile, line, "distribution");
    }

    /** A schedule column's cell in a quarter (0-based); null if unknown. */
    public InputCell schedule(int quarter, String column) {
        return quarter < 0 || quarter >= schedule.size() ? null
                : new InputCell(scheduleFile, schedule.get(quarter), column);
    }

    /** An event's row, at the column named; null if unknown. */
    public InputCell event(String event, String column) {
        Integer line = events.get(event);
        return line == null ? null : new InputCell(eventsFile, line, column);
    }
}
