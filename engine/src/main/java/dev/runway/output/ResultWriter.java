package dev.runway.output;

import dev.runway.analysis.Analyses;
import dev.runway.analysis.Backtest;
import dev.runway.analysis.DesignPoint;
import dev.runway.analysis.Explain;
import dev.runway.analysis.InjectionSolver;
import dev.runway.analysis.RareBreach;
import dev.runway.analysis.Sensitivity;
import dev.runway.lang.Expr;
import dev.runway.model.CaseInputs;
import dev.runway.model.Correlation;
import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.Distribution;
import dev.runway.model.Model;
import dev.runway.model.History;
import dev.runway.model.Scenario;
import dev.runway.output.OutputFiles.BacktestCsv;
import dev.runway.output.OutputFiles.CoverageCsv;
import dev.runway.output.OutputFiles.ExplainCsv;
import dev.runway.output.OutputFiles.ExplainSummaryCsv;
import dev.runway.output.OutputFiles.ExplainTimingCsv;
import dev.runway.output.OutputFiles.ItemQuarterlyCsv;
import dev.runway.output.OutputFiles.ItemSummaryCsv;
import dev.runway.output.OutputFiles.ManifestCsv;
import dev.runway.output.OutputFiles.QuarterlyCsv;
import dev.runway.output.OutputFiles.RareCsv;
import dev.runway.output.OutputFiles.SensitivityCsv;
import dev.runway.output.OutputFiles.SolveCsv;
import dev.runway.output.OutputFiles.SummaryCsv;
import dev.runway.output.OutputFiles.TerminalCsv;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Writes the output files of docs/model.md §12 into a folder, each by its schema in
 * {@link OutputFiles}: {@code summary.csv}, {@code manifest.csv}, per scenario
 * {@code quarterly.csv} and {@code terminal.csv}, every reported item's statistics when the model
 * reports several, and the analyses' {@code sensitivity.csv}, {@code solve.csv} and the explanation's files
 * when a run has them.
 */
public final class ResultWriter {
    private ResultWriter() {
    }

    public static void write(Path folder, CaseInputs inputs, List<Scenario> scenarios,
            List<ScenarioStatistics> statistics, RunInfo run, Analyses analyses) throws IOException {
        writeSummary(folder, statistics);
        // A model that reports more than its primary item gets every reported item's statistics too.
        boolean items = inputs.model().reported().size() > 1;
        if (items) {
            writeItemSummary(folder, inputs.model(), statistics);
        }
        for (ScenarioStatistics scenario : statistics) {
            Path dir = Files.createDirectories(folder.resolve(scenario.scenario()));
            writeQuarterly(dir, scenario);
            if (items) {
                writeItemQuarterly(dir, inputs.model(), scenario);
            }
            writeTerminal(dir, scenario.terminal());
            List<Sensitivity.Row> sensitivity = analyses.sensitivity().get(scenario.scenario());
            if (sensitivity != null) {
                writeSensitivity(dir, sensitivity);
            }
        }
        if (!analyses.solutions().isEmpty()) {
            writeSolve(folder, analyses.solutions());
        }
        if (!analyses.rare().isEmpty()) {
            writeRare(folder, analyses.rare(), statistics);
        }
        if (!analyses.backtest().isEmpty()) {
            writeBacktest(folder, inputs.model(), analyses.backtest(), run.actuals());
        }
        if (!analyses.explanations().isEmpty()) {
            writeExplanations(folder, inputs.model(), analyses.explanations());
        }
        writeManifest(folder, inputs, scenarios, run, analyses.rare());
    }

    private static void writeSensitivity(Path dir, List<Sensitivity.Row> rows) throws IOException {
        Schema schema = SensitivityCsv.SCHEMA;
        List<Schema.Row> lines = new ArrayList<>();
        for (Sensitivity.Row row : rows) {
            lines.add(schema.row().text(SensitivityCsv.DRIVER, row.input())
                    .number(SensitivityCsv.SPEARMAN, row.spearman())
                    .number(SensitivityCsv.VARIANCE_SHARE, row.varianceShare())
                    .number(SensitivityCsv.BREACH_PROB_AT_P10, row.breachAtLow())
                    .number(SensitivityCsv.BREACH_PROB_AT_P90, row.breachAtHigh())
                    .number(SensitivityCsv.VALUE_AT_P10, row.valueAtLow())
                    .number(SensitivityCsv.VALUE_AT_P90, row.valueAtHigh())
                    .number(SensitivityCsv.TERMINAL_MEAN_AT_P10, row.meanAtLow())
                    .number(SensitivityCsv.TERMINAL_MEAN_AT_P90, row.meanAtHigh()));
        }
        schema.write(dir.resolve(schema.file()), lines);
    }

    private static void writeRare(Path folder, List<RareBreach.Outcome> outcomes, List<ScenarioStatistics> statistics)
            throws IOException {
        Schema schema = RareCsv.SCHEMA;
        List<Schema.Row> lines = new ArrayList<>();
        for (RareBreach.Outcome outcome : outcomes) {
            ScenarioStatistics plain = statistics.stream().filter(s -> s.scenario().equals(outcome.scenario()))
                    .findFirst().orElseThrow();
            Schema.Row row = schema.row().text(RareCsv.SCENARIO, outcome.scenario())
                    .number(RareCsv.PLAIN_BREACH_PROB, plain.breachProb().value())
                    .number(RareCsv.PLAIN_BREACH_PROB_LO, plain.breachProb().low())
                    .number(RareCsv.PLAIN_BREACH_PROB_HI, plain.breachProb().high());
            RareBreach.Estimate estimate = outcome.estimate();
            if (estimate == null) {
                row.text(RareCsv.METHOD, "plain").whole(RareCsv.PATHS, plain.paths())
                        .number(RareCsv.BREACH_PROB, plain.breachProb().value())
                        .number(RareCsv.BREACH_PROB_LO, plain.breachProb().low())
                        .number(RareCsv.BREACH_PROB_HI, plain.breachProb().high())
                        .number(RareCsv.STD_ERROR, Double.NaN).number(RareCsv.EFFECTIVE_SAMPLES, Double.NaN)
                        .text(RareCsv.BREACHING_PATHS, "").number(RareCsv.VARIANCE_REDUCTION, Double.NaN)
                        .number(RareCsv.DESIGN_DISTANCE, Double.NaN).number(RareCsv.FORM_PROB, Double.NaN)
                        .text(RareCsv.NOTE, outcome.refusal());
            } else {
                row.text(RareCsv.METHOD, "importance_sampling").whole(RareCsv.PATHS, estimate.paths())
                        .number(RareCsv.BREACH_PROB, estimate.probability())
                        .number(RareCsv.BREACH_PROB_LO, estimate.low())
                        .number(RareCsv.BREACH_PROB_HI, estimate.high())
                        .number(RareCsv.STD_ERROR, estimate.standardError())
                        .number(RareCsv.EFFECTIVE_SAMPLES, estimate.effectiveSamples())
                        .whole(RareCsv.BREACHING_PATHS, estimate.breachingPaths())
                        .number(RareCsv.VARIANCE_REDUCTION, estimate.varianceReduction())
                        .number(RareCsv.DESIGN_DISTANCE, estimate.designPoint().distance())
                        .number(RareCsv.FORM_PROB, estimate.designPoint().formProbability())
                        .text(RareCsv.NOTE, "");
            }
            lines.add(row);
        }
        schema.write(folder.resolve(schema.file()), lines);
    }

    /** explain.csv, explain_timing.csv and explain_summary.csv: every explained scenario's rows, in run order. */
    private static void writeExplanations(Path folder, Model model, List<Explain.Result> explanations)
            throws IOException {
        List<Schema.Row> inputs = new ArrayList<>();
        List<Schema.Row> timing = new ArrayList<>();
        List<Schema.Row> summary = new ArrayList<>();
        for (Explain.Result result : explanations) {
            for (Explain.Row row : result.rows()) {
                inputs.add(ExplainCsv.SCHEMA.row().text(ExplainCsv.SCENARIO, result.scenario())
                        .text(ExplainCsv.INPUT, row.input()).text(ExplainCsv.KIND, row.kind())
                        .text(ExplainCsv.UNIT, row.unit())
                        .text(ExplainCsv.RANK, row.compared() ? Integer.toString(row.rank()) : "")
                        .number(ExplainCsv.KS_DISTANCE, row.separation()).number(ExplainCsv.SHIFT_SD, row.shiftSd())
                        .number(ExplainCsv.BREACH_P10, row.breaching().p10())
                        .number(ExplainCsv.BREACH_P50, row.breaching().p50())
                        .number(ExplainCsv.BREACH_P90, row.breaching().p90())
                        .number(ExplainCsv.OTHER_P10, row.others().p10())
                        .number(ExplainCsv.OTHER_P50, row.others().p50())
                        .number(ExplainCsv.OTHER_P90, row.others().p90())
                        .number(ExplainCsv.BREACH_ON, row.breachingOn()).number(ExplainCsv.OTHER_ON, row.othersOn())
                        .number(ExplainCsv.BREACH_P10_PIT, row.breachingPit().p10())
                        .number(ExplainCsv.BREACH_P50_PIT, row.breachingPit().p50())
                        .number(ExplainCsv.BREACH_P90_PIT, row.breachingPit().p90())
                        .number(ExplainCsv.OTHER_P10_PIT, row.othersPit().p10())
                        .number(ExplainCsv.OTHER_P50_PIT, row.othersPit().p50())
                        .number(ExplainCsv.OTHER_P90_PIT, row.othersPit().p90())
                        .number(ExplainCsv.AT_DESIGN_POINT, row.atDesignPoint())
                        .number(ExplainCsv.AT_MEDIAN, row.atMedian()).number(ExplainCsv.IMPORTANCE, row.importance()));
            }
            for (Explain.Timing quarter : result.timing()) {
                timing.add(ExplainTimingCsv.SCHEMA.row().text(ExplainTimingCsv.SCENARIO, result.scenario())
                        .whole(ExplainTimingCsv.QUARTER, quarter.quarter()).text(ExplainTimingCsv.LABEL, quarter.label())
                        .whole(ExplainTimingCsv.FIRST_BREACHES, quarter.firstBreaches())
                        .number(ExplainTimingCsv.SHARE, quarter.share())
                        .number(ExplainTimingCsv.CUMULATIVE_SHARE, quarter.cumulativeShare()));
            }
            DesignPoint.Result point = result.designPoint();
            boolean found = point != null;
            summary.add(ExplainSummaryCsv.SCHEMA.row().text(ExplainSummaryCsv.SCENARIO, result.scenario())
                    .whole(ExplainSummaryCsv.PATHS, result.paths())
                    .whole(ExplainSummaryCsv.BREACHING_PATHS, result.breachingPaths())
                    .number(ExplainSummaryCsv.KS_NOISE_95, result.separationNoise())
                    .number(ExplainSummaryCsv.DISTANCE, found ? point.distance() : Double.NaN)
                    .number(ExplainSummaryCsv.FORM_PROB, found ? point.formProbability() : Double.NaN)
                    .text(ExplainSummaryCsv.FIRST_BREACH_QUARTER, found ? Integer.toString(point.firstBreach()) : "")
                    .text(ExplainSummaryCsv.FIRST_BREACH_LABEL, found
                            ? MostLikelyBreach.label(result, point.firstBreach()) : "")
                    .text(ExplainSummaryCsv.PILOT_BREACHES, found ? Integer.toString(point.pilotBreaches()) : "")
                    .text(ExplainSummaryCsv.SENTENCE, MostLikelyBreach.sentence(result, model.breachText()))
                    .text(ExplainSummaryCsv.NOTE, MostLikelyBreach.note(result)));
        }
        ExplainCsv.SCHEMA.write(folder.resolve(ExplainCsv.SCHEMA.file()), inputs);
        ExplainTimingCsv.SCHEMA.write(folder.resolve(ExplainTimingCsv.SCHEMA.file()), timing);
        ExplainSummaryCsv.SCHEMA.write(folder.resolve(ExplainSummaryCsv.SCHEMA.file()), summary);
    }

    private static void writeSolve(Path folder, List<InjectionSolver.Solution> solutions) throws IOException {
        Schema schema = SolveCsv.SCHEMA;
        List<Schema.Row> lines = new ArrayList<>();
        for (InjectionSolver.Solution solution : solutions) {
            lines.add(schema.row().text(SolveCsv.SCENARIO, solution.scenario())
                    .whole(SolveCsv.QUARTER, solution.quarter())
                    .number(SolveCsv.MAX_BREACH_PROB, solution.target())
                    .number(SolveCsv.INJECTION, solution.injection())
                    .number(SolveCsv.INJECTION_LO, solution.low())
                    .number(SolveCsv.INJECTION_HI, solution.high())
                    .number(SolveCsv.BREACH_PROB_AT_INJECTION, solution.breachAtInjection())
                    .text(SolveCsv.STATUS, solution.status().label()));
        }
        schema.write(folder.resolve(schema.file()), lines);
    }

    private static void writeBacktest(Path folder, Model model, List<Backtest.Score> scores,
            History actuals) throws IOException {
        Schema schema = BacktestCsv.SCHEMA;
        List<Schema.Row> rows = new ArrayList<>();
        for (Backtest.Score score : scores) {
            String source = actuals.facts().stream().filter(a -> a.label().equals(score.label())
                    && a.item().equals(score.item())).map(History.Fact::source).findFirst().orElse("");
            rows.add(schema.row().text(BacktestCsv.SCENARIO, score.scenario()).whole(BacktestCsv.QUARTER, score.quarter())
                    .text(BacktestCsv.LABEL, score.label()).text(BacktestCsv.ITEM, score.item())
                    .text(BacktestCsv.UNIT, model.unit(score.item())).number(BacktestCsv.ACTUAL, score.actual())
                    .number(BacktestCsv.P05, score.p05()).number(BacktestCsv.P25, score.p25())
                    .number(BacktestCsv.P50, score.p50()).number(BacktestCsv.P75, score.p75())
                    .number(BacktestCsv.P95, score.p95()).number(BacktestCsv.MEAN, score.mean())
                    .number(BacktestCsv.PIT, score.pit()).whole(BacktestCsv.IN_50, score.in50() ? 1 : 0)
                    .whole(BacktestCsv.IN_90, score.in90() ? 1 : 0).number(BacktestCsv.CRPS, score.crps())
                    .text(BacktestCsv.SOURCE, source));
        }
        schema.write(folder.resolve(schema.file()), rows);
        Schema coverage = CoverageCsv.SCHEMA;
        List<Schema.Row> lines = new ArrayList<>();
        for (Backtest.Coverage c : Backtest.coverage(scores)) {
            lines.add(coverage.row().text(CoverageCsv.SCENARIO, c.scenario()).text(CoverageCsv.ITEM, c.item())
                    .whole(CoverageCsv.QUARTERS, c.scored()).whole(CoverageCsv.IN_50, c.in50())
                    .whole(CoverageCsv.IN_90, c.in90()).number(CoverageCsv.P_VALUE_50, c.pValue50())
                    .number(CoverageCsv.P_VALUE_90, c.pValue90()).number(CoverageCsv.MEAN_PIT, c.meanPit())
                    .number(CoverageCsv.MEAN_CRPS, c.meanCrps()));
        }
        coverage.write(folder.resolve(coverage.file()), lines);
    }

    private static void writeSummary(Path folder, List<ScenarioStatistics> statistics) throws IOException {
        Schema schema = SummaryCsv.SCHEMA;
        List<Schema.Row> rows = new ArrayList<>();
        for (ScenarioStatistics s : statistics) {
            rows.add(terminal(schema.row(), s.terminalQuarter()).text(SummaryCsv.SCENARIO, s.scenario())
                    .whole(SummaryCsv.PATHS, s.paths())
                    .whole(SummaryCsv.SEED, s.seed())
                    .estimate(SummaryCsv.BREACH_PROB, s.breachProb())
                    .text(SummaryCsv.FIRST_BREACH_P50_QUARTER, s.firstBreachP50Quarter().isPresent()
                            ? Integer.toString(s.firstBreachP50Quarter().getAsInt()) : "")
                    .estimate(SummaryCsv.INJECTION_PROB, s.injectionProb())
                    .number(SummaryCsv.INJECTION_MEAN, s.injectionMean()));
        }
        schema.write(folder.resolve(schema.file()), rows);
    }

    /** The terminal mean and percentiles of summary.csv and item_summary.csv. */
    private static Schema.Row terminal(Schema.Row row, QuarterStatistics end) {
        return row.estimate(SummaryCsv.TERMINAL_MEAN, end.mean())
                .estimate(SummaryCsv.TERMINAL_P05, end.percentile(0.05))
                .estimate(SummaryCsv.TERMINAL_P50, end.percentile(0.50))
                .estimate(SummaryCsv.TERMINAL_P95, end.percentile(0.95));
    }

    /** Per scenario and reported item: the item's unit and its terminal mean and percentiles, with intervals. */
    private static void writeItemSummary(Path folder, Model model, List<ScenarioStatistics> statistics)
            throws IOException {
        Schema schema = ItemSummaryCsv.SCHEMA;
        List<Schema.Row> rows = new ArrayList<>();
        for (ScenarioStatistics s : statistics) {
            s.items().forEach((item, quarters) -> rows.add(terminal(schema.row(), quarters.get(quarters.size() - 1))
                    .text(SummaryCsv.SCENARIO, s.scenario())
                    .text(ItemSummaryCsv.ITEM, item)
                    .text(ItemSummaryCsv.UNIT, model.unit(item))));
        }
        schema.write(folder.resolve(schema.file()), rows);
    }

    /** Per reported item and quarter: mean, sd and percentiles of the item, with intervals. */
    private static void writeItemQuarterly(Path dir, Model model, ScenarioStatistics scenario) throws IOException {
        Schema schema = ItemQuarterlyCsv.SCHEMA;
        List<Schema.Row> rows = new ArrayList<>();
        scenario.items().forEach((item, quarters) -> {
            for (QuarterStatistics q : quarters) {
                rows.add(quarter(schema.row(), q).text(ItemSummaryCsv.ITEM, item)
                        .text(ItemSummaryCsv.UNIT, model.unit(item)));
            }
        });
        schema.write(dir.resolve(schema.file()), rows);
    }

    private static void writeQuarterly(Path dir, ScenarioStatistics scenario) throws IOException {
        Schema schema = QuarterlyCsv.SCHEMA;
        List<Schema.Row> rows = new ArrayList<>();
        for (QuarterStatistics q : scenario.quarters()) {
            rows.add(quarter(schema.row(), q).estimate(QuarterlyCsv.BREACH_PROB, q.breachProb())
                    .estimate(QuarterlyCsv.CUM_BREACH_PROB, q.cumBreachProb())
                    .number(QuarterlyCsv.CVAR05, q.cvar05()));
        }
        schema.write(dir.resolve(schema.file()), rows);
    }

    /** The quarter, its label, mean, sd and percentiles of quarterly.csv and item_quarterly.csv. */
    private static Schema.Row quarter(Schema.Row row, QuarterStatistics q) {
        row.whole(QuarterlyCsv.QUARTER, q.quarter()).text(QuarterlyCsv.LABEL, q.label())
                .estimate(QuarterlyCsv.MEAN, q.mean()).number(QuarterlyCsv.SD, q.sd());
        Estimate[] percentiles = q.percentiles();
        for (int p = 0; p < percentiles.length; p++) {
            row.estimate(QuarterlyCsv.PERCENTILES.get(p), percentiles[p]);
        }
        return row;
    }

    private static void writeTerminal(Path dir, Histogram histogram) throws IOException {
        Schema schema = TerminalCsv.SCHEMA;
        List<Schema.Row> rows = new ArrayList<>();
        for (int b = 0; b < histogram.bins(); b++) {
            rows.add(schema.row().number(TerminalCsv.BIN_LOW, histogram.low(b))
                    .number(TerminalCsv.BIN_HIGH, histogram.high(b)).whole(TerminalCsv.COUNT, histogram.count(b)));
        }
        schema.write(dir.resolve(schema.file()), rows);
    }

    private static void writeManifest(Path folder, CaseInputs inputs, List<Scenario> scenarios, RunInfo run,
            List<RareBreach.Outcome> rare) throws IOException {
        List<String[]> rows = new ArrayList<>();
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
        if (run.actuals() != null) {
            rows.add(new String[] {ManifestCsv.ACTUALS, run.actuals().file()});
            rows.add(new String[] {ManifestCsv.ACTUALS_SHA256, run.actuals().sha256()});
        }
        if (!run.asOf().isEmpty()) {
            rows.add(new String[] {ManifestCsv.AS_OF, run.asOf()});
        }
        for (int n = 0; n < run.notes().size(); n++) {
            rows.add(new String[] {ManifestCsv.NOTE + (n + 1), run.notes().get(n)});
        }
        Model model = inputs.model();
        rows.add(new String[] {"model", model.file()});
        rows.add(new String[] {ManifestCsv.PRIMARY_ITEM, model.primary()});
        rows.add(new String[] {ManifestCsv.UNIT, model.primaryUnit()});
        rows.add(new String[] {"reported_items", String.join(" ", model.reported())});
        rows.add(new String[] {"breach_rule", model.breachText()});
        inputs.fileHashes().forEach((name, hash) -> rows.add(new String[] {"sha256:" + name, hash}));
        for (Scenario scenario : scenarios) {
            rows.add(new String[] {ManifestCsv.SCENARIO + scenario.name(), scenario.description()});
            scenario.drivers().forEach((driver, distribution) -> rows.add(new String[] {"source:" + scenario.name()
                + ":driver:" + driver, distribution + "; " + scenario.driverSources().getOrDefault(driver, "")}));
            breachLevel(scenario).ifPresent(level -> {
                rows.add(new String[] {ManifestCsv.BREACH_LEVEL + scenario.name(), Double.toString(level.mean())});
                if (level.kind() != DistributionKind.CONSTANT) {
                    rows.add(new String[] {ManifestCsv.BREACH_LEVEL_DISTRIBUTION + scenario.name(), level.toString()});
                }
            });
            for (Event event : scenario.events()) {
                rows.add(new String[] {"source:" + scenario.name() + ":event:" + event.name(), event.source()});
            }
            for (Correlation correlation : scenario.correlations()) {
                rows.add(new String[] {"correlation:" + scenario.name() + ":" + correlation.a() + "~"
                    + correlation.b(), correlation.rho() + "; " + correlation.source()});
            }
            rare.stream().filter(outcome -> outcome.scenario().equals(scenario.name())).forEach(outcome -> rows.add(
                    new String[] {ManifestCsv.IMPORTANCE_SAMPLING + scenario.name(), importanceSampling(outcome, run)}));
            scenario.copula().repair().ifPresent(repair -> rows.add(new String[] {"correlation_repair:"
                + scenario.name(), String.format(Locale.ROOT, "nearest positive definite matrix: moved %.6f "
                + "(Frobenius), at most %.6f in one entry, %d iterations", repair.frobeniusDistance(),
                repair.largestChange(), repair.iterations())}));
        }
        rows.add(new String[] {"threads", Integer.toString(run.threads())});
        rows.add(new String[] {"started_at", run.startedAt().toString()});
        rows.add(new String[] {"elapsed_ms", Long.toString(run.elapsedMillis())});
        run.phaseMillis().forEach((phase, millis) -> rows.add(new String[] {phase, Long.toString(millis)}));
        ManifestCsv.write(folder, rows);
    }

    /** How --rare measured a scenario's breach, for the manifest. */
    private static String importanceSampling(RareBreach.Outcome outcome, RunInfo run) {
        RareBreach.Estimate estimate = outcome.estimate();
        if (estimate == null) {
            return "not run: " + outcome.refusal() + "; rare.csv gives the plain estimate";
        }
        return String.format(Locale.ROOT, "ran: %d paths from seed %d (the plain run's block streams), every input's "
                + "normal score shifted to the design point at distance %.4f, found by a pilot from seed %d and a "
                + "CMA-ES search; rare.csv alone comes from these paths", estimate.paths(), run.seed(),
                estimate.designPoint().distance(), ~run.seed());
    }

    /**
     * The level the primary item is in breach below, when the breach rule says so plainly
     * ({@code item < number}, or {@code item < driver}: the driver's distribution); empty otherwise.
     */
    static Optional<Distribution> breachLevel(Scenario scenario) {
        Model model = scenario.model();
        if (model.breach() instanceof Expr.Binary rule && (rule.op() == Expr.Op.LT || rule.op() == Expr.Op.LE)
                && rule.left() instanceof Expr.Ref item && item.name().equals(model.primary())) {
            if (rule.right() instanceof Expr.Num num) {
                return Optional.of(Distribution.of(DistributionKind.CONSTANT, num.value()));
            }
            if (rule.right() instanceof Expr.Ref ref && scenario.drivers().containsKey(ref.name())) {
                return Optional.of(scenario.driver(ref.name()));
            }
        }
        return Optional.empty();
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
}
