package dev.runway.cli;

import dev.runway.analysis.Explain;
import dev.runway.io.HistoryReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputException;
import dev.runway.model.NonFiniteValueException;
import dev.runway.model.History;
import dev.runway.output.MostLikelyBreach;
import dev.runway.output.OutputFolder;
import dev.runway.report.Report;
import dev.runway.output.ShellCommand;
import dev.runway.run.Engine;
import dev.runway.run.InputOptions;
import dev.runway.run.LocalEngine;
import dev.runway.run.RunOptions;
import dev.runway.run.RunPlan;
import dev.runway.run.RunRequest;
import dev.runway.run.RunResult;
import dev.runway.run.Runner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code runway simulate}: parses the options into a {@link RunRequest}, runs it on this machine's threads, and
 * prints the summary; the run itself is {@link Runner}'s.
 */
@Command(name = "simulate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Simulates every scenario of an input folder and writes the results as CSV files.",
            "",
            "Under --out:",
            "  summary.csv               per scenario: terminal cash, breach odds and timing",
            "  <scenario>/quarterly.csv  per quarter: mean, sd, P01..P99, breach odds, CVaR 5%%",
            "  <scenario>/terminal.csv   histogram of cash in the last quarter",
            "  manifest.csv              seed, paths, method, input SHA-256s, sources, timing",
            "  files.csv                 the files the run wrote, with their sizes and SHA-256s",
            "",
            "The same inputs, seed and paths give byte-identical files (the manifest's timing lines aside) "
                + "whatever --threads is. Files are written to a temporary folder and moved into place only "
                + "when complete, so a failed run never clobbers earlier results. A folder is replaced only if it holds "
                + "exactly the files its run wrote, as files.csv lists them.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ${COMMAND-FULL-NAME}",
            "      (the Nissan case, 100,000 paths per scenario)",
            "  ${COMMAND-FULL-NAME} --scenario status_quo --paths 1000000 \\",
            "      --out outputs/sq",
            "  ${COMMAND-FULL-NAME} --inputs inputs/mycompany \\",
            "      --out outputs/mycompany --seed 7"})
public class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs/nissan",
            description = "Output folder; replaced as a whole when the run succeeds (default: ${DEFAULT-VALUE}). "
                + "It must be new, empty, or hold exactly the files of an earlier run (its files.csv).")
    Path out;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (default: all cores, here ${DEFAULT-VALUE}; at most 4 per core). Results do "
                + "not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    RunOptions options;

    @Option(names = "--actuals", paramLabel = "FILE",
            description = "Realized values (quarter,item,value,unit,source; one number per row): each one of a reported "
                + "item in a quarter the forecast covers is scored against it (backtest.csv), and --as-of starts from them.")
    Path actuals;

    @Option(names = "--as-of", paramLabel = "QUARTER",
            description = "Roll the forecast forward: start after this quarter of the schedule (FY2025Q2), from the "
                + "realized values --actuals gives at its end for the model's states (cash, ...), and simulate only the "
                + "quarters after it.")
    String asOf;

    /** Whether the command needs --actuals: a backtest does. */
    boolean needsActuals() {
        return false;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        RunRequest request = options.request().inputs(inputs.folder()).repairCorrelations(inputs.repairCorrelations())
                .out(out).threads(threads).actuals(actuals).asOf(asOf).build();
        if (needsActuals() && actuals == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "backtest scores the forecast against realized "
                    + "values: give --actuals FILE (quarter,item,value,unit,source), such as inputs/nissan/actuals.csv");
        }
        if (!request.problems().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), request.problems().get(0));
        }
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        // --out is normalized once, here; the checks and the publishing all use that one folder.
        OutputFolder output = OutputFolder.of(out, note -> err.println("note: " + note));
        output.recover();
        String outProblem = output.replaceProblem();
        if (outProblem != null) {
            err.println("error: " + outProblem);
        }
        CaseInputs caseInputs = inputs.read(err, Launcher.prefix());
        History actualValues = null;
        boolean actualsRead = true;
        if (request.actuals() != null) {
            try {
                actualValues = HistoryReader.read(request.actuals());
            } catch (InputException e) {
                err.println("error: the actuals in " + request.actuals() + " have " + e.errors().size() + " problem(s):");
                e.lines().forEach(err::println);
                err.println("Nothing was written.");
                actualsRead = false;
            }
        }
        if (caseInputs == null || outProblem != null || !actualsRead) {
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        RunPlan plan = RunPlan.of(request, caseInputs, actualValues);
        plan.notes().forEach(note -> err.println("note: " + note));
        if (!plan.problems().isEmpty()) {
            plan.problems().forEach(problem -> err.println("error: " + problem));
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        if (needsActuals() && plan.scenarios().stream().allMatch(scenario -> plan.actuals(scenario).isEmpty())) {
            List<String> labels = plan.scenarios().get(0).schedule().labels();
            err.println("error: nothing to score: " + request.actuals() + " has no value of an item the model reports ("
                    + String.join(", ", caseInputs.model().reported()) + ") in a quarter the forecast covers ("
                    + labels.get(0) + " to " + labels.get(labels.size() - 1) + "); add them, or run simulate");
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        RunResult result;
        try (Engine engine = new LocalEngine(threads);
                ProgressReporter progress = new ProgressReporter(err, plan.scenarios().size(),
                        request.precision() == null ? request.paths() : 0)) {
            result = new Runner(plan, engine, progress).run(caseInputs, output, startedAt, started);
        } catch (Explain.NothingToExplainException e) {
            err.println("error: nothing to explain:");
            for (Explain.Result explained : e.results()) {
                err.println("  " + explained.scenario() + ": " + MostLikelyBreach.note(explained));
            }
            err.println("Run more --paths, or explain a scenario that breaches on some paths and not on others. "
                    + "Nothing was written.");
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        } catch (NonFiniteValueException e) {
            err.println("error: " + e.getMessage() + " Nothing was written.");
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        } catch (OutputFolder.PublishException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        if (result.replacedReport()) {
            // A report describes the run that made it, so it went with that run's files.
            err.println("note: the report.html and charts in " + out + " described the earlier run and were replaced "
                    + "with it; draw this run's with: "
                    + Launcher.command("report --out " + ShellCommand.word(out.toString())));
            err.flush();
        }

        SummaryTable.print(stdout, result.scenarios(), result.statistics(), result.analyses());
        BacktestTable.print(stdout, result.analyses().backtest());
        ExplainTable.print(stdout, result.analyses().explanations(), caseInputs.model().breachText());
        if (request.report()) {
            stdout.printf("%nThe report: %s%n", result.folder().resolve(Report.PAGE).toUri());
        }
        long elapsedMillis = result.elapsedMillis();
        String rate = request.sensitivity() || request.solve() || request.explain() ? "with the analyses"
                : String.format(Locale.ROOT, "%,.0f path-quarters/s", result.pathQuarters() / Math.max(elapsedMillis, 1)
                        * 1e3);
        stdout.printf(Locale.ROOT, "%nWrote %s (%d scenario(s), %,d paths in all, in %.1f s: %s on %d thread(s)).%n",
                out, result.scenarios().size(), result.paths(), elapsedMillis / 1e3, rate, threads);
        stdout.flush();
        return 0;
    }
}
