package dev.runway.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic quarterly amounts of a scenario, one column per name, one entry per quarter
 * 1..H. A schedule rolled forward ({@link #after}) keeps the quarters before its first as its
 * past, which only {@code lag} reads. Arrays are copied in and out so a schedule never changes
 * once built.
 */
public final class Schedule implements Serializable {
    private static final long serialVersionUID = 3L;

    private final List<String> labels;
    /** Each column's amounts, the past quarters first. */
    private final Map<String, double[]> columns;
    private final int past;

    private Schedule(List<String> labels, Map<String, double[]> columns, int past) {
        this.labels = List.copyOf(labels);
        this.columns = columns;
        this.past = past;
    }

    public Schedule(List<String> labels, Map<String, double[]> columns) {
        this.past = 0;
        int horizon = labels.size();
        if (horizon == 0) {
            throw new IllegalArgumentException("a schedule needs at least one quarter");
        }
        this.columns = new LinkedHashMap<>();
        columns.forEach((name, column) -> {
            if (column.length != horizon) {
                throw new IllegalArgumentException("schedule column " + name + " needs " + horizon + " quarters, found "
                        + column.length);
            }
            for (double value : column) {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("schedule amounts must be finite, found " + value);
                }
            }
            this.columns.put(name, column.clone());
        });
        this.labels = List.copyOf(labels);
    }

    /** H, the number of quarters. */
    public int horizon() {
        return labels.size();
    }

    public List<String> labels() {
        return labels;
    }

    /** The columns' names, in the file's order. */
    public List<String> columns() {
        return new ArrayList<>(columns.keySet());
    }

    /** A column's amounts, quarter 1 first (a copy). */
    public double[] column(String name) {
        return Arrays.copyOfRange(columnWithPast(name), past, past + horizon());
    }

    /** A column's amounts with the past quarters first, {@link #past} of them (a copy). */
    public double[] columnWithPast(String name) {
        double[] column = columns.get(name);
        if (column == null) {
            throw new IllegalArgumentException("the schedule has no column " + name);
        }
        return column.clone();
    }

    /** How many quarters before quarter 1 the schedule keeps for {@code lag}: those it was rolled past. */
    public int past() {
        return past;
    }

    /**
     * The schedule from the quarter after its {@code quarters}-th on: quarter {@code quarters + 1}
     * becomes quarter 1, and the quarters before stay in its past.
     */
    public Schedule after(int quarters) {
        if (quarters < 0 || quarters >= horizon()) {
            throw new IllegalArgumentException("a schedule of " + horizon() + " quarters can be rolled past 0 to "
                    + (horizon() - 1) + " of them, not " + quarters);
        }
        return new Schedule(labels.subList(quarters, labels.size()), columns, past + quarters);
    }
}
