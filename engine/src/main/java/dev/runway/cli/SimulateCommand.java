package dev.runway.cli;

import dev.runway.analysis.Analyses;
import dev.runway.analysis.InjectionSolver;
import dev.runway.analysis.Sensitivity;
import dev.runway.model.CaseInputs;
import dev.runway.model.NonFiniteValueException;
import dev.runway.model.Scenario;
import dev.runway.report.OutputFolder;
import dev.runway.report.Report;
import dev.runway.report.ResultWriter;
import dev.runway.report.RunInfo;
import dev.runway.sample.SamplingMethod;
import dev.runway.sample.SobolInputs;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.PrecisionTarget;
import dev.runway.stats.ScenarioStatistics;
import dev.runway.stats.StreamingStatistics;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

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
    /** The most paths one scenario can run: a whole number of blocks below 2^31. */
    public static final int MAX_PATHS = Integer.MAX_VALUE - Simulation.BLOCK_SIZE;

    /** The most histogram bins: terminal.csv has a row per bin and the report's chart a bar per bin. */
    public static final int MAX_BINS = 10_000;

    /**
     * The fewest paths the analyses may run on when --memory cannot hold all of --paths: with fewer,
     * their intervals are too wide to say anything (and one path once gave one answer to every target).
     */
    static final int MIN_ANALYSIS_PATHS = 1_000;

    static final long DEFAULT_MEMORY_MB = 2048;

    /** The default seed: the date Re:Nissan was announced (13 May 2025). */
    public static final long DEFAULT_SEED = 20250513L;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs/nissan",
            description = "Output folder; replaced as a whole when the run succeeds (default: ${DEFAULT-VALUE}). "
                + "It must be new, empty, or hold exactly the files of an earlier run (its files.csv).")
    Path out;

    @Option(names = "--paths", paramLabel = "N", defaultValue = "100000",
            description = "Paths per scenario (default: ${DEFAULT-VALUE}). Standard errors shrink as 1/sqrt(N).")
    int paths;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DEFAULT_SEED,
            description = "Seed of the random streams (default: ${DEFAULT-VALUE}). Every scenario uses the same "
                + "seed, so scenarios are compared on common random numbers.")
    long seed;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (default: all cores, here ${DEFAULT-VALUE}; at most 4 per core). Results do "
                + "not depend on it.")
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

    @Option(names = "--precision", paramLabel = "X",
            description = "Keep adding blocks of paths, from --paths on, until the 95%% intervals of the terminal P05 "
                + "and of the breach probability are narrow enough: 1%% (half-widths within 1%% of the estimates), or "
                + "absolute: 10 (P05, in the unit of the primary item; 10bn is the same) and/or 0.5pp (breach "
                + "probability, percentage points), e.g. 10,0.5pp. Stops at --max-paths; the manifest says which bound stopped each scenario.")
    String precisionText;

    @Option(names = "--max-paths", paramLabel = "N", defaultValue = "8000000",
            description = "The most paths a scenario may reach with --precision (default: ${DEFAULT-VALUE}). "
                + "--precision keeps every path and briefly holds two copies while it grows; it stops earlier if "
                + "they would not fit --memory.")
    int maxPaths;

    @Option(names = "--sensitivity",
            description = "Also write <scenario>/sensitivity.csv: each driver's and event amount's rank correlation with "
                + "terminal cash and share of its variance, and the breach probability with each driver held at its "
                + "P10 and P90 (on the same paths).")
    boolean sensitivity;

    @Option(names = "--solve",
            description = "Also write solve.csv: per scenario, the smallest up-front injection (at --solve-quarter) "
                + "that brings the breach probability to 1%%, 5%% and 10%%, with its Monte Carlo interval.")
    boolean solve;

    @Option(names = "--solve-quarter", paramLabel = "Q", defaultValue = "1",
            description = "The quarter of the injection --solve looks for (default: ${DEFAULT-VALUE}).")
    int solveQuarter;

    @Option(names = "--statistics", paramLabel = "MODE", defaultValue = "auto",
            description = "exact: keep every path and take exact percentiles; streaming: keep only histograms and "
                + "sums, memory independent of --paths, percentiles within 0.049%%; auto (default): exact unless the "
                + "paths would need more than --memory.")
    String statisticsMode;

    @Option(names = "--memory", paramLabel = "MB", defaultValue = "" + DEFAULT_MEMORY_MB,
            description = "The memory exact statistics may use for a scenario's paths before auto switches to "
                + "streaming (default: ${DEFAULT-VALUE} MB, or half the JVM's heap if that is less; at most the heap, "
                + "which -Xmx sets: JAVA_OPTS=-Xmx8g for bin/runway). A path over 12 quarters takes 96 bytes per "
                + "reported item plus 25: 121 for a model that reports cash only, 313 for the Nissan model.")
    long memoryMb;

    @Option(names = "--report",
            description = "Also write charts/ (PNG and SVG) and report.html, one self-contained page to open from disk "
                + "with every scenario's charts, key numbers, drivers and the injection it needs; implies --sensitivity "
                + "and --solve.")
    boolean report;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "50",
            description = "Bins of the terminal-cash histogram (default: ${DEFAULT-VALUE}; at most " + MAX_BINS + ").")
    int bins;

    private PrecisionTarget precision;
    private boolean streamedAny;

    /** The bytes a path of this scenario takes in exact mode. */
    public static long bytesPerPath(Scenario scenario) {
        return PathResults.bytesPerPath(scenario.horizon(), scenario.model().reported().size());
    }

    /** Whether this scenario's statistics are streamed rather than taken from every stored path. */
    private boolean streaming(Scenario scenario) {
        return "streaming".equals(statisticsMode) || ("auto".equals(statisticsMode)
                && Machine.times(paths, bytesPerPath(scenario)) > memoryBytes());
    }

    /** --memory in bytes; checkOptions bounds it by the heap, so this cannot overflow. */
    private long memoryBytes() {
        return memoryMb << 20;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        checkOptions();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        // --out is normalized once, here; the checks and the publishing all use that one folder.
        OutputFolder output = OutputFolder.of(out, note -> err.println("note: " + note));
        output.recover();
        String outProblem = output.replaceProblem();
        if (outProblem != null) {
            err.println("error: " + outProblem);
        }
        CaseInputs caseInputs = inputs.read(err);
        if (caseInputs == null || outProblem != null) {
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        List<Scenario> scenarios = select(caseInputs, err);
        if (scenarios == null || !methodFits(scenarios, err) || !solveQuarterFits(scenarios, err)
                || !solveHasCash(caseInputs, err) || !resourcesFit(scenarios, err)) {
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }

        List<ScenarioStatistics> statistics = new ArrayList<>();
        Map<String, String> precisionNotes = new LinkedHashMap<>();
        Analyses analyses;
        streamedAny = false;
        try (Simulation simulation = new Simulation(threads);
                ProgressReporter progress = new ProgressReporter(err, scenarios.size(), precision == null ? paths : 0)) {
            simulation.prime(scenarios.get(0));
            PathResults results = null;
            for (Scenario scenario : scenarios) {
                AtomicLong done = progress.begin(scenario.name());
                if (precision != null) {
                    statistics.add(untilPrecise(simulation, scenario, done, precisionNotes, err));
                    continue;
                }
                if (streaming(scenario)) {
                    StreamingStatistics streamed = new StreamingStatistics(scenario.horizon(),
                            scenario.model().reported().size(), (paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE);
                    simulation.stream(new PathKernel(scenario), seed, method, paths, streamed::accept, done);
                    statistics.add(streamed.finish(scenario.name(), seed, scenario.schedule().labels(),
                            scenario.model().reported(), bins));
                    streamedAny = true;
                    continue;
                }
                if (results == null || results.horizon() != scenario.horizon()) {
                    results = PathResults.of(scenario, paths);
                }
                // Each scenario's statistics are taken before the next overwrites the buffer.
                simulation.run(scenario, seed, method, results, done);
                statistics.add(statistics(scenario, results, simulation));
            }
            analyses = analyze(simulation, scenarios, progress);
        } catch (NonFiniteValueException e) {
            err.println("error: " + e.getMessage() + " Nothing was written.");
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        RunInfo run = new RunInfo(inputs.folder.toString(), seed, paths, method, threads, bins, startedAt,
                elapsedMillis, precision == null ? "" : precision + ", at most " + maxPaths + " paths", precisionNotes,
                streamedAny);
        boolean replacesReport = !report && output.hasReport();
        try {
            output.publish(folder -> {
                ResultWriter.write(folder, caseInputs, scenarios, statistics, run, analyses);
                if (report) {
                    Report.write(folder);
                }
            });
        } catch (OutputFolder.PublishException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        if (replacesReport) {
            // A report describes the run that made it, so it went with that run's files.
            err.println("note: the report.html and charts in " + out + " described the earlier run and were replaced "
                    + "with it; draw this run's with: "
                    + Launcher.command("report --out " + Launcher.shellWord(out.toString())));
            err.flush();
        }

        SummaryTable.print(stdout, scenarios, statistics, analyses);
        long allPaths = 0;
        double pathQuarters = 0;
        for (int i = 0; i < scenarios.size(); i++) {
            allPaths += statistics.get(i).paths();
            pathQuarters += (double) statistics.get(i).paths() * scenarios.get(i).horizon();
        }
        if (report) {
            stdout.printf("%nThe report: %s%n", output.path().resolve(Report.PAGE).toUri());
        }
        String rate = sensitivity || solve ? "with the analyses"
                : String.format(Locale.ROOT, "%,.0f path-quarters/s", pathQuarters / Math.max(elapsedMillis, 1) * 1e3);
        stdout.printf(Locale.ROOT, "%nWrote %s (%d scenario(s), %,d paths in all, in %.1f s: %s on %d thread(s)).%n",
                out, scenarios.size(), allPaths, elapsedMillis / 1e3, rate, threads);
        stdout.flush();
        return 0;
    }

    /** A path as it can be pasted into a shell. */

    /**
     * The analyses keep their paths: the sensitivity's base run records every driver and event
     * amount beside the cash, its swings need a second buffer, and ranking copies two columns. So
     * they run on --paths paths, or on as many as --memory holds at that cost ({@link #resourcesFit}
     * refuses fewer than {@link #MIN_ANALYSIS_PATHS}).
     */
    private int analysisPaths(Scenario scenario) {
        return (int) Math.min(paths, memoryBytes() / analysisBytesPerPath(scenario));
    }

    private static long analysisBytesPerPath(Scenario scenario) {
        return 2 * bytesPerPath(scenario) + 8L * (scenario.model().drivers().size() + scenario.events().size()) + 32;
    }

    /** The sensitivity and the injection solve of every scenario, if asked for, on --paths paths each. */
    private Analyses analyze(Simulation simulation, List<Scenario> scenarios, ProgressReporter progress) {
        Map<String, List<Sensitivity.Row>> sensitivities = new LinkedHashMap<>();
        List<InjectionSolver.Solution> solutions = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            if (sensitivity) {
                progress.phase(scenario.name(), "sensitivity");
                sensitivities.put(scenario.name(), Sensitivity.of(simulation, scenario, seed, method, analysisPaths(scenario)));
            }
            if (solve) {
                progress.phase(scenario.name(), "solving for the injection");
                solutions.addAll(new InjectionSolver(simulation, scenario, seed, method, analysisPaths(scenario), solveQuarter)
                        .solve(Analyses.TARGETS));
            }
        }
        return new Analyses(sensitivities, solutions);
    }

    /**
     * Simulates a scenario in rounds until the precision target is met or --max-paths is reached.
     * Each round adds whole blocks after the ones already run, sized from how far the intervals
     * are from the target (half-widths shrink as 1/sqrt(paths)); the result is exactly the run of
     * its final path count.
     */
    private ScenarioStatistics untilPrecise(Simulation simulation, Scenario scenario, AtomicLong done,
            Map<String, String> notes, PrintWriter err) {
        int block = Simulation.BLOCK_SIZE;
        int cap = precisionCap(scenario);
        int n = Math.min(roundUp(paths, block), cap);
        PathResults results = simulation.run(scenario, seed, method, PathResults.of(scenario, n), done);
        ScenarioStatistics statistics = statistics(scenario, results, simulation);
        while (!precision.met(statistics) && n < cap) {
            double shortfall = precision.shortfall(statistics);
            // A fifth more than the estimate needs, at least one block and at most eight times as many paths.
            double wanted = Double.isFinite(shortfall) ? n * Math.min(8.0, 1.2 * shortfall * shortfall) : 8.0 * n;
            int next = (int) Math.min(cap, Math.max(n + (long) block, roundUp((long) Math.ceil(wanted), block)));
            results = simulation.run(scenario, seed, method, results.grownTo(next), n, done);
            n = next;
            statistics = statistics(scenario, results, simulation);
        }
        String note = (precision.met(statistics) ? "target met" : (cap < maxPaths ? "the most paths --memory holds ("
                + cap + ")" : "--max-paths") + " reached before the target") + " at "
                + n + " paths: " + precision.describe(statistics);
        notes.put(scenario.name(), note);
        err.println(scenario.name() + ": " + note);
        err.flush();
        return statistics;
    }

    private ScenarioStatistics statistics(Scenario scenario, PathResults results, Simulation simulation) {
        return ScenarioStatistics.of(scenario.name(), seed, results, scenario.schedule().labels(),
                scenario.model().reported(), bins, simulation.pool());
    }

    private static int roundUp(long value, int multiple) {
        return (int) Math.min(Integer.MAX_VALUE - multiple, (value + multiple - 1) / multiple * multiple);
    }

    /** Checks every option that needs no inputs, against the machine where it must; ParameterException if not. */
    private void checkOptions() {
        CommandLine command = spec.commandLine();
        if (report) {
            sensitivity = true;
            solve = true;
        }
        if (!List.of("auto", "exact", "streaming").contains(statisticsMode)) {
            throw new CommandLine.ParameterException(command, "--statistics must be auto, exact or streaming, found '"
                    + statisticsMode + "'");
        }
        if (precisionText != null && "streaming".equals(statisticsMode)) {
            throw new CommandLine.ParameterException(command, "--precision keeps every path to add blocks "
                    + "to them; it works with --statistics exact or auto, not streaming");
        }
        long heapMb = Machine.heapLimitMegabytes();
        if (!command.getParseResult().hasMatchedOption("--memory")) {
            // The default must not ask more than a small JVM has: half its heap leaves room for the rest.
            memoryMb = Math.max(1, Math.min(memoryMb, heapMb / 2));
        }
        if (memoryMb < 1 || memoryMb > heapMb) {
            throw new CommandLine.ParameterException(command, "--memory must be from 1 to " + heapMb + " MB (the JVM's "
                    + "heap limit, -Xmx), found " + memoryMb + "; " + Machine.heapAdvice("give less",
                    Machine.times(memoryMb, 1L << 20)));
        }
        if (paths < 1 || paths > MAX_PATHS) {
            throw new CommandLine.ParameterException(command, "--paths must be from 1 to " + MAX_PATHS
                    + ", found " + paths);
        }
        Machine.checkThreads(command, threads);
        if (bins < 1 || bins > MAX_BINS) {
            throw new CommandLine.ParameterException(command, "--bins must be from 1 to " + MAX_BINS + " (terminal.csv "
                    + "has a row and the report's histogram a bar per bin), found " + bins);
        }
        if (precisionText != null) {
            try {
                precision = PrecisionTarget.parse(precisionText);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(command, "--precision: " + e.getMessage());
            }
            if (maxPaths < paths || maxPaths > MAX_PATHS) {
                throw new CommandLine.ParameterException(command, "--max-paths must be from --paths (" + paths
                        + ") to " + MAX_PATHS + ", found " + maxPaths);
            }
        }
    }

    /**
     * The most paths --precision may grow a scenario to: --max-paths, or fewer if two copies of that
     * many paths (it briefly holds both while it grows) would not fit --memory.
     */
    private int precisionCap(Scenario scenario) {
        long fits = memoryBytes() / (2 * bytesPerPath(scenario));
        return (int) Math.min(maxPaths, fits / Simulation.BLOCK_SIZE * Simulation.BLOCK_SIZE);
    }

    /**
     * The bytes the statistics of a scenario's stored paths take beside the paths: a quarter whose
     * values are all equal (or not finite) is sorted in a copy, and each worker may be sorting one.
     */
    private long statisticsBytes(int count) {
        return Machine.times(count, 8L * threads);
    }

    /**
     * False, after saying why, if the paths a run keeps would not fit --memory or the heap: --precision
     * must hold --paths in --memory and may grow to two copies of its cap; exact statistics hold every
     * path; streaming ones a histogram per item, quarter and thread; the analyses run on as many paths
     * as --memory holds, and need at least {@link #MIN_ANALYSIS_PATHS} of them. Checked before any
     * work, so no run dies of OutOfMemoryError.
     */
    private boolean resourcesFit(List<Scenario> scenarios, PrintWriter err) {
        long kept = 0;
        long peak = 0;
        String peakWhat = "";
        String peakAdvice = "";
        for (Scenario scenario : scenarios) {
            long perPath = bytesPerPath(scenario);
            long need;
            String what;
            String advice;
            if (precision != null) {
                int cap = precisionCap(scenario);
                if (cap < paths) {
                    err.println("error: --precision keeps every path of scenario " + scenario.name() + " and briefly two "
                            + "copies while it grows: " + perPath + " bytes a path do not fit --paths " + paths
                            + " in --memory " + memoryMb + " MB; raise --memory (at most the heap, -Xmx) or lower --paths");
                    return false;
                }
                need = Math.max(Machine.times(2L * cap, perPath), Machine.times(cap, perPath) + statisticsBytes(cap));
                what = String.format(Locale.ROOT, "--precision's growth of scenario %s, up to %,d paths (--max-paths or "
                        + "what --memory holds) and two copies while it grows,", scenario.name(), cap);
                advice = "use a lower --max-paths or --memory";
            } else if (!streaming(scenario)) {
                need = Machine.times(paths, perPath) + statisticsBytes(paths);
                kept = Math.max(kept, Machine.times(paths, perPath));
                what = String.format(Locale.ROOT, "exact statistics of scenario %s (%,d paths of %d bytes)",
                        scenario.name(), paths, perPath);
                advice = "use --statistics streaming (memory independent of --paths)"
                        + ("auto".equals(statisticsMode) ? ", a smaller --memory (auto then streams)" : "")
                        + " or fewer --paths";
            } else {
                int blocks = (paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE;
                need = StreamingStatistics.bytes(scenario.horizon(), scenario.model().reported().size(), blocks, threads)
                        + Machine.times(threads, Machine.times(Simulation.BLOCK_SIZE, perPath));
                what = String.format(Locale.ROOT, "streaming statistics of scenario %s (a histogram per reported item "
                        + "and quarter, per thread)", scenario.name());
                advice = "use fewer --threads";
            }
            if (need > peak) {
                peak = need;
                peakWhat = what;
                peakAdvice = advice;
            }
        }
        for (Scenario scenario : scenarios) {
            if (!sensitivity && !solve) {
                break;
            }
            int analysis = analysisPaths(scenario);
            if (analysis < Math.min(paths, MIN_ANALYSIS_PATHS)) {
                err.printf(Locale.ROOT, "error: --memory %d MB holds only %,d path(s) of the analyses of scenario %s "
                        + "(%d bytes each); they need at least %,d: raise --memory%n", memoryMb, analysis,
                        scenario.name(), analysisBytesPerPath(scenario), Math.min(paths, MIN_ANALYSIS_PATHS));
                return false;
            }
            long need = kept + Machine.times(analysis, analysisBytesPerPath(scenario));
            if (need > peak) {
                peak = need;
                peakWhat = String.format(Locale.ROOT, "the analyses of scenario %s (%,d paths of %d bytes, beside the "
                        + "stored paths)", scenario.name(), analysis, analysisBytesPerPath(scenario));
                peakAdvice = "use a smaller --memory (the analyses then run on fewer paths) or --statistics streaming";
            }
        }
        String problem = Machine.heapProblem(peakWhat, peak);
        if (problem != null) {
            err.println("error: " + problem + "; " + Machine.heapAdvice(peakAdvice, peak));
            return false;
        }
        return true;
    }

    /** False, after saying why, if --solve is asked of a model with no cash item to inject into. */
    private boolean solveHasCash(CaseInputs caseInputs, PrintWriter err) {
        if (solve && !caseInputs.model().hasCash()) {
            err.println("error: --solve looks for an injection into the item named cash, and " + caseInputs.model().file()
                    + " has none; name the item that holds the company's cash 'cash'");
            return false;
        }
        return true;
    }

    /** False, after saying why, if --solve asks for an injection in a quarter outside a scenario's horizon. */
    private boolean solveQuarterFits(List<Scenario> scenarios, PrintWriter err) {
        for (Scenario scenario : scenarios) {
            if (solve && (solveQuarter < 1 || solveQuarter > scenario.horizon())) {
                err.println("error: --solve-quarter must be within 1.." + scenario.horizon() + " (the quarters of "
                        + scenario.name() + "), found " + solveQuarter);
                return false;
            }
        }
        return true;
    }

    /** False, after saying why, if a scenario has more random inputs per path than the method can place. */
    private boolean methodFits(List<Scenario> scenarios, PrintWriter err) {
        for (Scenario scenario : scenarios) {
            String problem = methodProblem(method, scenario);
            if (problem != null) {
                err.println("error: " + problem);
                return false;
            }
        }
        return true;
    }

    /** Why the method cannot draw this scenario's paths, or null if it can: Sobol has at most 1,000 dimensions. */
    public static String methodProblem(SamplingMethod method, Scenario scenario) {
        int dimensions = new PathKernel(scenario).dimensions();
        if (method != SamplingMethod.SOBOL || dimensions <= SobolInputs.MAX_DIMENSIONS) {
            return null;
        }
        return "scenario " + scenario.name() + " has " + dimensions + " random inputs per path (one per driver, 3 per "
                + "event, one per random series and quarter); the Sobol sequence supports " + SobolInputs.MAX_DIMENSIONS
                + ". Use --method lhs or antithetic.";
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
