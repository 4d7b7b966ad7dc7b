package dev.runway.run;

import dev.runway.sample.SamplingMethod;
import dev.runway.sim.Simulation;
import dev.runway.stats.PrecisionTarget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@code simulate} run is asked to do, whoever asks (the command line, Spark), and
 * what is wrong with it: {@link #problems} lists every option out of range, before the inputs are
 * read ({@link RunPlan} checks the rest against the inputs). Immutable; built with {@link #builder}.
 */
public final class RunRequest {
    /** The most paths one scenario can run: a whole number of blocks below 2^31. */
    public static final int MAX_PATHS = Integer.MAX_VALUE - Simulation.BLOCK_SIZE;

    /** The most histogram bins: terminal.csv has a row per bin and the report's chart a bar per bin. */
    public static final int MAX_BINS = 10_000;

    /** --memory when not given, unless half the heap is less. */
    public static final long DEFAULT_MEMORY_MB = 2048;

    /** The default seed: the date Re:Nissan was announced (13 May 2025). */
    public static final long DEFAULT_SEED = 20250513L;

    /** The statistics modes: exact, streaming, or exact unless the paths do not fit --memory. */
    public static final List<String> STATISTICS_MODES = List.of("auto", "exact", "streaming");

    private final Path inputs;
    private final Path out;
    private final int paths;
    private final long seed;
    private final int threads;
    private final List<String> scenarioNames;
    private final SamplingMethod method;
    private final String precisionText;
    private final PrecisionTarget precision;
    private final int maxPaths;
    private final boolean sensitivity;
    private final boolean rare;
    private final boolean solve;
    private final boolean explain;
    private final boolean explanationRequired;
    private final int solveQuarter;
    private final String statisticsMode;
    private final long memoryMb;
    private final boolean report;
    private final int bins;
    private final boolean repairCorrelations;
    private final Path actuals;
    private final String asOf;
    private final List<String> problems;

    private RunRequest(Builder b) {
        inputs = b.inputs;
        out = b.out;
        paths = b.paths;
        seed = b.seed;
        threads = b.threads;
        scenarioNames = List.copyOf(b.scenarioNames);
        method = b.method;
        precisionText = b.precision;
        maxPaths = b.maxPaths;
        report = b.report;
        // The report shows every scenario's drivers, the injection it needs and its most likely breach.
        sensitivity = b.sensitivity || b.report;
        solve = b.solve || b.report;
        rare = b.rare;
        explain = b.explain || b.explanationRequired || b.report;
        explanationRequired = b.explanationRequired;
        solveQuarter = b.solveQuarter;
        statisticsMode = b.statistics;
        bins = b.bins;
        repairCorrelations = b.repairCorrelations;
        actuals = b.actuals;
        asOf = b.asOf;
        long heapMb = Machine.heapLimitMegabytes();
        // The default must not ask more than a small JVM has: half its heap leaves room for the rest.
        memoryMb = b.memoryMb == null ? Math.max(1, Math.min(DEFAULT_MEMORY_MB, heapMb / 2)) : b.memoryMb;
        List<String> found = new ArrayList<>();
        if (!STATISTICS_MODES.contains(statisticsMode)) {
            found.add("--statistics must be auto, exact or streaming, found '" + statisticsMode + "'");
        }
        if (precisionText != null && "streaming".equals(statisticsMode)) {
            found.add("--precision keeps every path to add blocks to them; it works with --statistics exact or auto, "
                    + "not streaming");
        }
        if (asOf != null && actuals == null) {
            found.add("--as-of starts the forecast from the realized values of --actuals at the end of " + asOf
                    + "; give --actuals FILE");
        }
        if (asOf != null && precisionText != null) {
            found.add("--as-of and --precision do not go together yet: run a rolled-forward forecast at a fixed "
                    + "--paths");
        }
        if (memoryMb < 1 || memoryMb > heapMb) {
            found.add("--memory must be from 1 to " + heapMb + " MB (the JVM's heap limit, -Xmx), found " + memoryMb
                    + "; " + Machine.heapAdvice("give less", Machine.times(memoryMb, 1L << 20)));
        }
        String pathsProblem = pathsProblem(paths);
        if (pathsProblem != null) {
            found.add(pathsProblem);
        }
        String threadsProblem = Machine.threadsProblem(threads);
        if (threadsProblem != null) {
            found.add(threadsProblem);
        }
        if (bins < 1 || bins > MAX_BINS) {
            found.add("--bins must be from 1 to " + MAX_BINS + " (terminal.csv has a row and the report's histogram a "
                    + "bar per bin), found " + bins);
        }
        PrecisionTarget target = null;
        if (precisionText != null) {
            try {
                target = PrecisionTarget.parse(precisionText);
            } catch (IllegalArgumentException e) {
                found.add("--precision: " + e.getMessage());
            }
            if (maxPaths < paths || maxPaths > MAX_PATHS) {
                found.add("--max-paths must be from --paths (" + paths + ") to " + MAX_PATHS + ", found " + maxPaths);
            }
        }
        precision = target;
        problems = List.copyOf(found);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Why a --paths is out of range, from 1 to {@link #MAX_PATHS}, or null; {@code solve}'s too. */
    public static String pathsProblem(int paths) {
        return paths < 1 || paths > MAX_PATHS ? "--paths must be from 1 to " + MAX_PATHS + ", found " + paths : null;
    }

    /** Every option out of range, one message each (without the {@code error: }); empty if none is. */
    public List<String> problems() {
        return problems;
    }

    public Path inputs() {
        return inputs;
    }

    public Path out() {
        return out;
    }

    public int paths() {
        return paths;
    }

    public long seed() {
        return seed;
    }

    public int threads() {
        return threads;
    }

    /** The scenarios asked for; empty for every one of the inputs. */
    public List<String> scenarioNames() {
        return scenarioNames;
    }

    public SamplingMethod method() {
        return method;
    }

    /** The --precision target, or null when the path count is fixed (or the text did not parse). */
    public PrecisionTarget precision() {
        return precisionText == null ? null : precision;
    }

    public int maxPaths() {
        return maxPaths;
    }

    /** Whether to measure each scenario's breach probability by importance sampling (rare.csv). */
    public boolean rare() {
        return rare;
    }

    /** Whether to write each scenario's sensitivity.csv (--report implies it). */
    public boolean sensitivity() {
        return sensitivity;
    }

    /** Whether to write solve.csv (--report implies it). */
    public boolean solve() {
        return solve;
    }

    public int solveQuarter() {
        return solveQuarter;
    }

    /** Whether to explain each scenario's breaches: explain.csv, explain_timing.csv and explain_summary.csv. */
    public boolean explain() {
        return explain;
    }

    /**
     * Whether the run is for its explanation ({@code runway explain}): when no scenario has enough
     * breaching and other paths to compare, it fails and writes nothing. Implies {@link #explain}.
     */
    public boolean explanationRequired() {
        return explanationRequired;
    }

    /** auto, exact or streaming. */
    public String statisticsMode() {
        return statisticsMode;
    }

    /** --memory, or its default when not given. */
    public long memoryMb() {
        return memoryMb;
    }

    /** --memory in bytes; the checks bound it by the heap, so this cannot overflow. */
    public long memoryBytes() {
        return memoryMb << 20;
    }

    public boolean report() {
        return report;
    }

    public int bins() {
        return bins;
    }

    public boolean repairCorrelations() {
        return repairCorrelations;
    }

    /** The realized values to score the forecast against (a backtest), or null for none. */
    public Path actuals() {
        return actuals;
    }

    /** The quarter the forecast starts after, from the actuals at its end; null to start at the schedule's first. */
    public String asOf() {
        return asOf;
    }

    /** A request's options as they are given; the defaults are the command line's. */
    public static final class Builder {
        private Path inputs = Path.of("inputs/nissan");
        private Path out = Path.of("outputs/nissan");
        private int paths = 100_000;
        private long seed = DEFAULT_SEED;
        private int threads = Runtime.getRuntime().availableProcessors();
        private List<String> scenarioNames = List.of();
        private SamplingMethod method = SamplingMethod.MC;
        private String precision;
        private int maxPaths = 8_000_000;
        private boolean sensitivity;
        private boolean rare;
        private boolean solve;
        private boolean explain;
        private boolean explanationRequired;
        private int solveQuarter = 1;
        private String statistics = "auto";
        private Long memoryMb;
        private boolean report;
        private int bins = 50;
        private boolean repairCorrelations;
        private Path actuals;
        private String asOf;

        private Builder() {
        }

        public Builder inputs(Path value) {
            inputs = Objects.requireNonNull(value);
            return this;
        }

        public Builder out(Path value) {
            out = Objects.requireNonNull(value);
            return this;
        }

        public Builder paths(int value) {
            paths = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder scenarios(List<String> names) {
            scenarioNames = List.copyOf(names);
            return this;
        }

        public Builder method(SamplingMethod value) {
            method = Objects.requireNonNull(value);
            return this;
        }

        /** The --precision text, or null for a fixed path count. */
        public Builder precision(String text) {
            precision = text;
            return this;
        }

        public Builder maxPaths(int value) {
            maxPaths = value;
            return this;
        }

        public Builder rare(boolean value) {
            rare = value;
            return this;
        }

        public Builder sensitivity(boolean value) {
            sensitivity = value;
            return this;
        }

        public Builder solve(boolean value) {
            solve = value;
            return this;
        }

        public Builder explain(boolean value) {
            explain = value;
            return this;
        }

        public Builder explanationRequired(boolean value) {
            explanationRequired = value;
            return this;
        }

        public Builder solveQuarter(int value) {
            solveQuarter = value;
            return this;
        }

        public Builder statistics(String mode) {
            statistics = Objects.requireNonNull(mode);
            return this;
        }

        /** --memory in MB, or null for the default (2048, or half the heap if that is less). */
        public Builder memoryMb(Long value) {
            memoryMb = value;
            return this;
        }

        public Builder report(boolean value) {
            report = value;
            return this;
        }

        public Builder bins(int value) {
            bins = value;
            return this;
        }

        public Builder repairCorrelations(boolean value) {
            repairCorrelations = value;
            return this;
        }

        /** The actuals file of a backtest, or null. */
        public Builder actuals(Path value) {
            actuals = value;
            return this;
        }

        /** The --as-of quarter's label, or null. */
        public Builder asOf(String label) {
            asOf = label;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(this);
        }
    }
}
