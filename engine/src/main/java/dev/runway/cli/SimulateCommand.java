package dev.runway.cli;

import dev.runway.model.CaseInputs;
import dev.runway.model.Scenario;
import dev.runway.report.OutputFolder;
import dev.runway.report.ResultWriter;
import dev.runway.report.RunInfo;
import dev.runway.sample.SamplingMethod;
import dev.runway.sample.SobolInputs;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.ScenarioStatistics;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runway simulate}: runs every selected scenario and publishes the output files all at once. */
@Command(name = "simulate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Simulates every scenario of an input folder and writes the results as CSV files.",
            "",
            "Under --out:",
            "  summary.csv               per scenario: terminal cash, breach odds and timing",
            "  <scenario>/quarterly.csv  per quarter: mean, sd, P01..P99, breach odds, CVaR 5%%",
            "  <scenario>/terminal.csv   histogram of cash in the last quarter",
            "  manifest.csv              seed, paths, method, input SHA-256s, sources, timing",
            "",
            "The same inputs, seed and paths give byte-identical files (the manifest's timing lines aside) "
                + "whatever --threads is. Files are written to a temporary folder and moved into place only "
                + "when complete, so a failed run never clobbers earlier results.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  runway simulate                                    the Nissan case, 100,000 paths per scenario",
            "  runway simulate --scenario status_quo --paths 1000000 --out outputs/sq",
            "  runway simulate --inputs inputs/mycompany --out outputs/mycompany --seed 7"})
public final class SimulateCommand implements Callable<Integer> {
    /** The default seed: the date Re:Nissan was announced (13 May 2025). */
    public static final long DEFAULT_SEED = 20250513L;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs/nissan",
            description = "Output folder; replaced as a whole when the run succeeds (default: ${DEFAULT-VALUE}). "
                + "It must be new, empty, or an earlier Runway output.")
    Path out;

    @Option(names = "--paths", paramLabel = "N", defaultValue = "100000",
            description = "Paths per scenario (default: ${DEFAULT-VALUE}). Standard errors shrink as 1/sqrt(N).")
    int paths;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DEFAULT_SEED,
            description = "Seed of the random streams (default: ${DEFAULT-VALUE}). Every scenario uses the same "
                + "seed, so scenarios are compared on common random numbers.")
    long seed;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (default: all cores, here ${DEFAULT-VALUE}). Results do not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Run only this scenario; repeat for several (default: every scenario of the inputs).")
    List<String> scenarioNames = new ArrayList<>();

    @Option(names = "--method", paramLabel = "M", defaultValue = "mc",
            description = "How the random inputs are drawn (default: ${DEFAULT-VALUE}): mc = plain Monte Carlo; "
                + "antithetic = paired paths with mirrored inputs; lhs = Latin hypercube over the per-path drivers; "
                + "sobol = randomized (shifted) Sobol points over every input. The last three usually give smaller "
                + "errors for the same paths; every one gives the same files at any thread count.")
    SamplingMethod method;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "50",
            description = "Bins of the terminal-cash histogram (default: ${DEFAULT-VALUE}).")
    int bins;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        checkOptions();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        CaseInputs caseInputs = inputs.read(err);
        if (caseInputs == null) {
            return RunwayCommand.INPUT_ERROR;
        }
        List<Scenario> scenarios = select(caseInputs, err);
        String outProblem = OutputFolder.replaceProblem(out);
        if (scenarios == null || !methodFits(scenarios, err) || outProblem != null) {
            if (outProblem != null) {
                err.println("error: " + outProblem + ". Nothing was written.");
            }
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }

        List<ScenarioStatistics> statistics = new ArrayList<>();
        try (Simulation simulation = new Simulation(threads);
                ProgressReporter progress = new ProgressReporter(err, scenarios.size(), paths)) {
            PathResults results = null;
            for (Scenario scenario : scenarios) {
                if (results == null || results.horizon() != scenario.horizon()) {
                    results = new PathResults(scenario.horizon(), paths);
                }
                // Each scenario's statistics are taken before the next overwrites the buffer.
                simulation.run(scenario, seed, method, results, progress.begin(scenario.name()));
                statistics.add(ScenarioStatistics.of(scenario.name(), seed, results, scenario.schedule().labels(),
                        bins, simulation.pool()));
            }
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        RunInfo run = new RunInfo(inputs.folder.toString(), seed, paths, method, threads, bins, startedAt,
                elapsedMillis);
        OutputFolder.publish(out, folder -> ResultWriter.write(folder, caseInputs, scenarios, statistics, run));

        SummaryTable.print(stdout, scenarios, statistics);
        double pathQuarters = (double) paths * scenarios.stream().mapToInt(Scenario::horizon).sum();
        stdout.printf("%nWrote %s (%d scenario(s) x %,d paths in %.1f s, %,.0f path-quarters/s on %d thread(s)).%n",
                out, scenarios.size(), paths, elapsedMillis / 1e3, pathQuarters / Math.max(elapsedMillis, 1) * 1e3,
                threads);
        stdout.flush();
        return 0;
    }

    private void checkOptions() {
        if (paths < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--paths must be at least 1, found " + paths);
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threads must be at least 1, found " + threads);
        }
        if (bins < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bins must be at least 1, found " + bins);
        }
    }

    /** False, after saying why, if a scenario has more random inputs per path than the method can place. */
    private boolean methodFits(List<Scenario> scenarios, PrintWriter err) {
        if (method != SamplingMethod.SOBOL) {
            return true;
        }
        for (Scenario scenario : scenarios) {
            int dimensions = new PathKernel(scenario).dimensions();
            if (dimensions > SobolInputs.MAX_DIMENSIONS) {
                err.println("error: scenario " + scenario.name() + " has " + dimensions + " random inputs per path "
                        + "(10 drivers, 3 per event, 1 per quarter); the Sobol sequence supports "
                        + SobolInputs.MAX_DIMENSIONS + ". Use --method lhs or antithetic.");
                return false;
            }
        }
        return true;
    }

    /** The scenarios asked for, in the inputs' order, or null after naming the unknown ones. */
    private List<Scenario> select(CaseInputs caseInputs, PrintWriter err) {
        if (scenarioNames.isEmpty()) {
            return caseInputs.scenarios();
        }
        List<String> known = caseInputs.scenarios().stream().map(Scenario::name).toList();
        List<String> unknown = scenarioNames.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            err.println("error: unknown scenario(s) " + String.join(", ", unknown) + " in " + inputs.folder
                    + "; expected one of " + String.join(", ", known));
            return null;
        }
        return caseInputs.scenarios().stream().filter(s -> scenarioNames.contains(s.name())).toList();
    }
}
