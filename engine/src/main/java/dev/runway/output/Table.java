package dev.runway.output;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvValidationException;
import dev.runway.output.OutputFolderReader.MalformedOutputException;
import dev.runway.stats.Estimate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An output CSV read back by its {@link Schema}: the header checked for the schema's required
 * columns (others may be there too, in any order), and typed cells that name the file, line and
 * column of a cell that does not parse.
 */
final class Table {
    private final Path file;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();

    private Table(Path file, String[] header) {
        this.file = file;
        for (int c = 0; c < header.length; c++) {
            index.putIfAbsent(header[c], c);
        }
    }

    static Table read(Path file, Schema schema) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MalformedOutputException(file + " is missing; the output folder is incomplete");
        }
        List<String> required = schema.columns().stream().filter(c -> !c.optional()).map(Column::name).toList();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVReader csv = new CSVReaderBuilder(reader).build()) {
            String[] header = csv.readNext();
            if (header == null) {
                throw new MalformedOutputException(file + ": the file is empty; expected the header "
                        + String.join(",", required));
            }
            if (header.length > 0 && header[0].startsWith("\uFEFF")) {
                header[0] = header[0].substring(1);
            }
            Table table = new Table(file, header);
            for (String column : required) {
                if (!table.index.containsKey(column)) {
                    throw new MalformedOutputException(file + ":1: column '" + column
                            + "' is missing; the header must contain " + String.join(",", required));
                }
            }
            long line = csv.getLinesRead() + 1;
            for (String[] cells = csv.readNext(); cells != null; cells = csv.readNext()) {
                if (!(cells.length == 1 && cells[0].isBlank())) {
                    if (cells.length != header.length) {
                        throw new MalformedOutputException(file + ":" + line + ": expected " + header.length
                                + " fields as in the header, found " + cells.length);
                    }
                    table.rows.add(table.new Row(line, cells));
                }
                line = csv.getLinesRead() + 1;
            }
            return table;
        } catch (CsvValidationException e) {
            throw new MalformedOutputException(file + ": cannot parse as CSV: " + e.getMessage());
        }
    }

    Path file() {
        return file;
    }

    List<Row> rows() {
        return rows;
    }

    /** A data row and the line it starts on. */
    final class Row {
        private final long line;
        private final String[] cells;

        Row(long line, String[] cells) {
            this.line = line;
            this.cells = cells;
        }

        long line() {
            return line;
        }

        /** The cell's text, trimmed; empty for an optional column the file does not have. */
        String text(Column column) {
            Integer at = index.get(column.name());
            return at == null ? "" : cells[at].trim();
        }

        double number(Column column) throws MalformedOutputException {
            String text = text(column);
            try {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Reported below with the cell's location.
            }
            throw bad(column, "a number", text);
        }

        /** NaN for an empty cell (a statistic that does not exist) or an optional column that is absent. */
        double optionalNumber(Column column) throws MalformedOutputException {
            return text(column).isEmpty() ? Double.NaN : number(column);
        }

        int integer(Column column) throws MalformedOutputException {
            long value = longInteger(column);
            if (value != (int) value) {
                throw bad(column, "a whole number up to " + Integer.MAX_VALUE, text(column));
            }
            return (int) value;
        }

        OptionalInt optionalInteger(Column column) throws MalformedOutputException {
            return text(column).isEmpty() ? OptionalInt.empty() : OptionalInt.of(integer(column));
        }

        long longInteger(Column column) throws MalformedOutputException {
            String text = text(column);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw bad(column, "a whole number", text);
            }
        }

        /** The value with its interval's ends (NaN where the file does not have them). */
        Estimate estimate(Column.Estimated columns) throws MalformedOutputException {
            return new Estimate(number(columns.value()), optionalNumber(columns.low()),
                    optionalNumber(columns.high()));
        }

        MalformedOutputException bad(Column column, String expected, String found) {
            return new MalformedOutputException(file + ":" + line + ": column '" + column.name() + "': expected "
                    + expected + ", found '" + found + "'");
        }
    }
}
