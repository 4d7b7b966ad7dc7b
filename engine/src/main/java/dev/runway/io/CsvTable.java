package dev.runway.io;

import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;
import dev.runway.model.InputError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One input CSV file as a header and rows that remember their physical line. Lines starting
 * with {@code #} and blank lines are skipped; each record is one line, parsed by opencsv's
 * RFC 4180 parser (fields with commas are quoted, quotes inside are doubled).
 */
final class CsvTable {

    /** A data row: its 1-based line in the file and its trimmed cells. */
    record Row(int line, String[] cells) { }

    private final String file;
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    private CsvTable(String file, Map<String, Integer> columns, List<Row> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads a file whose header must contain every required column (in any order; more columns
     * are allowed). Returns null, with the reasons added to {@code errors}, if the file cannot
     * be used at all; rows with the wrong number of fields are reported and left out.
     */
    static CsvTable read(Path path, List<String> required, List<InputError> errors) {
        String file = path.toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            errors.add(new InputError(file, 0, "", "cannot read the file: " + e.getMessage()));
            return null;
        }
        ICSVParser parser = new RFC4180ParserBuilder().build();
        Map<String, Integer> columns = null;
        int headerLine = 0;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
            if (text.isBlank() || text.stripLeading().startsWith("#")) {
                continue;
            }
            int line = i + 1;
            String[] cells;
            try {
                cells = parser.parseLine(text);
            } catch (IOException e) {
                errors.add(new InputError(file, line, "", "cannot parse the line as CSV (" + e.getMessage()
                        + "); quote fields that contain commas and double any quote inside them"));
                continue;
            }
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c] == null ? "" : cells[c].trim();
            }
            if (columns == null) {
                columns = header(file, line, cells, required, errors);
                if (columns == null) {
                    return null;
                }
                headerLine = line;
            } else if (cells.length != columns.size()) {
                errors.add(new InputError(file, line, "", "expected " + columns.size() + " fields as in the header on line "
                        + headerLine + ", found " + cells.length));
            } else {
                rows.add(new Row(line, cells));
            }
        }
        if (columns == null) {
            errors.add(new InputError(file, 1, "", "the file has no header; expected the columns "
                    + String.join(",", required)));
            return null;
        }
        return new CsvTable(file, columns, rows);
    }

    private static Map<String, Integer> header(String file, int line, String[] cells, List<String> required,
            List<InputError> errors) {
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < cells.length; c++) {
            if (columns.putIfAbsent(cells[c], c) != null) {
                errors.add(new InputError(file, line, cells[c], "the column appears twice in the header"));
            }
        }
        boolean complete = true;
        for (String name : required) {
            if (!columns.containsKey(name)) {
                errors.add(new InputError(file, line, name, "missing column; the header must contain "
                        + String.join(",", required)));
                complete = false;
            }
        }
        return complete ? columns : null;
    }

    String file() {
        return file;
    }

    List<Row> rows() {
        return rows;
    }

    /** The trimmed cell of a column in a row; empty if the column is optional and absent. */
    String cell(Row row, String column) {
        Integer index = columns.get(column);
        return index == null ? "" : row.cells()[index];
    }
}
