package dev.runway.io;

import com.opencsv.CSVParserBuilder;
import com.opencsv.ICSVParser;
import dev.runway.model.InputError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One input CSV file as a header and rows that remember their physical line. Lines starting
 * with {@code #} and blank lines are skipped; each record is one line, parsed by opencsv
 * (fields with commas are quoted, quotes inside are doubled, spaces around fields ignored).
 */
final class CsvTable {

    /** A data row: its 1-based line in the file, its trimmed cells and the line as written. */
    record Row(int line, String[] cells, String text) { }

    private final String file;
    private final Map<String, Integer> columns;
    private final List<String> header;
    private final List<Row> rows;
    private final boolean complete;

    private CsvTable(String file, Map<String, Integer> columns, List<String> header, List<Row> rows,
            boolean complete) {
        this.file = file;
        this.columns = columns;
        this.header = header;
        this.rows = rows;
        this.complete = complete;
    }

    /**
     * Reads a file whose header must contain every required column (in any order; more columns
     * are allowed). Returns null, with the reasons added to {@code errors}, if the file cannot
     * be used at all; rows with the wrong number of fields are reported and left out.
     */
    static CsvTable read(Path path, List<String> required, List<InputError> errors) {
        String file = path.toString();
        List<String> lines = lines(path, file, errors);
        return lines == null ? null : parse(file, lines, required, errors);
    }

    /** As {@link #read}, from lines already in memory (a file shipped inside the jar). */
    static CsvTable parse(String file, List<String> lines, List<String> required, List<InputError> errors) {
        ICSVParser parser = new CSVParserBuilder().withEscapeChar(ICSVParser.NULL_CHARACTER)
                .withIgnoreLeadingWhiteSpace(true).build();
        Map<String, Integer> columns = null;
        List<String> header = List.of();
        int headerLine = 0;
        int width = 0;
        boolean complete = true;
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
                complete = false;
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
                header = List.of(cells);
                headerLine = line;
                width = cells.length;
            } else if (cells.length != width) {
                errors.add(new InputError(file, line, "", "expected " + width + " fields as in the header on line "
                        + headerLine + ", found " + cells.length + (cells.length > width ? "; quote fields that contain commas" : "")));
                complete = false;
            } else {
                rows.add(new Row(line, cells, text));
            }
        }
        if (columns == null) {
            errors.add(new InputError(file, 1, "", "the file has no header; expected the columns "
                    + String.join(",", required)));
            return null;
        }
        return new CsvTable(file, columns, header, rows, complete);
    }

    /** The file's lines, or null after reporting the first line that is not UTF-8 text. */
    private static List<String> lines(Path path, String file, List<InputError> errors) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            errors.add(new InputError(file, 0, "", "cannot read the file: " + e.getMessage()));
            return null;
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = 0; end <= bytes.length; end++) {
            if (end == bytes.length || bytes[end] == '\n') {
                int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
                try {
                    lines.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, stop - start)).toString());
                } catch (CharacterCodingException e) {
                    errors.add(new InputError(file, lines.size() + 1, "", "the line is not UTF-8 text; save the file "
                            + "as UTF-8 (in Excel: CSV UTF-8)"));
                    return null;
                }
                start = end + 1;
            }
        }
        return lines;
    }

    private static Map<String, Integer> header(String file, int line, String[] cells, List<String> required,
            List<InputError> errors) {
        Map<String, Integer> columns = new HashMap<>();
        boolean complete = true;
        for (int c = 0; c < cells.length; c++) {
            if (columns.putIfAbsent(cells[c], c) != null) {
                errors.add(new InputError(file, line, cells[c], "the column appears twice in the header; keep one"));
                complete = false;
            }
        }
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

    /** The header's column names, in file order. */
    List<String> header() {
        return header;
    }

    /** False if some line could not be read as a row: rows that seem missing may be among them. */
    boolean complete() {
        return complete;
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
