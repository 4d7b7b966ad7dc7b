package dev.runway.run;

import dev.runway.analysis.Explain;
import dev.runway.sample.SamplingMethod;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of a {@code simulate} run, declared once for every command that runs one (the
 * command line's {@code simulate}, {@code sensitivity} and {@code explain}, and Spark's job): a picocli mixin that
 * gives a {@link RunRequest.Builder}. The input folder is {@link InputOptions}'; the output folder
 * and the threads are the command's own, as their defaults and meaning differ.
 */
public final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--paths", paramLabel = "N", defaultValue = "100000",
            description = "Paths per scenario (default: ${DEFAULT-VALUE}). Standard errors shrink as 1/sqrt(N).")
    int paths;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + RunRequest.DEFAULT_SEED,
            description = "Seed of the random streams (default: ${DEFAULT-VALUE}). Every scenario uses the same "
                + "seed, so scenarios are compared on common random numbers.")
    long seed;

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
                + "probability, percentage points), e.g. 10,0.5pp. Stops at --max-paths; the manifest says which bound "
                + "stopped each scenario.")
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

    @Option(names = "--explain",
            description = "Also write explain.csv, explain_timing.csv and explain_summary.csv: per scenario, each random "
                + "driver's and event's P10, median and P90 on breaching paths against the others, ranked by how well it "
                + "separates them; when the first breaches happen; and the most likely breach (the inputs nearest their "
                + "medians that breach) as one sentence. A scenario with fewer than " + Explain.MIN_BREACHES
                + " breaching paths gets a note instead of the comparison.")
    boolean explain;

    /** Set by {@link #requireExplanation}: the run exists for its explanation. */
    private boolean explanationRequired;

    @Option(names = "--solve",
            description = "Also write solve.csv: per scenario, the smallest up-front injection (at --solve-quarter) "
                + "that brings the breach probability to 1%%, 5%% and 10%%, with its Monte Carlo interval.")
    boolean solve;

    @Option(names = "--rare",
            description = "Also measure each scenario's breach probability by importance sampling and write rare.csv: "
                + "for a breach too rare for plain paths (below about 1e-3; 1e-4 needs 4 million plain paths for "
                + "+-10%%). A pilot finds the most likely breach (the design point); --paths paths are then drawn "
                + "around it and weighted by their likelihood ratios. Every other file still comes from the plain paths.")
    boolean rare;

    @Option(names = "--solve-quarter", paramLabel = "Q", defaultValue = "1",
            description = "The quarter of the injection --solve looks for (default: ${DEFAULT-VALUE}).")
    int solveQuarter;

    @Option(names = "--statistics", paramLabel = "MODE", defaultValue = "auto",
            description = "exact: keep every path and take exact percentiles; streaming: keep only histograms and "
                + "sums, memory independent of --paths, percentiles within 0.049%%; auto (default): exact unless the "
                + "paths would need more than --memory.")
    String statisticsMode;

    @Option(names = "--memory", paramLabel = "MB", defaultValue = "" + RunRequest.DEFAULT_MEMORY_MB,
            description = "The memory exact statistics may use for a scenario's paths before auto switches to "
                + "streaming (default: ${DEFAULT-VALUE} MB, or half the JVM's heap if that is less; at most the heap, "
                + "which -Xmx sets: JAVA_OPTS=-Xmx8g for bin/runway). A path over 12 quarters takes 96 bytes per "
                + "reported item plus 25: 121 for a model that reports cash only, 313 for the Nissan model.")
    long memoryMb;

    @Option(names = "--report",
            description = "Also write charts/ (PNG and SVG) and report.html, one self-contained page to open from disk "
                + "with every scenario's charts, key numbers, drivers, the injection it needs and what its breaches "
                + "look like; implies --sensitivity, --solve and --explain.")
    boolean report;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "50",
            description = "Bins of the terminal-cash histogram (default: ${DEFAULT-VALUE}; at most " + RunRequest.MAX_BINS
                + ").")
    int bins;

    /** Asks for the sensitivity whatever the options say: the {@code sensitivity} command. */
    public void requireSensitivity() {
        sensitivity = true;
    }

    /**
     * Asks for the explanation whatever the options say, and refuses a run with nothing to explain:
     * the {@code explain} command.
     */
    public void requireExplanation() {
        explain = true;
        explanationRequired = true;
    }

    /** A request with these options as given (--memory left to its default unless typed). */
    public RunRequest.Builder request() {
        boolean memoryGiven = mixee != null && mixee.commandLine() != null
                && mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption("--memory");
        return RunRequest.builder().paths(paths).seed(seed).scenarios(scenarioNames).method(method)
                .precision(precisionText).maxPaths(maxPaths).sensitivity(sensitivity).solve(solve).rare(rare)
                .explain(explain).explanationRequired(explanationRequired)
                .solveQuarter(solveQuarter).statistics(statisticsMode).memoryMb(memoryGiven ? memoryMb : null)
                .report(report).bins(bins);
    }
}
