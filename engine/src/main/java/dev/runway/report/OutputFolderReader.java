package dev.runway.report;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvValidationException;
import dev.runway.analysis.InjectionSolver;
import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.stats.Estimate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Runway output folder back (docs/model.md §12): {@code summary.csv}, {@code manifest.csv},
 * each scenario's {@code quarterly.csv} and {@code terminal.csv}, and, when present, each
 * scenario's {@code sensitivity.csv} and the folder's {@code solve.csv}. Columns are found by
 * name, so files with more columns than listed here still read. A file that is missing or does
 * not parse stops the reading with a {@link MalformedOutputException} naming the file, the line
 * and the column.
 */
public final class OutputFolderReader {
    public static final String SENSITIVITY = ResultWriter.SENSITIVITY;
    public static final String SOLVE = ResultWriter.SOLVE;

    /** Prefix of the sensitivity rows that are an event's amount rather than a per-path driver. */
    public static final String EVENT_PREFIX = "event:";

    private static final Pattern PERCENTILE_COLUMN = Pattern.compile("p(\\d\\d)");
    private static final Pattern DISTRIBUTION = Pattern.compile("\\s*([a-z_]+)\\s*\\(([^)]*)\\)");

    private OutputFolderReader() {
    }

    /** The folder is not a complete Runway output, or one of its files does not parse. */
    public static final class MalformedOutputException extends IOException {
        private static final long serialVersionUID = 1L;

        public MalformedOutputException(String message) {
            super(message);
        }
    }

    /** Everything the report shows: the manifest in file order, and each scenario in summary order. */
    public record RunResults(Path folder, Map<String, String> manifest, List<ScenarioResults> scenarios,
            boolean hasSolve) {

        /** A manifest value, or empty if the key is absent. */
        public String manifestValue(String key) {
            return manifest.getOrDefault(key, "");
        }
    }

    /**
     * One scenario's results. {@code sensitivity} is empty when the scenario has no
     * {@code sensitivity.csv} (then {@code hasSensitivity} is false); {@code solve} holds this
     * scenario's rows of {@code solve.csv}, in file order.
     */
    public record ScenarioResults(String name, String description, Summary summary, List<Quarter> quarters,
            List<Bin> terminal, BreachLevel breachLevel, boolean hasSensitivity, List<Sensitivity> sensitivity,
            List<Solve> solve, String item, String unit) {

        /** The label of a 1-based quarter, e.g. {@code FY2025Q1}; the number itself if out of range. */
        public String label(int quarter) {
            return quarter >= 1 && quarter <= quarters.size() ? quarters.get(quarter - 1).label()
                    : Integer.toString(quarter);
        }

        public Quarter lastQuarter() {
            return quarters.get(quarters.size() - 1);
        }
    }

    /** A row of {@code summary.csv}. {@code injectionMean} is NaN when no injection fired. */
    public record Summary(int paths, long seed, Estimate terminalMean, Estimate terminalP05, Estimate terminalP50,
            Estimate terminalP95, Estimate breachProb, OptionalInt firstBreachP50Quarter, Estimate injectionProb,
            double injectionMean) { }

    /** A row of {@code quarterly.csv}; percentiles by their level in percent (1, 5, 10, ... 99). */
    public record Quarter(int quarter, String label, Estimate mean, double sd, SortedMap<Integer, Estimate> percentiles,
            Estimate breachProb, Estimate cumBreachProb, double cvar05) {

        /** The percentile at a level in percent, e.g. {@code percentile(5)} for P05. */
        public Estimate percentile(int percent) {
            Estimate estimate = percentiles.get(percent);
            if (estimate == null) {
                throw new IllegalArgumentException("no p" + String.format("%02d", percent) + " column; found "
                        + percentiles.keySet());
            }
            return estimate;
        }
    }

    /** A bin of {@code terminal.csv}: {@code [low, high)}, the last one closed. */
    public record Bin(double low, double high, long count) { }

    /**
     * The min-liquidity level the breach is measured against, read from the manifest's
     * {@code source:<scenario>:driver:min_liquidity} row: the constant if it is one, else the
     * distribution's mean ({@code constant} false). NaN (and empty {@code distribution}) when the
     * manifest does not have it or it does not parse.
     */
    public record BreachLevel(double value, String distribution, boolean constant) {
        static final BreachLevel UNKNOWN = new BreachLevel(Double.NaN, "", false);

        public boolean known() {
            return !Double.isNaN(value);
        }
    }

    /**
     * A row of {@code sensitivity.csv}: the driver's rank correlation with terminal cash and its
     * share of the variance, then the breach probability, the driver's value and the mean terminal
     * cash with the driver at its 10th and 90th percentile. The last six are NaN for event rows.
     */
    public record Sensitivity(String driver, double spearman, double varianceShare, double breachProbAtP10,
            double breachProbAtP90, double valueAtP10, double valueAtP90, double terminalMeanAtP10,
            double terminalMeanAtP90) {

        public boolean isEvent() {
            return driver.startsWith(EVENT_PREFIX);
        }

        /** True when both breach probabilities are known: the row can be a bar of the tornado. */
        public boolean hasBreachSwing() {
            return !Double.isNaN(breachProbAtP10) && !Double.isNaN(breachProbAtP90);
        }

        /** How far the breach probability moves between the driver's P10 and P90. */
        public double breachSwing() {
            return Math.abs(breachProbAtP90 - breachProbAtP10);
        }
    }

    /**
     * A row of {@code solve.csv}: the smallest up-front injection at {@code quarter} that keeps the
     * horizon breach probability at or under {@code maxBreachProb}: solved, already met (injection
     * 0) or out of reach (injection NaN).
     */
    public record Solve(String scenario, String quarter, double maxBreachProb, double injection, double injectionLow,
            double injectionHigh, double breachProbAtInjection, InjectionSolver.Status status) {
    }

    /**
     * The command that writes an output folder, as the user would type it: the command line sets
     * {@code runway.command} to what started it (cli's {@code Launcher}), which this package cannot ask.
     */
    private static String simulateInto(Path folder) {
        return ShellCommand.of("simulate --out " + ShellCommand.word(folder.toString()));
    }

    /** Reads the folder; the optional files are read when present. */
    public static RunResults read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new MalformedOutputException(folder + " is not a folder; first run: " + simulateInto(folder));
        }
        for (String required : List.of(ResultWriter.SUMMARY, ResultWriter.MANIFEST)) {
            if (!Files.isRegularFile(folder.resolve(required))) {
                throw new MalformedOutputException(folder + " has no " + required
                        + ", so it is not a Runway output folder; first run: " + simulateInto(folder));
            }
        }
        Map<String, String> manifest = readManifest(folder.resolve(ResultWriter.MANIFEST));
        Table summary = Table.read(folder.resolve(ResultWriter.SUMMARY), List.of("scenario", "paths", "seed",
                "terminal_mean", "terminal_p05", "terminal_p50", "terminal_p95", "breach_prob",
                "first_breach_p50_quarter", "injection_prob", "injection_mean", "terminal_mean_lo",
                "terminal_mean_hi", "terminal_p05_lo", "terminal_p05_hi", "terminal_p50_lo", "terminal_p50_hi",
                "terminal_p95_lo", "terminal_p95_hi", "breach_prob_lo", "breach_prob_hi", "injection_prob_lo",
                "injection_prob_hi"));
        if (summary.rows().isEmpty()) {
            throw new MalformedOutputException(summary.file() + ": no scenario rows");
        }
        Path solveFile = folder.resolve(SOLVE);
        boolean hasSolve = Files.isRegularFile(solveFile);
        Map<String, List<Solve>> solves = hasSolve ? readSolve(solveFile) : Map.of();

        List<ScenarioResults> scenarios = new ArrayList<>();
        for (Table.Row row : summary.rows()) {
            String name = row.text("scenario");
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new MalformedOutputException(summary.file() + ":" + row.line()
                        + ": column 'scenario': expected a scenario name, found '" + name + "'");
            }
            Path dir = folder.resolve(name);
            Summary s = new Summary(row.integer("paths"), row.longInteger("seed"),
                    row.estimate("terminal_mean"), row.estimate("terminal_p05"), row.estimate("terminal_p50"),
                    row.estimate("terminal_p95"), row.estimate("breach_prob"),
                    row.optionalInteger("first_breach_p50_quarter"), row.estimate("injection_prob"),
                    row.optionalNumber("injection_mean"));
            Path sensitivityFile = dir.resolve(SENSITIVITY);
            boolean hasSensitivity = Files.isRegularFile(sensitivityFile);
            List<Quarter> quarters = readQuarterly(dir.resolve(ResultWriter.QUARTERLY));
            List<Solve> solve = solves.getOrDefault(name, List.of()).stream()
                    .map(r -> quarterAsLabel(r, quarters)).toList();
            scenarios.add(new ScenarioResults(name, manifest.getOrDefault("scenario:" + name, ""), s, quarters,
                    readTerminal(dir.resolve(ResultWriter.TERMINAL)),
                    breachLevel(manifest, name), hasSensitivity,
                    hasSensitivity ? readSensitivity(sensitivityFile) : List.of(), solve,
                    manifest.getOrDefault("primary_item", "cash"), manifest.getOrDefault("unit", "JPY bn")));
        }
        List<String> known = scenarios.stream().map(ScenarioResults::name).toList();
        for (String scenario : solves.keySet()) {
            if (!known.contains(scenario)) {
                throw new MalformedOutputException(solveFile + ": scenario '" + scenario
                        + "' is not in summary.csv; expected one of " + String.join(", ", known));
            }
        }
        return new RunResults(folder, Collections.unmodifiableMap(manifest), List.copyOf(scenarios), hasSolve);
    }

    /**
     * The breach level the run wrote for a scenario ({@code breach_level:<scenario>}); else, for
     * outputs of the standard model, the one its min_liquidity driver gives.
     */
    static BreachLevel breachLevel(Map<String, String> manifest, String scenario) {
        String level = manifest.get("breach_level:" + scenario);
        if (level != null) {
            try {
                double value = Double.parseDouble(level);
                return new BreachLevel(value, "constant(" + level + ")", true);
            } catch (NumberFormatException e) {
                return BreachLevel.UNKNOWN;
            }
        }
        return breachLevel(manifest.get("source:" + scenario + ":driver:min_liquidity"));
    }

    /**
     * The breach level from a manifest value such as {@code constant(1000.0); Breach level = ...}:
     * the distribution is the text before the first {@code ;}, written as the engine writes it.
     */
    static BreachLevel breachLevel(String manifestValue) {
        if (manifestValue == null) {
            return BreachLevel.UNKNOWN;
        }
        Matcher matcher = DISTRIBUTION.matcher(manifestValue);
        if (!matcher.lookingAt()) {
            return BreachLevel.UNKNOWN;
        }
        DistributionKind kind = DistributionKind.fromCsv(matcher.group(1));
        if (kind == null) {
            return BreachLevel.UNKNOWN;
        }
        try {
            String[] cells = matcher.group(2).split(",");
            double[] parameters = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                parameters[i] = Double.parseDouble(cells[i].trim());
            }
            Distribution distribution = Distribution.of(kind, parameters);
            return new BreachLevel(distribution.mean(), matcher.group().trim(), kind == DistributionKind.CONSTANT);
        } catch (IllegalArgumentException e) {
            return BreachLevel.UNKNOWN;
        }
    }

    private static Map<String, String> readManifest(Path file) throws IOException {
        Table table = Table.read(file, List.of("key", "value"));
        Map<String, String> manifest = new LinkedHashMap<>();
        for (Table.Row row : table.rows()) {
            manifest.put(row.text("key"), row.text("value"));
        }
        return manifest;
    }

    private static List<Quarter> readQuarterly(Path file) throws IOException {
        Table table = Table.read(file, List.of("quarter", "label", "mean", "sd", "p05", "p25", "p50", "p75", "p95",
                "breach_prob", "cum_breach_prob", "cvar05", "mean_lo", "mean_hi", "p05_lo", "p05_hi", "p25_lo",
                "p25_hi", "p50_lo", "p50_hi", "p75_lo", "p75_hi", "p95_lo", "p95_hi", "breach_prob_lo",
                "breach_prob_hi", "cum_breach_prob_lo", "cum_breach_prob_hi"));
        List<Integer> levels = new ArrayList<>();
        for (String column : table.columns()) {
            Matcher matcher = PERCENTILE_COLUMN.matcher(column);
            if (matcher.matches()) {
                levels.add(Integer.parseInt(matcher.group(1)));
            }
        }
        List<Quarter> quarters = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            int quarter = row.integer("quarter");
            if (quarter != quarters.size() + 1) {
                throw new MalformedOutputException(file + ":" + row.line() + ": column 'quarter': expected "
                        + (quarters.size() + 1) + ", found " + quarter);
            }
            SortedMap<Integer, Estimate> percentiles = new TreeMap<>();
            for (int level : levels) {
                String column = String.format("p%02d", level);
                percentiles.put(level, table.hasColumn(column + "_lo") ? row.estimate(column)
                        : new Estimate(row.number(column), Double.NaN, Double.NaN));
            }
            quarters.add(new Quarter(quarter, row.text("label"), row.estimate("mean"), row.number("sd"),
                    Collections.unmodifiableSortedMap(percentiles), row.estimate("breach_prob"),
                    row.estimate("cum_breach_prob"), row.number("cvar05")));
        }
        if (quarters.isEmpty()) {
            throw new MalformedOutputException(file + ": no quarter rows");
        }
        return List.copyOf(quarters);
    }

    private static List<Bin> readTerminal(Path file) throws IOException {
        Table table = Table.read(file, List.of("bin_low", "bin_high", "count"));
        List<Bin> bins = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            bins.add(new Bin(row.number("bin_low"), row.number("bin_high"), row.longInteger("count")));
        }
        return List.copyOf(bins);
    }

    private static List<Sensitivity> readSensitivity(Path file) throws IOException {
        Table table = Table.read(file, List.of("driver", "spearman", "variance_share", "breach_prob_at_p10",
                "breach_prob_at_p90", "value_at_p10", "value_at_p90", "terminal_mean_at_p10", "terminal_mean_at_p90"));
        List<Sensitivity> rows = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            rows.add(new Sensitivity(row.text("driver"), row.number("spearman"), row.optionalNumber("variance_share"),
                    row.optionalNumber("breach_prob_at_p10"), row.optionalNumber("breach_prob_at_p90"),
                    row.optionalNumber("value_at_p10"), row.optionalNumber("value_at_p90"),
                    row.optionalNumber("terminal_mean_at_p10"), row.optionalNumber("terminal_mean_at_p90")));
        }
        return List.copyOf(rows);
    }

    private static Map<String, List<Solve>> readSolve(Path file) throws IOException {
        Table table = Table.read(file, List.of("scenario", "quarter", "max_breach_prob", "injection", "injection_lo",
                "injection_hi", "breach_prob_at_injection", "status"));
        Map<String, List<Solve>> solves = new LinkedHashMap<>();
        for (Table.Row row : table.rows()) {
            InjectionSolver.Status status = InjectionSolver.Status.fromLabel(row.text("status"));
            if (status == null) {
                List<String> labels = Arrays.stream(InjectionSolver.Status.values()).map(InjectionSolver.Status::label)
                        .toList();
                throw new MalformedOutputException(file + ":" + row.line() + ": column 'status': expected "
                        + String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1)
                        + ", found '" + row.text("status") + "'");
            }
            Solve solve = new Solve(row.text("scenario"), row.text("quarter"), row.number("max_breach_prob"),
                    row.optionalNumber("injection"), row.optionalNumber("injection_lo"),
                    row.optionalNumber("injection_hi"), row.optionalNumber("breach_prob_at_injection"), status);
            solves.computeIfAbsent(solve.scenario(), k -> new ArrayList<>()).add(solve);
        }
        return solves;
    }

    /** The solver may name the quarter by its number; the report shows its label. */
    private static Solve quarterAsLabel(Solve solve, List<Quarter> quarters) {
        try {
            int q = Integer.parseInt(solve.quarter());
            if (q >= 1 && q <= quarters.size()) {
                return new Solve(solve.scenario(), quarters.get(q - 1).label(), solve.maxBreachProb(),
                        solve.injection(), solve.injectionLow(), solve.injectionHigh(), solve.breachProbAtInjection(),
                        solve.status());
            }
        } catch (NumberFormatException notANumber) {
            // Already a label.
        }
        return solve;
    }

    /** One output CSV: its header and rows, parsed by opencsv, with typed cell access that names the bad cell. */
    private static final class Table {
        private final Path file;
        private final List<String> columns;
        private final Map<String, Integer> index;
        private final List<Row> rows = new ArrayList<>();

        private Table(Path file, List<String> columns) {
            this.file = file;
            this.columns = columns;
            this.index = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                index.putIfAbsent(columns.get(c), c);
            }
        }

        static Table read(Path file, List<String> required) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new MalformedOutputException(file + " is missing; the output folder is incomplete");
            }
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
                Table table = new Table(file, List.of(header));
                for (String column : required) {
                    if (!table.index.containsKey(column)) {
                        throw new MalformedOutputException(file + ":1: column '" + column
                                + "' is missing; the header must contain " + String.join(",", required));
                    }
                }
                long line = csv.getLinesRead() + 1;
                for (String[] cells = csv.readNext(); cells != null; cells = csv.readNext()) {
                    if (cells.length == 1 && cells[0].isBlank()) {
                        line = csv.getLinesRead() + 1;
                        continue;
                    }
                    if (cells.length != header.length) {
                        throw new MalformedOutputException(file + ":" + line + ": expected " + header.length
                                + " fields as in the header, found " + cells.length);
                    }
                    table.rows.add(table.new Row(line, cells));
                    line = csv.getLinesRead() + 1;
                }
                return table;
            } catch (CsvValidationException e) {
                throw new MalformedOutputException(file + ": cannot parse as CSV: " + e.getMessage());
            }
        }

        String file() {
            return file.toString();
        }

        List<String> columns() {
            return columns;
        }

        boolean hasColumn(String column) {
            return index.containsKey(column);
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

            String text(String column) {
                return cells[index.get(column)].trim();
            }

            double number(String column) throws MalformedOutputException {
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

            /** NaN for an empty cell. */
            double optionalNumber(String column) throws MalformedOutputException {
                return text(column).isEmpty() ? Double.NaN : number(column);
            }

            int integer(String column) throws MalformedOutputException {
                String text = text(column);
                try {
                    return Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw bad(column, "a whole number", text);
                }
            }

            OptionalInt optionalInteger(String column) throws MalformedOutputException {
                return text(column).isEmpty() ? OptionalInt.empty() : OptionalInt.of(integer(column));
            }

            long longInteger(String column) throws MalformedOutputException {
                String text = text(column);
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw bad(column, "a whole number", text);
                }
            }

            /** The column with its {@code _lo} and {@code _hi} interval columns. */
            Estimate estimate(String column) throws MalformedOutputException {
                return new Estimate(number(column), optional(column + "_lo"), optional(column + "_hi"));
            }

            private double optional(String column) throws MalformedOutputException {
                return index.containsKey(column) ? optionalNumber(column) : Double.NaN;
            }

            private MalformedOutputException bad(String column, String expected, String found) {
                return new MalformedOutputException(file + ":" + line + ": column '" + column + "': expected "
                        + expected + ", found '" + found + "'");
            }
        }
    }
}
