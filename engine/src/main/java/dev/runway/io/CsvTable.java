package dev.runway.io;

import com.opencsv.CSVParserBuilder;
import com.opencsv.ICSVParser;
import dev.runway.model.InputError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One input CSV file as a header and rows that remember their physical line. Lines starting
 * with {@code #} and blank lines are skipped; each record is one line, parsed by opencsv
 * (fields with commas are quoted, quotes inside are doubled, spaces around fields ignored).
 * The file itself is read only if it is a regular file of at most {@link #MAX_BYTES}, as UTF-8
 * text; lines that cannot be read as rows are kept aside, for what their key cells still say.
 */
final class CsvTable {

    /** A data row: its 1-based line in the file, its trimmed cells and the line as written. */
    record Row(int line, String[] cells, String text) { }

    /** The most bytes an input file may have: a larger one is refused before it is read. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final String file;
    private final Map<String, Integer> columns;
    private final List<String> header;
    private final List<Row> rows;
    private final List<Row> lost;
    private final Set<String> unusable;

    private CsvTable(String file, Map<String, Integer> columns, List<String> header, List<Row> rows,
            List<Row> lost, Set<String> unusable) {
        this.file = file;
        this.columns = columns;
        this.header = header;
        this.rows = rows;
        this.lost = lost;
        this.unusable = unusable;
    }

    /**
     * The bytes of an input file, or null with the reason added to {@code errors}. Only a regular
     * file (after following links) is opened, so a device or a pipe is refused without reading it
     * or waiting on it; a file above {@link #MAX_BYTES} is refused by its size, and one that grows
     * past it while being read is refused too, so no input can fill the memory.
     */
    static byte[] readBytes(Path path, String file, List<InputError> errors) {
        // Said after what the file is, so a message about a link's target names the link too.
        String link = "";
        if (Files.isSymbolicLink(path)) {
            String target = linkTarget(path);
            if (!Files.exists(path)) {
                errors.add(new InputError(file, 0, "", "a symbolic link to " + target + (Files.notExists(path)
                        ? ", which does not exist" : ", which cannot be followed (a loop of links, or a folder you "
                        + "may not open)") + "; point the link at the CSV file, or remove it"));
                return null;
            }
            link = " (a symbolic link to " + target + ")";
        }
        if (!Files.isRegularFile(path)) {
            errors.add(new InputError(file, 0, "", "is " + kind(path) + link + ", not a regular file, so it is not "
                    + "read; expected a CSV file" + (Files.isDirectory(path) ? "" : " (copy the data into one)")));
            return null;
        }
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                errors.add(new InputError(file, 0, "", "is " + size(size) + link + "; input files may be at most "
                        + size(MAX_BYTES) + ". Check that it is the CSV file you meant"));
                return null;
            }
            // Read in whole chunks and stop past the limit: the size is a promise a growing file does not keep.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size);
            try (InputStream in = Files.newInputStream(path)) {
                byte[] chunk = new byte[64 * 1024];
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    bytes.write(chunk, 0, n);
                    if (bytes.size() > MAX_BYTES) {
                        errors.add(new InputError(file, 0, "", "holds more than " + size(MAX_BYTES) + link
                                + " although its size was " + size(size) + " when it was opened (is something still "
                                + "writing it?); input files may be at most " + size(MAX_BYTES)));
                        return null;
                    }
                }
            }
            return bytes.toByteArray();
        } catch (AccessDeniedException e) {
            errors.add(new InputError(file, 0, "", "cannot be read: permission denied" + link + "; give yourself "
                    + "read access (chmod u+r) or copy it into a file you own"));
            return null;
        } catch (IOException e) {
            errors.add(new InputError(file, 0, "", "cannot read the file" + link + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            return null;
        }
    }

    /** What a file that is not a regular file is, as precisely as the file system tells. */
    private static String kind(Path path) {
        if (Files.isDirectory(path)) {
            return "a folder";
        }
        int type;
        try {
            // The file type bits of st_mode, where the platform gives them (Linux and macOS do).
            type = ((Integer) Files.getAttribute(path, "unix:mode")) & 0170000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            type = 0; // not a Unix file system: the generic words still say what is wrong
        }
        return switch (type) {
            case 0010000 -> "a named pipe (FIFO)";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            default -> "a device, a pipe or a socket";
        };
    }

    /** Where a symbolic link points, as written in the link. */
    private static String linkTarget(Path path) {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            return "a target that cannot be read (" + e.getMessage() + ")";
        }
    }

    /** A size as people read it: whole megabytes, or bytes where whole megabytes would hide the excess. */
    /** The SHA-256 of a file's bytes as read, in hex, for the manifest. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    static String size(long bytes) {
        long mb = 1024L * 1024;
        return (bytes > 0 && bytes % mb == 0) || bytes >= 2 * MAX_BYTES
                ? String.format(Locale.ROOT, "%,d MB", Math.round((double) bytes / mb))
                : String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    /**
     * Parses a file's bytes (as {@link #readBytes} gives them) into a table whose header must
     * contain every required column (in any order; more columns are allowed). Returns null, with
     * the reasons added to {@code errors}, if the file cannot be used at all; rows with the wrong
     * number of fields are reported and left out. A header that lacks a column, or has one twice,
     * is reported, and the rows are still read, so their other cells are checked in the same
     * round; see {@link #usable}.
     */
    static CsvTable parse(String file, byte[] bytes, List<String> required, List<InputError> errors) {
        List<String> lines = lines(bytes, file, errors);
        return lines == null ? null : parse(file, lines, required, errors);
    }

    /** As {@link #parse(String, byte[], List, List)}, from lines already in memory (a file shipped inside the jar). */
    static CsvTable parse(String file, List<String> lines, List<String> required, List<InputError> errors) {
        ICSVParser parser = new CSVParserBuilder().withEscapeChar(ICSVParser.NULL_CHARACTER)
                .withIgnoreLeadingWhiteSpace(true).build();
        Map<String, Integer> columns = null;
        Set<String> unusable = new HashSet<>();
        List<String> header = List.of();
        int headerLine = 0;
        int width = 0;
        List<Row> rows = new ArrayList<>();
        List<Row> lost = new ArrayList<>();
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
                lost.add(new Row(line, leadingCells(text), text));
                continue;
            }
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c] == null ? "" : cells[c].trim();
            }
            if (columns == null) {
                columns = header(file, line, cells, required, unusable, errors);
                header = List.of(cells);
                headerLine = line;
                width = cells.length;
            } else if (cells.length != width) {
                // Against a header already in error, the row is more likely right than the header.
                if (unusable.isEmpty()) {
                    errors.add(new InputError(file, line, "", "expected " + width + " fields as in the header on line "
                            + headerLine + ", found " + cells.length + (cells.length > width
                            ? "; quote fields that contain commas" : "")));
                }
                lost.add(new Row(line, cells, text));
            } else {
                rows.add(new Row(line, cells, text));
            }
        }
        if (columns == null) {
            errors.add(new InputError(file, 1, "", "the file has no header; expected the columns "
                    + String.join(",", required)));
            return null;
        }
        return new CsvTable(file, columns, header, rows, List.copyOf(lost), Set.copyOf(unusable));
    }

    /**
     * The file's lines, split at {@code \n}, {@code \r\n} or a lone {@code \r} (old Mac files);
     * or null after reporting the first line that is not UTF-8 text. A NUL byte is refused rather
     * than passed on: it is never text (a UTF-16 file is full of them), and the CSV parser would
     * silently drop it, turning {@code 10<NUL>00} into 1000.
     */
    private static List<String> lines(byte[] bytes, String file, List<InputError> errors) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            errors.add(new InputError(file, 1, "", "the file is UTF-16 text (it starts with a UTF-16 byte order "
                    + "mark); save it as UTF-8 (in Excel: CSV UTF-8)"));
            return null;
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = 0; end <= bytes.length; end++) {
            if (end < bytes.length && bytes[end] == 0) {
                errors.add(new InputError(file, lines.size() + 1, "", "the line holds a NUL byte (character code 0), "
                        + "which is not text" + (looksLikeUtf16(bytes) ? ": the file looks like UTF-16" : "")
                        + "; save it as UTF-8 text (in Excel: CSV UTF-8)"));
                return null;
            }
            if (end == bytes.length || bytes[end] == '\n' || bytes[end] == '\r') {
                try {
                    lines.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, end - start)).toString());
                } catch (CharacterCodingException e) {
                    errors.add(new InputError(file, lines.size() + 1, "", "the line is not UTF-8 text; save the file "
                            + "as UTF-8 (in Excel: CSV UTF-8)"));
                    return null;
                }
                if (end + 1 < bytes.length && bytes[end] == '\r' && bytes[end + 1] == '\n') {
                    end++;
                }
                start = end + 1;
            }
        }
        return lines;
    }

    /**
     * The cells of a line that does not parse as CSV, as far as they are certain: those before
     * the first quote, where no comma can be inside a field.
     */
    private static String[] leadingCells(String text) {
        int quote = text.indexOf('"');
        String certain = quote < 0 ? text : text.substring(0, quote);
        String[] cells = certain.split(",", -1);
        // The last piece runs into the quoted field: it is not a whole cell.
        String[] whole = Arrays.copyOf(cells, quote < 0 ? cells.length : cells.length - 1);
        for (int c = 0; c < whole.length; c++) {
            whole[c] = whole[c].trim();
        }
        return whole;
    }

    /** UTF-16 text of mostly Latin letters has a NUL in every other byte. */
    private static boolean looksLikeUtf16(byte[] bytes) {
        int nul = 0;
        for (byte b : bytes) {
            nul += b == 0 ? 1 : 0;
        }
        return nul * 4L >= bytes.length;
    }

    /** The header's columns by name; a column missing or given twice is reported and added to {@code unusable}. */
    private static Map<String, Integer> header(String file, int line, String[] cells, List<String> required,
            Set<String> unusable, List<InputError> errors) {
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < cells.length; c++) {
            if (columns.putIfAbsent(cells[c], c) != null && unusable.add(cells[c])) {
                errors.add(new InputError(file, line, cells[c], "the column appears twice in the header; keep one"));
            }
        }
        for (String name : required) {
            if (!columns.containsKey(name)) {
                errors.add(new InputError(file, line, name, "missing column; the header must contain "
                        + String.join(",", required)));
                unusable.add(name);
            }
        }
        return columns;
    }

    String file() {
        return file;
    }

    /** The header's column names, in file order. */
    List<String> header() {
        return header;
    }

    /**
     * The lines that could not be read as rows (already reported): rows that seem missing may
     * be among them. Their cells are as parsed, possibly shifted by a stray comma, or none if
     * the line did not parse; {@link #cell} still reads them, for what they may say.
     */
    List<Row> lostRows() {
        return lost;
    }

    /**
     * False for a column the header lacks or has twice: that is reported once, at the header, so
     * its cells are not reported again row by row, and a row read for it is not whole.
     */
    boolean usable(String column) {
        return !unusable.contains(column);
    }

    /** True if every column of the header can be used, so a row can be whole. */
    boolean usable() {
        return unusable.isEmpty();
    }

    List<Row> rows() {
        return rows;
    }

    /** The trimmed cell of a column in a row; empty if the column is absent, or the lost row too short. */
    String cell(Row row, String column) {
        Integer index = columns.get(column);
        return index == null || index >= row.cells().length ? "" : row.cells()[index];
    }
}
