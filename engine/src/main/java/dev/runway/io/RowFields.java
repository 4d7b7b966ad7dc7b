package dev.runway.io;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.InputError;
import dev.runway.model.InputLimits;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Typed access to the cells of one row. Each reader records an {@link InputError} at the row's
 * line and the cell's column when the cell is not what was expected, and returns a neutral
 * value, so a whole file is checked in one pass.
 */
final class RowFields {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final String[] PARAMETERS = {"p1", "p2", "p3", "p4"};

    private final CsvTable table;
    private final CsvTable.Row row;
    private final List<InputError> errors;
    private final int errorsBefore;
    /** A reader asked for a column the header lacks: the row cannot be whole. */
    private boolean lacksColumn;

    RowFields(CsvTable table, CsvTable.Row row, List<InputError> errors) {
        this.table = table;
        this.row = row;
        this.errors = errors;
        this.errorsBefore = errors.size();
    }

    int line() {
        return row.line();
    }

    /** True if no reader found a problem in this row, and the header gives every column they read. */
    boolean valid() {
        return errors.size() == errorsBefore && !lacksColumn;
    }

    /** Reports a problem of a cell; not one of a column the header lacks, which is reported there. */
    void error(String column, String message) {
        if (table.usable(column)) {
            errors.add(new InputError(table.file(), row.line(), column, message));
        }
    }

    String text(String column) {
        lacksColumn |= !table.usable(column);
        return table.cell(row, column);
    }

    String required(String column, String what) {
        String value = text(column);
        if (value.isEmpty()) {
            error(column, "expected " + what + ", found an empty cell");
        }
        return value;
    }

    /**
     * A decimal number within {@link InputLimits#MAX_MAGNITUDE}; NaN (and an error) if the cell is
     * empty, not a number, or beyond that.
     */
    double number(String column) {
        return number(column, true);
    }

    /** A number as {@link #number}, or {@code fallback} if the cell is empty. */
    double optionalNumber(String column, double fallback) {
        String value = text(column);
        return value.isEmpty() ? fallback : parse(column, value, true);
    }

    /** A finite number; {@code bounded}, also within {@link InputLimits#MAX_MAGNITUDE}. */
    private double number(String column, boolean bounded) {
        String value = text(column);
        if (value.isEmpty()) {
            error(column, "expected a number, found an empty cell");
            return Double.NaN;
        }
        return parse(column, value, bounded);
    }

    private double parse(String column, String value, boolean bounded) {
        if (!DECIMAL.matcher(value).matches()) {
            error(column, "expected a number such as 12.5 or -3e2, found \"" + value + "\"");
            return Double.NaN;
        }
        double number = Double.parseDouble(value);
        if (!Double.isFinite(number)) {
            error(column, "expected a finite number, found \"" + value + "\"");
            return Double.NaN;
        }
        if (bounded && !InputLimits.withinMagnitude(number)) {
            error(column, "expected a number " + InputLimits.MAGNITUDE_RULE + ", found \"" + value + "\"");
            return Double.NaN;
        }
        return number;
    }

    /** A whole number in [min, max]; {@code min - 1} (and an error) otherwise. */
    int integer(String column, int min, int max) {
        String value = text(column);
        double number = number(column, false);
        if (Double.isNaN(number)) {
            return min - 1;
        }
        if (number != Math.rint(number) || number < min || number > max) {
            error(column, "expected a whole number from " + min + " to " + max + ", found \"" + value + "\"");
            return min - 1;
        }
        return (int) number;
    }

    /**
     * The distribution in the columns {@code distribution, p1..p4}: a known kind, parameters
     * given in order without gaps, exactly as many as the kind uses, each in range.
     */
    Distribution distribution() {
        String name = required("distribution", "a distribution (" + DistributionKind.csvNames() + ")");
        if (name.isEmpty()) {
            return null;
        }
        DistributionKind kind = DistributionKind.fromCsv(name);
        if (kind == null) {
            error("distribution", "unknown distribution \"" + name + "\"; expected one of "
                    + DistributionKind.csvNames());
            return null;
        }
        int given = 0;
        for (int i = 0; i < PARAMETERS.length; i++) {
            if (!text(PARAMETERS[i]).isEmpty()) {
                given = i + 1;
            }
        }
        double[] values = new double[given];
        boolean parsed = true;
        for (int i = 0; i < given; i++) {
            if (i >= kind.acceptedParameters()) {
                error(PARAMETERS[i], kind.csvName() + " takes " + kind.signature() + "; leave " + PARAMETERS[i]
                        + " empty");
                parsed = false;
            } else if (text(PARAMETERS[i]).isEmpty()) {
                error(PARAMETERS[i], "expected " + kind.parameterName(i) + " of " + kind.signature()
                        + ", found an empty cell before a later parameter");
                parsed = false;
            } else {
                // Each kind bounds its own parameters, and names the one out of range.
                values[i] = number(PARAMETERS[i], false);
                parsed &= !Double.isNaN(values[i]);
            }
        }
        if (!parsed) {
            return null;
        }
        if (given < kind.requiredParameters()) {
            error(PARAMETERS[given], "expected " + kind.parameterName(given) + " of " + kind.signature()
                    + ", found an empty cell");
            return null;
        }
        List<Distribution.Problem> problems = Distribution.problems(kind, Arrays.copyOf(values, given));
        Distribution distribution = problems.isEmpty() ? Distribution.of(kind, values) : null;
        if (distribution != null) {
            Distribution.Problem drawing = distribution.drawingProblem();
            if (drawing != null) {
                problems = List.of(drawing);
                distribution = null;
            }
        }
        for (Distribution.Problem problem : problems) {
            error(problem.parameter() < 0 ? "distribution" : PARAMETERS[problem.parameter()],
                    kind.signature() + ": " + problem.message());
        }
        return distribution;
    }
}
