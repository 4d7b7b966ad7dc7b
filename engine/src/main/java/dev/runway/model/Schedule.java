package dev.runway.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic quarterly amounts of a scenario, one column per name, one entry per quarter
 * 1..H. Arrays are copied in and out so a schedule never changes once built.
 */
public final class Schedule implements Serializable {
    private static final long serialVersionUID = 2L;

    private final List<String> labels;
    private final Map<String, double[]> columns;

    public Schedule(List<String> labels, Map<String, double[]> columns) {
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
        double[] column = columns.get(name);
        if (column == null) {
            throw new IllegalArgumentException("the schedule has no column " + name);
        }
        return column.clone();
    }
}
