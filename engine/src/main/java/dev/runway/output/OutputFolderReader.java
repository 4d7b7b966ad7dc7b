package dev.runway.output;

import dev.runway.analysis.Explain;
import dev.runway.analysis.InjectionSolver;
import dev.runway.output.OutputFiles.BacktestCsv;
import dev.runway.output.OutputFiles.CoverageCsv;
import dev.runway.output.OutputFiles.ExplainCsv;
import dev.runway.output.OutputFiles.ExplainSummaryCsv;
import dev.runway.output.OutputFiles.ExplainTimingCsv;
import dev.runway.output.OutputFiles.ManifestCsv;
import dev.runway.output.OutputFiles.QuarterlyCsv;
import dev.runway.output.OutputFiles.SensitivityCsv;
import dev.runway.output.OutputFiles.SolveCsv;
import dev.runway.output.OutputFiles.SummaryCsv;
import dev.runway.output.OutputFiles.TerminalCsv;
import dev.runway.stats.Estimate;
import dev.runway.stats.ScenarioStatistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a Runway output folder back (docs/model.md §12): {@code summary.csv}, {@code manifest.csv},
 * each scenario's {@code quarterly.csv} and {@code terminal.csv}, and, when present, each
 * scenario's {@code sensitivity.csv}, the folder's {@code solve.csv} and the explanation's three files. Columns are found by
 * name, so files with more columns than listed here still read. A file that is missing or does
 * not parse stops the reading with a {@link MalformedOutputException} naming the file, the line
 * and the column.
 */
public final class OutputFolderReader {
    private OutputFolderReader() {
    }

    /** The folder is not a complete Runway output, or one of its files does not parse. */
    public static final class MalformedOutputException extends IOException {
        private static final long serialVersionUID = 1L;

        public MalformedOutputException(String message) {
            super(message);
        }
    }

    /**
     * Everything the report shows: the manifest in file order, each scenario in summary order, and
     * the explanations by scenario, in the order of explain_summary.csv (empty without it).
     */
    public record RunResults(Path folder, Map<String, String> manifest, List<ScenarioResults> scenarios,
            boolean hasSolve, Map<String, Explanation> explanations) {

        /** A manifest value, or empty if the key is absent. */
        public String manifestValue(String key) {
            return manifest.getOrDefault(key, "");
        }

        /** The same results, said to be of {@code other}: a folder's files read from a copy of them. */
        public RunResults inFolder(Path other) {
            return new RunResults(other, manifest, scenarios, hasSolve, explanations);
        }
    }

    /**
     * One scenario's results. {@code sensitivity} is empty when the scenario has no
     * {@code sensitivity.csv} (then {@code hasSensitivity} is false); {@code solve} holds this
     * scenario's rows of {@code solve.csv}, in file order.
     */
    public record ScenarioResults(String name, String description, Summary summary, List<Quarter> quarters,
            List<Bin> terminal, BreachLevel breachLevel, boolean hasSensitivity, List<Sensitivity> sensitivity,
            List<Solve> solve, String item, String unit, List<Backtested> backtest, List<Coverage> coverage) {

        /** This scenario's realized values of an item, in the order of backtest.csv. */
        public List<Backtested> backtest(String item) {
            return backtest.stream().filter(b -> b.item().equals(item)).toList();
        }

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

    /** A row of {@code backtest.csv}: a realized value against the forecast of its quarter and item. */
    public record Backtested(int quarter, String label, String item, String unit, double actual, double p05, double p25,
            double p50, double p75, double p95, double mean, double pit, boolean in50, boolean in90, double crps,
            String source) { }

    /** A row of {@code backtest_coverage.csv}: how often an item's realized values fell in the bands. */
    public record Coverage(String item, int quarters, int in50, int in90, double pValue50, double pValue90,
            double meanPit, double meanCrps) { }

    /**
     * A scenario's explanation (with {@code --explain}): its row of {@code explain_summary.csv},
     * its rows of {@code explain.csv} in file order, and its quarters of {@code explain_timing.csv}.
     *
     * @param ksNoise95 the KS distance chance exceeds 5% of the time; NaN when the inputs were not compared
     * @param distance  the most likely breach's distance from the median path; NaN when none was found
     * @param sentence  the most likely breach in words; empty when none was found
     * @param note      why the inputs were not compared or no breach was found; empty when both were
     */
    public record Explanation(int paths, int breachingPaths, double ksNoise95, double distance, double formProb,
            String sentence, String note, List<Explain.Row> inputs, List<Explain.Timing> timing) {

        /** The inputs compared between breaching and other paths, by rank. */
        public List<Explain.Row> compared() {
            return inputs.stream().filter(Explain.Row::compared).toList();
        }
    }

    /** A bin of {@code terminal.csv}: {@code [low, high)}, the last one closed. */
    public record Bin(double low, double high, long count) { }

    /**
     * The level the primary item is in breach below, as the run wrote it in the manifest
     * ({@code breach_level:<scenario>}): a constant, or the mean of the driver's
     * {@code distribution} ({@code constant} false). NaN (and empty {@code distribution}) when the
     * breach rule is not a plain level.
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
            return driver.startsWith(SensitivityCsv.EVENT_PREFIX);
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
        for (Schema required : List.of(SummaryCsv.SCHEMA, ManifestCsv.SCHEMA)) {
            if (!Files.isRegularFile(folder.resolve(required.file()))) {
                throw new MalformedOutputException(folder + " has no " + required.file()
                        + ", so it is not a Runway output folder; first run: " + simulateInto(folder));
            }
        }
        Map<String, String> manifest = readManifest(folder.resolve(ManifestCsv.SCHEMA.file()));
        Table summary = SummaryCsv.SCHEMA.read(folder.resolve(SummaryCsv.SCHEMA.file()));
        if (summary.rows().isEmpty()) {
            throw new MalformedOutputException(summary.file() + ": no scenario rows");
        }
        Path solveFile = folder.resolve(SolveCsv.SCHEMA.file());
        boolean hasSolve = Files.isRegularFile(solveFile);
        Map<String, List<Solve>> solves = hasSolve ? readSolve(solveFile) : Map.of();
        Path backtestFile = folder.resolve(BacktestCsv.SCHEMA.file());
        Map<String, List<Backtested>> backtests = Files.isRegularFile(backtestFile) ? readBacktest(backtestFile)
                : Map.of();
        Path coverageFile = folder.resolve(CoverageCsv.SCHEMA.file());
        Map<String, List<Coverage>> coverages = Files.isRegularFile(coverageFile) ? readCoverage(coverageFile)
                : Map.of();

        List<ScenarioResults> scenarios = new ArrayList<>();
        for (Table.Row row : summary.rows()) {
            String name = row.text(SummaryCsv.SCENARIO);
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw row.bad(SummaryCsv.SCENARIO, "a scenario name", name);
            }
            Path dir = folder.resolve(name);
            Summary s = new Summary(row.integer(SummaryCsv.PATHS), row.longInteger(SummaryCsv.SEED),
                    row.estimate(SummaryCsv.TERMINAL_MEAN), row.estimate(SummaryCsv.TERMINAL_P05),
                    row.estimate(SummaryCsv.TERMINAL_P50), row.estimate(SummaryCsv.TERMINAL_P95),
                    row.estimate(SummaryCsv.BREACH_PROB), row.optionalInteger(SummaryCsv.FIRST_BREACH_P50_QUARTER),
                    row.estimate(SummaryCsv.INJECTION_PROB), row.optionalNumber(SummaryCsv.INJECTION_MEAN));
            Path sensitivityFile = dir.resolve(SensitivityCsv.SCHEMA.file());
            boolean hasSensitivity = Files.isRegularFile(sensitivityFile);
            List<Quarter> quarters = readQuarterly(dir.resolve(QuarterlyCsv.SCHEMA.file()));
            List<Solve> solve = solves.getOrDefault(name, List.of()).stream()
                    .map(r -> quarterAsLabel(r, quarters)).toList();
            scenarios.add(new ScenarioResults(name, manifest.getOrDefault(ManifestCsv.SCENARIO + name, ""), s, quarters,
                    readTerminal(dir.resolve(TerminalCsv.SCHEMA.file())),
                    breachLevel(manifest, name), hasSensitivity,
                    hasSensitivity ? readSensitivity(sensitivityFile) : List.of(), solve,
                    manifest.getOrDefault(ManifestCsv.PRIMARY_ITEM, "cash"),
                    manifest.getOrDefault(ManifestCsv.UNIT, "JPY bn"), backtests.getOrDefault(name, List.of()),
                    coverages.getOrDefault(name, List.of())));
        }
        List<String> known = scenarios.stream().map(ScenarioResults::name).toList();
        for (Map.Entry<Path, Set<String>> named : List.of(Map.entry(solveFile, solves.keySet()),
                Map.entry(backtestFile, backtests.keySet()), Map.entry(coverageFile, coverages.keySet()))) {
            for (String scenario : named.getValue()) {
                if (!known.contains(scenario)) {
                    throw new MalformedOutputException(named.getKey() + ": scenario '" + scenario
                            + "' is not in summary.csv; expected one of " + String.join(", ", known));
                }
            }
        }
        return new RunResults(folder, Collections.unmodifiableMap(manifest), List.copyOf(scenarios), hasSolve,
                readExplanations(folder, known));
    }

    /**
     * The explanations of a folder with {@code explain_summary.csv}, by scenario; empty without it.
     * Its two other files must then be there, and every file may name only the scenarios {@code known}.
     */
    private static Map<String, Explanation> readExplanations(Path folder, List<String> known) throws IOException {
        Path summaryFile = folder.resolve(ExplainSummaryCsv.SCHEMA.file());
        if (!Files.isRegularFile(summaryFile)) {
            return Map.of();
        }
        Map<String, List<Explain.Row>> inputs = new LinkedHashMap<>();
        Table explain = ExplainCsv.SCHEMA.read(folder.resolve(ExplainCsv.SCHEMA.file()));
        for (Table.Row row : explain.rows()) {
            String scenario = knownScenario(row, ExplainCsv.SCENARIO, known);
            inputs.computeIfAbsent(scenario, k -> new ArrayList<>()).add(new Explain.Row(row.text(ExplainCsv.INPUT),
                    row.text(ExplainCsv.KIND), row.text(ExplainCsv.UNIT),
                    row.optionalInteger(ExplainCsv.RANK).orElse(0),
                    row.optionalNumber(ExplainCsv.KS_DISTANCE), row.optionalNumber(ExplainCsv.SHIFT_SD),
                    percentiles(row, ExplainCsv.BREACH_P10, ExplainCsv.BREACH_P50, ExplainCsv.BREACH_P90),
                    percentiles(row, ExplainCsv.OTHER_P10, ExplainCsv.OTHER_P50, ExplainCsv.OTHER_P90),
                    percentiles(row, ExplainCsv.BREACH_P10_PIT, ExplainCsv.BREACH_P50_PIT, ExplainCsv.BREACH_P90_PIT),
                    percentiles(row, ExplainCsv.OTHER_P10_PIT, ExplainCsv.OTHER_P50_PIT, ExplainCsv.OTHER_P90_PIT),
                    row.optionalNumber(ExplainCsv.BREACH_ON), row.optionalNumber(ExplainCsv.OTHER_ON),
                    row.optionalNumber(ExplainCsv.AT_DESIGN_POINT), row.optionalNumber(ExplainCsv.AT_MEDIAN),
                    row.optionalNumber(ExplainCsv.IMPORTANCE)));
        }
        Map<String, List<Explain.Timing>> timing = new LinkedHashMap<>();
        for (Table.Row row : ExplainTimingCsv.SCHEMA.read(folder.resolve(ExplainTimingCsv.SCHEMA.file())).rows()) {
            String scenario = knownScenario(row, ExplainTimingCsv.SCENARIO, known);
            timing.computeIfAbsent(scenario, k -> new ArrayList<>()).add(new Explain.Timing(
                    row.integer(ExplainTimingCsv.QUARTER), row.text(ExplainTimingCsv.LABEL),
                    row.integer(ExplainTimingCsv.FIRST_BREACHES), row.optionalNumber(ExplainTimingCsv.SHARE),
                    row.optionalNumber(ExplainTimingCsv.CUMULATIVE_SHARE)));
        }
        Map<String, Explanation> explanations = new LinkedHashMap<>();
        for (Table.Row row : ExplainSummaryCsv.SCHEMA.read(summaryFile).rows()) {
            String scenario = knownScenario(row, ExplainSummaryCsv.SCENARIO, known);
            explanations.put(scenario, new Explanation(row.integer(ExplainSummaryCsv.PATHS),
                    row.integer(ExplainSummaryCsv.BREACHING_PATHS), row.optionalNumber(ExplainSummaryCsv.KS_NOISE_95),
                    row.optionalNumber(ExplainSummaryCsv.DISTANCE), row.optionalNumber(ExplainSummaryCsv.FORM_PROB),
                    row.text(ExplainSummaryCsv.SENTENCE), row.text(ExplainSummaryCsv.NOTE),
                    List.copyOf(inputs.getOrDefault(scenario, List.of())),
                    List.copyOf(timing.getOrDefault(scenario, List.of()))));
        }
        return Collections.unmodifiableMap(explanations);
    }

    /** The row's scenario, which summary.csv must list. */
    private static String knownScenario(Table.Row row, Column column, List<String> known)
            throws MalformedOutputException {
        String scenario = row.text(column);
        if (!known.contains(scenario)) {
            throw row.bad(column, "a scenario of summary.csv (" + String.join(", ", known) + ")", scenario);
        }
        return scenario;
    }

    private static Explain.Percentiles percentiles(Table.Row row, Column p10, Column p50, Column p90)
            throws MalformedOutputException {
        return new Explain.Percentiles(row.optionalNumber(p10), row.optionalNumber(p50), row.optionalNumber(p90));
    }

    /** The breach level the run wrote for a scenario; unknown when it wrote none or it does not parse. */
    static BreachLevel breachLevel(Map<String, String> manifest, String scenario) {
        String level = manifest.get(ManifestCsv.BREACH_LEVEL + scenario);
        if (level == null) {
            return BreachLevel.UNKNOWN;
        }
        try {
            double value = Double.parseDouble(level);
            if (!Double.isFinite(value)) {
                return BreachLevel.UNKNOWN;
            }
            String distribution = manifest.get(ManifestCsv.BREACH_LEVEL_DISTRIBUTION + scenario);
            return distribution == null ? new BreachLevel(value, "constant(" + level + ")", true)
                    : new BreachLevel(value, distribution, false);
        } catch (NumberFormatException e) {
            return BreachLevel.UNKNOWN;
        }
    }

    private static Map<String, String> readManifest(Path file) throws IOException {
        Map<String, String> manifest = new LinkedHashMap<>();
        for (Table.Row row : ManifestCsv.SCHEMA.read(file).rows()) {
            manifest.put(row.text(ManifestCsv.KEY), row.text(ManifestCsv.VALUE));
        }
        return manifest;
    }

    private static List<Quarter> readQuarterly(Path file) throws IOException {
        Table table = QuarterlyCsv.SCHEMA.read(file);
        double[] levels = ScenarioStatistics.percentileLevels();
        List<Quarter> quarters = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            int quarter = row.integer(QuarterlyCsv.QUARTER);
            if (quarter != quarters.size() + 1) {
                throw row.bad(QuarterlyCsv.QUARTER, Integer.toString(quarters.size() + 1), Integer.toString(quarter));
            }
            SortedMap<Integer, Estimate> percentiles = new TreeMap<>();
            for (int l = 0; l < levels.length; l++) {
                percentiles.put((int) Math.round(levels[l] * 100), row.estimate(QuarterlyCsv.PERCENTILES.get(l)));
            }
            quarters.add(new Quarter(quarter, row.text(QuarterlyCsv.LABEL), row.estimate(QuarterlyCsv.MEAN),
                    row.number(QuarterlyCsv.SD), Collections.unmodifiableSortedMap(percentiles),
                    row.estimate(QuarterlyCsv.BREACH_PROB), row.estimate(QuarterlyCsv.CUM_BREACH_PROB),
                    row.number(QuarterlyCsv.CVAR05)));
        }
        if (quarters.isEmpty()) {
            throw new MalformedOutputException(file + ": no quarter rows");
        }
        return List.copyOf(quarters);
    }

    private static List<Bin> readTerminal(Path file) throws IOException {
        List<Bin> bins = new ArrayList<>();
        for (Table.Row row : TerminalCsv.SCHEMA.read(file).rows()) {
            bins.add(new Bin(row.number(TerminalCsv.BIN_LOW), row.number(TerminalCsv.BIN_HIGH),
                    row.longInteger(TerminalCsv.COUNT)));
        }
        return List.copyOf(bins);
    }

    private static List<Sensitivity> readSensitivity(Path file) throws IOException {
        List<Sensitivity> rows = new ArrayList<>();
        for (Table.Row row : SensitivityCsv.SCHEMA.read(file).rows()) {
            rows.add(new Sensitivity(row.text(SensitivityCsv.DRIVER), row.number(SensitivityCsv.SPEARMAN),
                    row.optionalNumber(SensitivityCsv.VARIANCE_SHARE),
                    row.optionalNumber(SensitivityCsv.BREACH_PROB_AT_P10),
                    row.optionalNumber(SensitivityCsv.BREACH_PROB_AT_P90),
                    row.optionalNumber(SensitivityCsv.VALUE_AT_P10), row.optionalNumber(SensitivityCsv.VALUE_AT_P90),
                    row.optionalNumber(SensitivityCsv.TERMINAL_MEAN_AT_P10),
                    row.optionalNumber(SensitivityCsv.TERMINAL_MEAN_AT_P90)));
        }
        return List.copyOf(rows);
    }

    private static Map<String, List<Solve>> readSolve(Path file) throws IOException {
        Map<String, List<Solve>> solves = new LinkedHashMap<>();
        for (Table.Row row : SolveCsv.SCHEMA.read(file).rows()) {
            InjectionSolver.Status status = InjectionSolver.Status.fromLabel(row.text(SolveCsv.STATUS));
            if (status == null) {
                List<String> labels = Arrays.stream(InjectionSolver.Status.values()).map(InjectionSolver.Status::label)
                        .toList();
                throw row.bad(SolveCsv.STATUS, String.join(", ", labels.subList(0, labels.size() - 1)) + " or "
                        + labels.get(labels.size() - 1), row.text(SolveCsv.STATUS));
            }
            Solve solve = new Solve(row.text(SolveCsv.SCENARIO), row.text(SolveCsv.QUARTER),
                    row.number(SolveCsv.MAX_BREACH_PROB), row.optionalNumber(SolveCsv.INJECTION),
                    row.optionalNumber(SolveCsv.INJECTION_LO), row.optionalNumber(SolveCsv.INJECTION_HI),
                    row.optionalNumber(SolveCsv.BREACH_PROB_AT_INJECTION), status);
            solves.computeIfAbsent(solve.scenario(), k -> new ArrayList<>()).add(solve);
        }
        return solves;
    }

    private static Map<String, List<Backtested>> readBacktest(Path file) throws IOException {
        Map<String, List<Backtested>> rows = new LinkedHashMap<>();
        for (Table.Row row : BacktestCsv.SCHEMA.read(file).rows()) {
            rows.computeIfAbsent(row.text(BacktestCsv.SCENARIO), k -> new ArrayList<>()).add(new Backtested(
                    row.integer(BacktestCsv.QUARTER), row.text(BacktestCsv.LABEL), row.text(BacktestCsv.ITEM),
                    row.text(BacktestCsv.UNIT), row.number(BacktestCsv.ACTUAL), row.number(BacktestCsv.P05),
                    row.number(BacktestCsv.P25), row.number(BacktestCsv.P50), row.number(BacktestCsv.P75),
                    row.number(BacktestCsv.P95), row.number(BacktestCsv.MEAN), row.number(BacktestCsv.PIT),
                    flag(row, BacktestCsv.IN_50), flag(row, BacktestCsv.IN_90), row.number(BacktestCsv.CRPS),
                    row.text(BacktestCsv.SOURCE)));
        }
        return rows;
    }

    private static Map<String, List<Coverage>> readCoverage(Path file) throws IOException {
        Map<String, List<Coverage>> rows = new LinkedHashMap<>();
        for (Table.Row row : CoverageCsv.SCHEMA.read(file).rows()) {
            rows.computeIfAbsent(row.text(CoverageCsv.SCENARIO), k -> new ArrayList<>()).add(new Coverage(
                    row.text(CoverageCsv.ITEM), row.integer(CoverageCsv.QUARTERS), row.integer(CoverageCsv.IN_50),
                    row.integer(CoverageCsv.IN_90), row.number(CoverageCsv.P_VALUE_50),
                    row.number(CoverageCsv.P_VALUE_90), row.number(CoverageCsv.MEAN_PIT),
                    row.number(CoverageCsv.MEAN_CRPS)));
        }
        return rows;
    }

    /** A 0/1 column. */
    private static boolean flag(Table.Row row, Column column) throws MalformedOutputException {
        String text = row.text(column);
        if (!text.equals("0") && !text.equals("1")) {
            throw row.bad(column, "0 or 1", text);
        }
        return text.equals("1");
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
}
