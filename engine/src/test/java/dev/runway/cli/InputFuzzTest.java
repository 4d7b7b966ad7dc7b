package dev.runway.cli;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-based fuzzing of the shipped input folders: each case copies one of them, breaks one of
 * its files in one generated way (a cell deleted, duplicated or swapped, a row dropped or repeated,
 * an extreme or special number, a change of encoding, a truncation, a stray byte) and runs
 * {@code validate} and {@code simulate} on it. The property: every run ends either with exit 0
 * and finite numbers in every output file, or with exit 2, a message that names the file and line
 * (or the file, for a problem with the whole file) and nothing written; never a stack trace, never
 * exit 1, never a hang; and {@code validate} accepts exactly what {@code simulate} accepts.
 *
 * <p>The cases come from a fixed seed, so a failure reproduces: its name is the mutation. Set
 * {@code -Drunway.fuzz.cases=N} and {@code -Drunway.fuzz.seed=S} to explore further.
 */
class InputFuzzTest {
    private static final int CASES = Integer.getInteger("runway.fuzz.cases", 400);
    private static final long SEED = Long.getLong("runway.fuzz.seed", 20251130L);
    private static final List<Path> FOLDERS = List.of(Path.of("../inputs/nissan"), Path.of("../inputs/startup"));
    private static final List<String> FILES = List.of("scenarios.csv", "drivers.csv", "events.csv", "schedule.csv",
            "correlations.csv", "model.csv");

    /** Numbers and texts a cell may be replaced with: extremes of every type, special values and junk. */
    private static final List<String> SPECIAL = List.of("0", "-0", "1e308", "-1e308", "1.7976931348623157e308",
            "4.9e-324", "1e-300", "1e999", "-1e999", "NaN", "Infinity", "-Infinity", "inf", "2147483647",
            "-2147483648", "2147483648", "9223372036854775807", "-9223372036854775809", "1e15", "1e16", "-1",
            "0.5", "1", "2", "99999", "1e6", "-1e6", "", " ", "abc", "0x10", "1,5", "1_000", "½", "١٢", "\"",
            "\"\"", "a\"b", "\n", "\r\n", ",", "\t", "=1+1", "normal(0,1)", "if(", "cash", "prev(cash)",
            "1".repeat(400), "é", "\u0000", "\uFEFF", "x".repeat(5000), "../../etc", "CON", ".", "..");

    /** Where a message points: {@code name.csv:line} or {@code name.csv: }. */
    private static final Pattern LOCATED = Pattern.compile("[\\w.-]+\\.csv(:\\d+)?[: ]");
    /** Output columns of text: names, units and labels from the inputs, and files.csv's own. */
    private static final Set<String> TEXT_COLUMNS = Set.of("scenario", "item", "unit", "label", "driver", "status",
            "file", "sha256");

    private static final AtomicInteger HELD = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger RUN = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyMutationEndsCleanly() {
        Random random = new Random(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Path folder = FOLDERS.get(random.nextInt(FOLDERS.size()));
            Mutation mutation = Mutation.random(random, folder);
            tests.add(DynamicTest.dynamicTest("case " + i + ": " + folder.getFileName() + " " + mutation,
                    () -> check(folder, mutation)));
        }
        return tests.stream();
    }

    @AfterAll
    static void counts() {
        System.out.printf("InputFuzzTest: %d cases generated, %d held (%d accepted, %d rejected cleanly); seed %d%n",
                RUN.get(), HELD.get(), ACCEPTED.get(), HELD.get() - ACCEPTED.get(), SEED);
    }

    private static void check(Path original, Mutation mutation) throws IOException {
        RUN.incrementAndGet();
        Path work = Files.createTempDirectory("runway-fuzz");
        try {
            Path inputs = work.resolve("inputs");
            copy(original, inputs);
            mutation.apply(inputs);
            Path out = work.resolve("out");
            RunwayRun validate = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> RunwayRun.of("validate", "--inputs", inputs.toString()));
            RunwayRun simulate = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                            "--paths", "500", "--threads", "2"));
            for (RunwayRun run : List.of(validate, simulate)) {
                assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"),
                        "a stack trace or a Java exception reached the user\n" + run.printed());
                assertTrue(run.exitCode() == 0 || run.exitCode() == 2, "exit must be 0 or 2\n" + run.printed());
                if (run.exitCode() == 2) {
                    assertTrue(LOCATED.matcher(run.err()).find(), "the error names no file\n" + run.printed());
                }
            }
            assertEquals(validate.exitCode(), simulate.exitCode(), "validate and simulate disagree\n--- validate\n"
                    + validate.printed() + "\n--- simulate\n" + simulate.printed());
            if (simulate.exitCode() == 2) {
                assertFalse(Files.exists(out), "a rejected run wrote " + out);
            } else {
                assertAllFinite(out);
                ACCEPTED.incrementAndGet();
            }
            HELD.incrementAndGet();
        } finally {
            delete(work);
        }
    }

    /**
     * Every cell of every output CSV outside the columns that hold the inputs' own text (names,
     * units, quarter labels, which a mutation may have set to "NaN") is empty or a finite number.
     */
    private static void assertAllFinite(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                if (file.getFileName().toString().equals("manifest.csv")) {
                    continue; // it quotes the inputs' own text
                }
                try (CSVReader reader = new CSVReader(Files.newBufferedReader(file))) {
                    List<String[]> rows = reader.readAll();
                    List<String> header = List.of(rows.get(0));
                    for (String[] row : rows.subList(1, rows.size())) {
                        for (int c = 0; c < row.length; c++) {
                            if (!TEXT_COLUMNS.contains(header.get(c)) && !row[c].isEmpty() && !finite(row[c])) {
                                fail(out.relativize(file) + " column " + header.get(c) + " holds " + row[c] + ": "
                                        + String.join(",", row));
                            }
                        }
                    }
                } catch (CsvException e) {
                    fail(out.relativize(file) + " is not CSV: " + e.getMessage());
                }
            }
        }
    }

    private static boolean finite(String cell) {
        try {
            return Double.isFinite(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One way of breaking one file of an input folder. */
    private record Mutation(String file, Kind kind, int row, int column, int otherRow, int otherColumn, String text,
            double fraction) {

        enum Kind {
            REPLACE_CELL, DELETE_CELL, DUPLICATE_CELL, SWAP_CELLS, DELETE_ROW, DUPLICATE_ROW, SWAP_ROWS, TRUNCATE,
            INSERT_BYTE, UTF16, LATIN1, BOM, DELETE_FILE, EMPTY_FILE
        }

        static Mutation random(Random random, Path folder) {
            List<String> present = FILES.stream().filter(f -> Files.exists(folder.resolve(f))).toList();
            String file = present.get(random.nextInt(present.size()));
            Kind[] kinds = Kind.values();
            // Cell replacements are the richest source of bad numbers: half of all cases.
            Kind kind = random.nextBoolean() ? Kind.REPLACE_CELL : kinds[random.nextInt(kinds.length)];
            String text = random.nextInt(4) == 0 ? scaled(random) : SPECIAL.get(random.nextInt(SPECIAL.size()));
            return new Mutation(file, kind, random.nextInt(1 << 16), random.nextInt(1 << 16), random.nextInt(1 << 16),
                    random.nextInt(1 << 16), text, random.nextDouble());
        }

        /** A plausible number blown up or shrunk by a random power of ten. */
        private static String scaled(Random random) {
            return (random.nextBoolean() ? "-" : "") + (1 + random.nextInt(9)) + "e" + (random.nextInt(640) - 320);
        }

        void apply(Path folder) throws IOException {
            Path path = folder.resolve(file);
            byte[] bytes = Files.readAllBytes(path);
            String content = new String(bytes, StandardCharsets.UTF_8);
            List<List<String>> rows = rows(content);
            int r = rows.isEmpty() ? 0 : row % rows.size();
            int o = rows.isEmpty() ? 0 : otherRow % rows.size();
            switch (kind) {
                case REPLACE_CELL -> cells(rows, r).set(column % cells(rows, r).size(), quoted(text));
                case DELETE_CELL -> {
                    List<String> cells = cells(rows, r);
                    cells.remove(column % cells.size());
                }
                case DUPLICATE_CELL -> {
                    List<String> cells = cells(rows, r);
                    int c = column % cells.size();
                    cells.add(c, cells.get(c));
                }
                case SWAP_CELLS -> {
                    List<String> a = cells(rows, r);
                    List<String> b = cells(rows, o);
                    int ca = column % a.size();
                    int cb = otherColumn % b.size();
                    String cell = a.get(ca);
                    a.set(ca, b.get(cb));
                    b.set(cb, cell);
                }
                case DELETE_ROW -> {
                    if (!rows.isEmpty()) {
                        rows.remove(r);
                    }
                }
                case DUPLICATE_ROW -> rows.add(r, new ArrayList<>(cells(rows, r)));
                case SWAP_ROWS -> {
                    if (!rows.isEmpty()) {
                        List<String> a = rows.get(r);
                        rows.set(r, rows.get(o));
                        rows.set(o, a);
                    }
                }
                case TRUNCATE -> {
                    Files.write(path, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
                    return;
                }
                case INSERT_BYTE -> {
                    int at = (int) (bytes.length * fraction);
                    byte[] changed = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, changed, 0, at);
                    changed[at] = (byte) (row % 256);
                    System.arraycopy(bytes, at, changed, at + 1, bytes.length - at);
                    Files.write(path, changed);
                    return;
                }
                case UTF16 -> {
                    Files.write(path, content.getBytes(StandardCharsets.UTF_16));
                    return;
                }
                case LATIN1 -> {
                    Files.write(path, (content + "# café\n").getBytes(StandardCharsets.ISO_8859_1));
                    return;
                }
                case BOM -> {
                    Files.writeString(path, "\uFEFF" + content);
                    return;
                }
                case DELETE_FILE -> {
                    Files.delete(path);
                    return;
                }
                case EMPTY_FILE -> {
                    Files.write(path, new byte[0]);
                    return;
                }
            }
            Files.writeString(path, join(rows));
        }

        private static List<String> cells(List<List<String>> rows, int r) {
            if (rows.isEmpty()) {
                rows.add(new ArrayList<>(List.of("")));
            }
            return rows.get(r);
        }

        /** A cell's text as a spreadsheet would save it: quoted when it holds a comma, quote or line end. */
        private static String quoted(String cell) {
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                return "\"" + cell.replace("\"", "\"\"") + "\"";
            }
            return cell;
        }

        /**
         * The rows of a CSV as raw cells: split on line ends and on commas outside quotes, each cell kept as
         * written (quotes included), so joining them back gives the file unchanged.
         */
        private static List<List<String>> rows(String content) {
            List<List<String>> rows = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                    cell.append(c);
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    rows.add(cells);
                    cells = new ArrayList<>();
                } else {
                    cell.append(c);
                }
            }
            if (cell.length() > 0 || !cells.isEmpty()) {
                cells.add(cell.toString());
                rows.add(cells);
            }
            return rows;
        }

        private static String join(List<List<String>> rows) {
            StringBuilder text = new StringBuilder();
            for (List<String> cells : rows) {
                text.append(String.join(",", cells)).append('\n');
            }
            return text.toString();
        }

        @Override
        public String toString() {
            String what = switch (kind) {
                case REPLACE_CELL -> "row " + row + " column " + column + " := " + printable(text);
                case DELETE_CELL, DUPLICATE_CELL -> "row " + row + " column " + column;
                case SWAP_CELLS -> "(" + row + "," + column + ") <-> (" + otherRow + "," + otherColumn + ")";
                case DELETE_ROW, DUPLICATE_ROW -> "row " + row;
                case SWAP_ROWS -> "rows " + row + ", " + otherRow;
                case TRUNCATE, INSERT_BYTE -> String.format(java.util.Locale.ROOT, "at %.3f of its bytes", fraction)
                        + (kind == Kind.INSERT_BYTE ? ", byte " + (row % 256) : "");
                default -> "";
            };
            return file + " " + kind.name().toLowerCase() + " " + what;
        }

        private static String printable(String text) {
            String shown = text.length() > 24 ? text.substring(0, 12) + "…(" + text.length() + " chars)" : text;
            StringBuilder escaped = new StringBuilder("'");
            shown.chars().forEach(c -> escaped.append(c < 32 ? String.format("\\x%02x", c) : String.valueOf((char) c)));
            return escaped.append("'").toString();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
