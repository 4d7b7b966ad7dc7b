package dev.runway.fit;

import dev.runway.model.FiscalQuarter;

import java.util.Arrays;
import java.util.List;

/**
 * The values of a series over a window of consecutive quarters, as fitted: one value per quarter
 * from {@link #from()} to {@link #to()}, and for each the lines of the history file it was
 * computed from.
 *
 * @param expression the series as the user wrote it: an item, or a formula over items
 * @param unit       the unit of the series: its item's, when it is one item; else empty
 * @param lines      per quarter, the history file's lines its value was computed from, in order
 */
public record Series(String expression, String unit, List<FiscalQuarter> quarters, double[] values,
        List<List<Integer>> lines) {

    public Series {
        quarters = List.copyOf(quarters);
        values = values.clone();
        lines = lines.stream().map(List::copyOf).toList();
        if (quarters.isEmpty() || quarters.size() != values.length || lines.size() != values.length) {
            throw new IllegalArgumentException("a series needs one value and its lines per quarter");
        }
        for (int i = 1; i < quarters.size(); i++) {
            if (!quarters.get(i).equals(quarters.get(i - 1).plus(1))) {
                throw new IllegalArgumentException("the quarters of a series follow each other");
            }
        }
    }

    public FiscalQuarter from() {
        return quarters.get(0);
    }

    public FiscalQuarter to() {
        return quarters.get(quarters.size() - 1);
    }

    public int size() {
        return values.length;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The window as people read it: {@code FY2019Q1–FY2024Q4}, or one quarter. */
    public String window() {
        return size() == 1 ? from().toString() : from() + "–" + to();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Series s && s.expression.equals(expression) && s.unit.equals(unit)
                && s.quarters.equals(quarters) && Arrays.equals(s.values, values) && s.lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return 31 * quarters.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return expression + " over " + window() + ": " + Arrays.toString(values);
    }
}
