package dev.runway.output;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import dev.runway.stats.Estimate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One output CSV: its file name and its columns in order. The writer fills {@link Row}s by
 * column and the reader finds cells by the same columns ({@link Table}), so a column's name and
 * format are written once, here, and the two cannot drift.
 */
public final class Schema {
    private final String file;
    private final List<Column> columns;
    /** Each column's position, so that filling a row's cells does not search the list (a run fills many). */
    private final Map<Column, Integer> positions = new HashMap<>();

    public Schema(String file, List<Column> columns) {
        this.file = file;
        this.columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException(file + ": column '" + column.name() + "' twice");
            }
            positions.put(column, positions.size());
        }
    }

    /** The file's name, e.g. {@code summary.csv}. */
    public String file() {
        return file;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The header line's names. */
    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    /** A new row, to be given a value in every column before it is written. */
    public Row row() {
        return new Row();
    }

    /** Writes the header and the rows into {@code path}; a full disk is an error, not a short file. */
    public void write(Path path, List<Row> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build()) {
            csv.writeNext(header().toArray(new String[0]), false);
            for (Row row : rows) {
                csv.writeNext(row.cells(), false);
            }
            // opencsv keeps a failed write to itself.
            if (csv.checkError()) {
                throw csv.getException() != null ? csv.getException() : new IOException("the write failed");
            }
        } catch (IOException e) {
            throw OutputFolder.onFile(path, e);
        }
    }

    /** Reads {@code path}, checking that every column the schema does not mark optional is there. */
    public Table read(Path path) throws IOException {
        return Table.read(path, this);
    }

    private int position(Column column) {
        Integer at = positions.get(column);
        if (at == null) {
            throw new IllegalArgumentException(file + " has no column '" + column.name() + "'");
        }
        return at;
    }

    /** A row being written: the cells by column, each formatted as its column says. */
    public final class Row {
        private final String[] cells = new String[columns.size()];

        public Row text(Column column, String text) {
            cells[position(column)] = text;
            return this;
        }

        public Row whole(Column column, long value) {
            return text(column, Long.toString(value));
        }

        public Row number(Column column, double value) {
            if (column.number() == null) {
                throw new IllegalArgumentException(file + ": column '" + column.name() + "' holds no number");
            }
            return text(column, Numbers.cell(value, column.number()));
        }

        public Row estimate(Column.Estimated columns, Estimate estimate) {
            return number(columns.value(), estimate.value()).number(columns.low(), estimate.low())
                    .number(columns.high(), estimate.high());
        }

        String[] cells() {
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] == null) {
                    throw new IllegalStateException(file + ": column '" + columns.get(c).name() + "' was not given");
                }
            }
            return cells.clone();
        }
    }
}
