package dev.runway.run;

import dev.runway.analysis.Analyses;
import dev.runway.analysis.Backtest;
import dev.runway.analysis.DesignPoint;
import dev.runway.analysis.Explain;
import dev.runway.analysis.InjectionSolver;
import dev.runway.analysis.RareBreach;
import dev.runway.analysis.Sensitivity;
import dev.runway.model.CaseInputs;
import dev.runway.model.History;
import dev.runway.model.Scenario;
import dev.runway.output.OutputFiles.ManifestCsv;
import dev.runway.output.OutputFolder;
import dev.runway.report.Report;
import dev.runway.output.ResultWriter;
import dev.runway.output.RunInfo;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.PrecisionTarget;
import dev.runway.stats.ScenarioStatistics;
import dev.runway.stats.StreamingStatistics;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a planned request on a back end: simulates every scenario (exact, streamed, or in rounds
 * until --precision is met), takes its statistics, runs the analyses asked for, and publishes the
 * files, report included, through one {@link OutputFolder}. The same whatever the back end, so a
 * run on a cluster writes the files of a run on this machine.
 */
public final class Runner {
    private final RunPlan plan;
    private final RunRequest request;
    private final Engine engine;
    private final RunListener listener;
    private final Phases phases = new Phases();

    /**
     * Up to how many paths per scenario bin/runway runs the JVM's quick compiler alone (its
     * JIT_C1_PATHS). A run primes the JIT before its first scenario ({@link dev.runway.sim.Simulator#prime})
     * only above it: measured both ways (benchmarks/README.md, "Speed as a batch job sees it"),
     * priming pays where the optimizing compiler (C2) compiles the walk, and with the quick compiler
     * alone it costs about 0.07 s and saves nothing. The system property {@code runway.priming}
     * ({@code true} or {@code false}) overrides the choice, for measuring; results are the same either way.
     */
    static final int QUICK_COMPILER_PATHS = 2_000_000;

    private boolean priming() {
        String forced = System.getProperty("runway.priming");
        return forced != null ? Boolean.parseBoolean(forced) : request.paths() > QUICK_COMPILER_PATHS;
    }

    public Runner(RunPlan plan, Engine engine, RunListener listener) {
        if (!plan.problems().isEmpty()) {
            throw new IllegalArgumentException("the plan has problems: " + plan.problems());
        }
        this.plan = plan;
        this.request = plan.request();
        this.engine = engine;
        this.listener = listener;
    }

    /**
     * Runs the plan and publishes its files into {@code output}.
     *
     * @param startedAt   when the run started, for the manifest
     * @param startedNano its {@link System#nanoTime}, for the elapsed time
     * @throws dev.runway.model.NonFiniteValueException if a path's value is not finite; nothing is written
     * @throws Explain.NothingToExplainException        if the run is for its explanation and no scenario has one;
     *                                                   nothing is written
     * @throws OutputFolder.PublishException            if the folder could not be replaced; nothing changed
     */
    public RunResult run(CaseInputs inputs, OutputFolder output, Instant startedAt, long startedNano)
            throws IOException {
        phases.add("inputs_ms", System.nanoTime() - startedNano);
        List<Scenario> scenarios = plan.scenarios();
        List<ScenarioStatistics> statistics = new ArrayList<>();
        Map<String, String> precisionNotes = new LinkedHashMap<>();
        boolean streamedAny = false;
        if (priming()) {
            phases.time("priming_ms", () -> engine.prime(scenarios.get(0)));
        }
        PathResults results = null;
        List<Backtest.Score> backtest = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            AtomicLong done = listener.begin(scenario.name());
            if (request.precision() != null) {
                PathResults grown = untilPrecise(scenario, done, precisionNotes, statistics);
                backtest.addAll(score(scenario, grown));
            } else if (plan.streaming(scenario)) {
                StreamingStatistics streamed = phases.time("simulation_ms", () -> engine.stream(scenario, request.seed(),
                        request.method(), request.paths(), done));
                statistics.add(streamed.finish(scenario.name(), request.seed(), scenario.schedule().labels(),
                        scenario.model().reported(), request.bins()));
                streamedAny = true;
            } else {
                if (results == null || results.horizon() != scenario.horizon()) {
                    // Allocating (and so zeroing) the paths' memory is part of simulating them.
                    results = phases.time("simulation_ms", () -> PathResults.of(scenario, request.paths()));
                }
                // Each scenario's statistics are taken before the next overwrites the buffer.
                PathResults into = results;
                phases.time("simulation_ms", () -> engine.run(scenario, PathKernel.Overrides.NONE, request.seed(),
                        request.method(), into, 0, done));
                statistics.add(statistics(scenario, results));
                backtest.addAll(score(scenario, results));
            }
        }
        results = null;
        Analyses analyses = phases.time("analyses_ms", () -> analyze(scenarios, backtest));
        if (request.explanationRequired() && analyses.explanations().stream().noneMatch(Explain.Result::compared)) {
            throw new Explain.NothingToExplainException(analyses.explanations());
        }
        long elapsedMillis = (System.nanoTime() - startedNano) / 1_000_000;
        PrecisionTarget precision = request.precision();
        RunInfo run = new RunInfo(request.inputs().toString(), request.seed(), request.paths(), request.method(),
                engine.workers(), request.bins(), startedAt, elapsedMillis,
                precision == null ? "" : precision + ", at most " + request.maxPaths() + " paths", precisionNotes,
                streamedAny, plan.history(), plan.asOfStart(), plan.notes(), phases.millis());
        boolean replacesReport = !request.report() && output.hasReport();
        output.publish(folder -> {
            ResultWriter.write(folder, inputs, scenarios, statistics, run, analyses);
            if (request.report()) {
                Report.write(folder);
            }
        });
        return new RunResult(output.path(), scenarios, statistics, analyses, precisionNotes, elapsedMillis,
                engine.workers(), replacesReport);
    }

    /** The scenario's forecast against the actuals it covers; none outside a backtest. */
    private List<Backtest.Score> score(Scenario scenario, PathResults results) {
        List<Backtest.Score> scores = new ArrayList<>();
        List<String> labels = scenario.schedule().labels();
        List<String> items = scenario.model().reported();
        for (History.Fact actual : plan.actuals(scenario)) {
            int quarter = labels.indexOf(actual.label()) + 1;
            scores.add(Backtest.score(scenario.name(), quarter, actual.label(), actual.item(),
                    results.valueAt(items.indexOf(actual.item()), quarter), actual.value()));
        }
        return scores;
    }

    /**
     * The sensitivity, the injection solve, the explanation and the rare-breach estimate of every
     * scenario, if asked for, beside the backtest's scores.
     */
    private Analyses analyze(List<Scenario> scenarios, List<Backtest.Score> backtest) {
        Map<String, List<Sensitivity.Row>> sensitivities = new LinkedHashMap<>();
        List<InjectionSolver.Solution> solutions = new ArrayList<>();
        List<Explain.Result> explanations = new ArrayList<>();
        List<RareBreach.Outcome> rare = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            if (request.sensitivity()) {
                listener.phase(scenario.name(), "sensitivity");
                sensitivities.put(scenario.name(), Sensitivity.of(engine, scenario, request.seed(), request.method(),
                        plan.analysisPaths(scenario)));
            }
            if (request.solve()) {
                listener.phase(scenario.name(), "solving for the injection");
                solutions.addAll(new InjectionSolver(engine, scenario, request.seed(), request.method(),
                        plan.analysisPaths(scenario), request.solveQuarter()).solve(Analyses.targets()));
            }
            DesignPoint.Result designPoint = null;
            if (request.explain()) {
                listener.phase(scenario.name(), "explaining its breaches");
                Explain.Result explanation = Explain.of(engine, scenario, request.seed(), request.method(),
                        plan.analysisPaths(scenario));
                explanations.add(explanation);
                designPoint = explanation.designPoint();
            }
            if (request.rare()) {
                listener.phase(scenario.name(), "importance sampling");
                // The explanation's design point, when there is one, is the one --rare would find from the seed.
                RareBreach.Outcome outcome = RareBreach.run(scenario, designPoint, request.seed(), request.paths(),
                        engine.pool(), new AtomicLong());
                if (outcome.refusal() != null) {
                    listener.note("--rare: " + outcome.refusal() + "; rare.csv gives the plain estimate");
                }
                rare.add(outcome);
            }
        }
        return new Analyses(sensitivities, solutions, backtest, explanations, rare);
    }

    /**
     * Simulates a scenario in rounds until the precision target is met or the cap is reached.
     * Each round adds whole blocks after the ones already run, sized from how far the intervals
     * are from the target (half-widths shrink as 1/sqrt(paths)); the result is exactly the run of
     * its final path count.
     */
    private PathResults untilPrecise(Scenario scenario, AtomicLong done, Map<String, String> notes,
            List<ScenarioStatistics> statisticsSoFar) {
        PrecisionTarget precision = request.precision();
        int block = Simulation.BLOCK_SIZE;
        int cap = plan.precisionCap(scenario);
        int n = Math.min(roundUp(request.paths(), block), cap);
        PathResults first = PathResults.of(scenario, n);
        PathResults results = phases.time("simulation_ms", () -> engine.run(scenario, PathKernel.Overrides.NONE,
                request.seed(), request.method(), first, 0, done));
        ScenarioStatistics statistics = statistics(scenario, results);
        while (!precision.met(statistics) && n < cap) {
            double shortfall = precision.shortfall(statistics);
            // A fifth more than the estimate needs, at least one block and at most eight times as many paths.
            double wanted = Double.isFinite(shortfall) ? n * Math.min(8.0, 1.2 * shortfall * shortfall) : 8.0 * n;
            int next = (int) Math.min(cap, Math.max(n + (long) block, roundUp((long) Math.ceil(wanted), block)));
            PathResults grown = results.grownTo(next);
            int from = n;
            results = phases.time("simulation_ms", () -> engine.run(scenario, PathKernel.Overrides.NONE,
                    request.seed(), request.method(), grown, from, done));
            n = next;
            statistics = statistics(scenario, results);
        }
        String note = (precision.met(statistics) ? "target met" : (cap < request.maxPaths()
                ? "the most paths --memory holds (" + cap + ")" : "--max-paths") + " reached before the target") + " at "
                + n + " paths: " + precision.describe(statistics);
        notes.put(scenario.name(), note);
        listener.note(scenario.name() + ": " + note);
        statisticsSoFar.add(statistics);
        return results;
    }

    private ScenarioStatistics statistics(Scenario scenario, PathResults results) {
        return phases.time("statistics_ms", () -> ScenarioStatistics.of(scenario.name(), request.seed(), results,
                scenario.schedule().labels(), scenario.model().reported(), request.bins(), engine.pool()));
    }

    /** The time each phase of the run took ({@link ManifestCsv#PHASES}), summed over the scenarios. */
    private static final class Phases {
        private final Map<String, Long> nanos = new LinkedHashMap<>();

        Phases() {
            ManifestCsv.PHASES.forEach(phase -> nanos.put(phase, 0L));
        }

        void add(String phase, long elapsedNanos) {
            if (!nanos.containsKey(phase)) {
                throw new IllegalArgumentException("no phase " + phase + " in " + ManifestCsv.PHASES);
            }
            nanos.merge(phase, elapsedNanos, Long::sum);
        }

        <T> T time(String phase, Supplier<T> work) {
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                add(phase, System.nanoTime() - start);
            }
        }

        void time(String phase, Runnable work) {
            time(phase, () -> {
                work.run();
                return null;
            });
        }

        Map<String, Long> millis() {
            Map<String, Long> millis = new LinkedHashMap<>();
            nanos.forEach((phase, elapsed) -> millis.put(phase, elapsed / 1_000_000));
            return millis;
        }
    }

    private static int roundUp(long value, int multiple) {
        return (int) Math.min(Integer.MAX_VALUE - multiple, (value + multiple - 1) / multiple * multiple);
    }
}
