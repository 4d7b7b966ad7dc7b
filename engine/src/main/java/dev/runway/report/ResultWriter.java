package dev.runway.report;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import dev.runway.analysis.Analyses;
import dev.runway.analysis.InjectionSolver;
import dev.runway.analysis.Sensitivity;
import dev.runway.lang.Expr;
import dev.runway.model.CaseInputs;
import dev.runway.model.Correlation;
import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.Model;
import dev.runway.model.Scenario;
import dev.runway.sample.BlockStreams;
import dev.runway.sim.Simulation;
import dev.runway.stats.Estimate;
import dev.runway.stats.Histogram;
import dev.runway.stats.LogHistogram;
import dev.runway.stats.QuarterStatistics;
import dev.runway.stats.ScenarioStatistics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Writes the output files of docs/model.md §12 into a folder: {@code summary.csv},
 * {@code manifest.csv}, per scenario {@code quarterly.csv} and {@code terminal.csv}, and the
 * analyses' {@code sensitivity.csv} and {@code solve.csv} when a run has them.
 */
public final class ResultWriter {
    public static final String SUMMARY = "summary.csv";
    public static final String MANIFEST = "manifest.csv";
    public static final String QUARTERLY = "quarterly.csv";
    public static final String TERMINAL = "terminal.csv";
    public static final String SENSITIVITY = "sensitivity.csv";
    public static final String SOLVE = "solve.csv";
    /** Every reported item's quarterly statistics, one row per item and quarter. */
    public static final String ITEM_QUARTERLY = "item_quarterly.csv";
    /** Every reported item's terminal statistics, one row per scenario and item. */
    public static final String ITEM_SUMMARY = "item_summary.csv";

    /** Manifest keys that describe this particular execution, not its results. */
    public static final List<String> EXECUTION_KEYS = List.of("threads", "started_at", "elapsed_ms");

    private ResultWriter() {
    }

    public static void write(Path folder, CaseInputs inputs, List<Scenario> scenarios,
            List<ScenarioStatistics> statistics, RunInfo run, Analyses analyses) throws IOException {
        writeSummary(folder.resolve(SUMMARY), statistics);
        // A model that reports more than its primary item gets every reported item's statistics too.
        boolean items = inputs.model().reported().size() > 1;
        if (items) {
            writeItemSummary(folder.resolve(ITEM_SUMMARY), inputs.model(), statistics);
        }
        for (ScenarioStatistics scenario : statistics) {
            Path dir = Files.createDirectories(folder.resolve(scenario.scenario()));
            writeQuarterly(dir.resolve(QUARTERLY), scenario);
            if (items) {
                writeItemQuarterly(dir.resolve(ITEM_QUARTERLY), inputs.model(), scenario);
            }
            writeTerminal(dir.resolve(TERMINAL), scenario.terminal());
            List<Sensitivity.Row> sensitivity = analyses.sensitivity().get(scenario.scenario());
            if (sensitivity != null) {
                writeSensitivity(dir.resolve(SENSITIVITY), sensitivity);
            }
        }
        if (!analyses.solutions().isEmpty()) {
            writeSolve(folder.resolve(SOLVE), analyses.solutions());
        }
        writeManifest(folder.resolve(MANIFEST), inputs, scenarios, run);
    }

    private static void writeSensitivity(Path file, List<Sensitivity.Row> rows) throws IOException {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"driver", "spearman", "variance_share", "breach_prob_at_p10", "breach_prob_at_p90",
            "value_at_p10", "value_at_p90", "terminal_mean_at_p10", "terminal_mean_at_p90"});
        for (Sensitivity.Row row : rows) {
            lines.add(new String[] {row.input(), Decimal.probability(row.spearman()),
                Decimal.probability(row.varianceShare()), Decimal.probability(row.breachAtLow()),
                Decimal.probability(row.breachAtHigh()), Decimal.fixed(row.valueAtLow(), 6),
                Decimal.fixed(row.valueAtHigh(), 6), Decimal.money(row.meanAtLow()), Decimal.money(row.meanAtHigh())});
        }
        writeCsv(file, lines);
    }

    private static void writeSolve(Path file, List<InjectionSolver.Solution> solutions) throws IOException {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"scenario", "quarter", "max_breach_prob", "injection", "injection_lo", "injection_hi",
            "breach_prob_at_injection", "status"});
        for (InjectionSolver.Solution solution : solutions) {
            lines.add(new String[] {solution.scenario(), Integer.toString(solution.quarter()),
                Decimal.probability(solution.target()), Decimal.money(solution.injection()),
                Decimal.money(solution.low()), Decimal.money(solution.high()),
                Decimal.probability(solution.breachAtInjection()),
                solution.status().label()});
        }
        writeCsv(file, lines);
    }

    private static void writeSummary(Path file, List<ScenarioStatistics> statistics) throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"scenario", "paths", "seed", "terminal_mean", "terminal_p05", "terminal_p50",
            "terminal_p95", "breach_prob", "first_breach_p50_quarter", "injection_prob", "injection_mean",
            "terminal_mean_lo", "terminal_mean_hi", "terminal_p05_lo", "terminal_p05_hi", "terminal_p50_lo",
            "terminal_p50_hi", "terminal_p95_lo", "terminal_p95_hi", "breach_prob_lo", "breach_prob_hi",
            "injection_prob_lo", "injection_prob_hi"});
        for (ScenarioStatistics s : statistics) {
            QuarterStatistics terminal = s.terminalQuarter();
            Estimate p05 = terminal.percentile(0.05);
            Estimate p50 = terminal.percentile(0.50);
            Estimate p95 = terminal.percentile(0.95);
            rows.add(new String[] {s.scenario(), Integer.toString(s.paths()), Long.toString(s.seed()),
                Decimal.money(terminal.mean().value()), Decimal.money(p05.value()), Decimal.money(p50.value()),
                Decimal.money(p95.value()), Decimal.probability(s.breachProb().value()),
                s.firstBreachP50Quarter().isPresent() ? Integer.toString(s.firstBreachP50Quarter().getAsInt()) : "",
                Decimal.probability(s.injectionProb().value()), Decimal.money(s.injectionMean()),
                Decimal.money(terminal.mean().low()), Decimal.money(terminal.mean().high()),
                Decimal.money(p05.low()), Decimal.money(p05.high()), Decimal.money(p50.low()),
                Decimal.money(p50.high()), Decimal.money(p95.low()), Decimal.money(p95.high()),
                Decimal.probability(s.breachProb().low()), Decimal.probability(s.breachProb().high()),
                Decimal.probability(s.injectionProb().low()), Decimal.probability(s.injectionProb().high())});
        }
        writeCsv(file, rows);
    }

    private static List<String> percentileColumns() {
        List<String> columns = new ArrayList<>();
        for (double level : ScenarioStatistics.percentileLevels()) {
            columns.add(String.format(Locale.ROOT, "p%02d", Math.round(level * 100)));
        }
        return columns;
    }

    /** Per scenario and reported item: the item's unit and its terminal mean and percentiles, with intervals. */
    private static void writeItemSummary(Path file, Model model, List<ScenarioStatistics> statistics)
            throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"scenario", "item", "unit", "terminal_mean", "terminal_p05", "terminal_p50",
            "terminal_p95", "terminal_mean_lo", "terminal_mean_hi", "terminal_p05_lo", "terminal_p05_hi",
            "terminal_p50_lo", "terminal_p50_hi", "terminal_p95_lo", "terminal_p95_hi"});
        for (ScenarioStatistics s : statistics) {
            s.items().forEach((item, quarters) -> {
                QuarterStatistics end = quarters.get(quarters.size() - 1);
                List<String> row = new ArrayList<>(List.of(s.scenario(), item, model.unit(item),
                        Decimal.money(end.mean().value())));
                List<Estimate> estimates = List.of(end.percentile(0.05), end.percentile(0.50), end.percentile(0.95));
                estimates.forEach(e -> row.add(Decimal.money(e.value())));
                row.add(Decimal.money(end.mean().low()));
                row.add(Decimal.money(end.mean().high()));
                estimates.forEach(e -> {
                    row.add(Decimal.money(e.low()));
                    row.add(Decimal.money(e.high()));
                });
                rows.add(row.toArray(new String[0]));
            });
        }
        writeCsv(file, rows);
    }

    /** Per reported item and quarter: mean, sd and percentiles of the item, with intervals. */
    private static void writeItemQuarterly(Path file, Model model, ScenarioStatistics scenario) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("item", "unit", "quarter", "label", "mean", "sd"));
        header.addAll(percentileColumns());
        header.addAll(List.of("mean_lo", "mean_hi"));
        for (String column : percentileColumns()) {
            header.add(column + "_lo");
            header.add(column + "_hi");
        }
        rows.add(header.toArray(new String[0]));
        scenario.items().forEach((item, quarters) -> {
            for (QuarterStatistics q : quarters) {
                List<String> row = new ArrayList<>(List.of(item, model.unit(item), Integer.toString(q.quarter()),
                        q.label(), Decimal.money(q.mean().value()), Decimal.money(q.sd())));
                for (Estimate percentile : q.percentiles()) {
                    row.add(Decimal.money(percentile.value()));
                }
                row.add(Decimal.money(q.mean().low()));
                row.add(Decimal.money(q.mean().high()));
                for (Estimate percentile : q.percentiles()) {
                    row.add(Decimal.money(percentile.low()));
                    row.add(Decimal.money(percentile.high()));
                }
                rows.add(row.toArray(new String[0]));
            }
        });
        writeCsv(file, rows);
    }

    private static void writeQuarterly(Path file, ScenarioStatistics scenario) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> percentileColumns = percentileColumns();
        List<String> header = new ArrayList<>(List.of("quarter", "label", "mean", "sd"));
        header.addAll(percentileColumns);
        header.addAll(List.of("breach_prob", "cum_breach_prob", "cvar05", "mean_lo", "mean_hi"));
        for (String column : percentileColumns) {
            header.add(column + "_lo");
            header.add(column + "_hi");
        }
        header.addAll(List.of("breach_prob_lo", "breach_prob_hi", "cum_breach_prob_lo", "cum_breach_prob_hi"));
        rows.add(header.toArray(new String[0]));
        for (QuarterStatistics q : scenario.quarters()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(q.quarter()), q.label(),
                    Decimal.money(q.mean().value()), Decimal.money(q.sd())));
            for (Estimate percentile : q.percentiles()) {
                row.add(Decimal.money(percentile.value()));
            }
            row.addAll(List.of(Decimal.probability(q.breachProb().value()),
                    Decimal.probability(q.cumBreachProb().value()), Decimal.money(q.cvar05()),
                    Decimal.money(q.mean().low()), Decimal.money(q.mean().high())));
            for (Estimate percentile : q.percentiles()) {
                row.add(Decimal.money(percentile.low()));
                row.add(Decimal.money(percentile.high()));
            }
            row.addAll(List.of(Decimal.probability(q.breachProb().low()), Decimal.probability(q.breachProb().high()),
                    Decimal.probability(q.cumBreachProb().low()), Decimal.probability(q.cumBreachProb().high())));
            rows.add(row.toArray(new String[0]));
        }
        writeCsv(file, rows);
    }

    private static void writeTerminal(Path file, Histogram histogram) throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"bin_low", "bin_high", "count"});
        for (int b = 0; b < histogram.bins(); b++) {
            rows.add(new String[] {Decimal.money(histogram.low(b)), Decimal.money(histogram.high(b)),
                Long.toString(histogram.count(b))});
        }
        writeCsv(file, rows);
    }

    private static void writeManifest(Path file, CaseInputs inputs, List<Scenario> scenarios, RunInfo run)
            throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"key", "value"});
        rows.add(new String[] {"engine", "runway " + engineVersion()});
        rows.add(new String[] {"java", System.getProperty("java.vm.name") + " " + Runtime.version()});
        rows.add(new String[] {"seed", Long.toString(run.seed())});
        rows.add(new String[] {"paths", Integer.toString(run.paths())});
        rows.add(new String[] {"sampling_method", run.method().cliName()});
        rows.add(new String[] {"generator", BlockStreams.SOURCE.name() + ", one jump (2^128 draws) per block"});
        rows.add(new String[] {"block_size", Integer.toString(Simulation.BLOCK_SIZE)});
        rows.add(new String[] {"percentiles", run.streamed()
            ? "streaming (memory independent of paths): log-linear histograms of every path, merged exactly; "
                + "percentiles, CVaR and terminal bins within " + LogHistogram.RELATIVE_ERROR + " relative (0.049%) or "
                + LogHistogram.FLOOR + " (in each item's unit) absolute of the exact values; means, sds and probabilities exact"
            : "exact, from all paths: linear interpolation between order statistics (Hyndman-Fan type 7)"});
        rows.add(new String[] {"intervals", Math.round(ScenarioStatistics.CONFIDENCE * 100) + "% confidence (_lo, "
            + "_hi columns): percentiles between two order statistics (exact binomial ranks), probabilities Wilson, "
            + "means normal approximation; they assume independent paths" + (run.method().independentPaths() ? ""
            : " (with " + run.method().cliName() + " they are conservative for quantities monotone in the inputs; "
                + "replicate with other seeds to measure the error)")});
        rows.add(new String[] {"terminal_bins", Integer.toString(run.bins())});
        if (!run.precision().isEmpty()) {
            rows.add(new String[] {"precision", run.precision()});
            run.precisionNotes().forEach((scenario, note) -> rows.add(new String[] {"precision:" + scenario, note}));
        }
        rows.add(new String[] {"inputs", run.inputFolder()});
        Model model = inputs.model();
        rows.add(new String[] {"model", model.file()});
        rows.add(new String[] {"primary_item", model.primary()});
        rows.add(new String[] {"unit", model.primaryUnit()});
        rows.add(new String[] {"reported_items", String.join(" ", model.reported())});
        rows.add(new String[] {"breach_rule", model.breachText()});
        inputs.fileHashes().forEach((name, hash) -> rows.add(new String[] {"sha256:" + name, hash}));
        for (Scenario scenario : scenarios) {
            rows.add(new String[] {"scenario:" + scenario.name(), scenario.description()});
            scenario.drivers().forEach((driver, distribution) -> rows.add(new String[] {"source:" + scenario.name()
                + ":driver:" + driver, distribution + "; " + scenario.driverSources().getOrDefault(driver, "")}));
            double level = breachLevel(scenario);
            if (!Double.isNaN(level)) {
                rows.add(new String[] {"breach_level:" + scenario.name(), Double.toString(level)});
            }
            for (Event event : scenario.events()) {
                rows.add(new String[] {"source:" + scenario.name() + ":event:" + event.name(), event.source()});
            }
            for (Correlation correlation : scenario.correlations()) {
                rows.add(new String[] {"correlation:" + scenario.name() + ":" + correlation.a() + "~"
                    + correlation.b(), correlation.rho() + "; " + correlation.source()});
            }
            scenario.copula().repair().ifPresent(repair -> rows.add(new String[] {"correlation_repair:"
                + scenario.name(), String.format(Locale.ROOT, "nearest positive definite matrix: moved %.6f "
                + "(Frobenius), at most %.6f in one entry, %d iterations", repair.frobeniusDistance(),
                repair.largestChange(), repair.iterations())}));
        }
        rows.add(new String[] {"threads", Integer.toString(run.threads())});
        rows.add(new String[] {"started_at", run.startedAt().toString()});
        rows.add(new String[] {"elapsed_ms", Long.toString(run.elapsedMillis())});
        writeCsv(file, rows);
    }

    /**
     * The level the primary item is in breach below, when the breach rule says so plainly
     * ({@code item < number} or {@code item < driver} with a constant driver); NaN otherwise.
     */
    static double breachLevel(Scenario scenario) {
        Model model = scenario.model();
        if (model.breach() instanceof Expr.Binary rule && (rule.op() == Expr.Op.LT || rule.op() == Expr.Op.LE)
                && rule.left() instanceof Expr.Ref item && item.name().equals(model.primary())) {
            if (rule.right() instanceof Expr.Num num) {
                return num.value();
            }
            if (rule.right() instanceof Expr.Ref ref && scenario.drivers().containsKey(ref.name())
                    && scenario.driver(ref.name()).kind() == DistributionKind.CONSTANT) {
                return scenario.driver(ref.name()).mean();
            }
        }
        return Double.NaN;
    }

    /** The engine's version, from the jar's build. */
    public static String engineVersion() {
        try (InputStream in = ResultWriter.class.getResourceAsStream("/runway.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCsv(Path file, List<String[]> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build()) {
            for (String[] row : rows) {
                csv.writeNext(row, false);
            }
            // opencsv keeps a failed write to itself; a full disk must not pass for a short file.
            if (csv.checkError()) {
                throw csv.getException() != null ? csv.getException() : new IOException("the write failed");
            }
        } catch (IOException e) {
            throw OutputFolder.onFile(file, e);
        }
    }
}
