package dev.runway.run;

import dev.runway.model.CaseInputs;
import dev.runway.model.History;
import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sample.SobolInputs;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.StreamingStatistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a request runs on its inputs: which scenarios, each with exact or streaming statistics, how
 * many paths its analyses and --precision may take, and whether all of it fits the memory. The
 * checks that need the inputs are made here, before any work, so no run dies of OutOfMemoryError.
 */
public final class RunPlan {
    /**
     * The fewest paths the analyses may run on when --memory cannot hold all of --paths: with fewer,
     * their intervals are too wide to say anything (and one path once gave one answer to every target).
     */
    public static final int MIN_ANALYSIS_PATHS = 1_000;

    private final RunRequest request;
    private final List<Scenario> scenarios;
    private final History history;
    private final List<History.Fact> actuals;
    private final List<String> reported;
    private final List<String> notes = new ArrayList<>();
    /** The labels of the schedules before --as-of rolled them forward, and where it started from. */
    private final List<String> labelsAsGiven;
    private final String asOfStart;
    private final List<String> problems;

    private RunPlan(RunRequest request, CaseInputs inputs, History history) {
        this.request = request;
        this.history = history;
        this.actuals = history == null ? List.of() : history.facts();
        reported = inputs.model().reported();
        List<String> found = new ArrayList<>();
        List<Scenario> selected = select(inputs, found);
        labelsAsGiven = selected.stream().flatMap(s -> s.schedule().labels().stream()).distinct().toList();
        if (request.asOf() != null && found.isEmpty()) {
            AsOf rolled = AsOf.roll(selected, request.asOf(), history);
            found.addAll(rolled.problems());
            notes.addAll(rolled.notes());
            scenarios = rolled.problems().isEmpty() ? rolled.scenarios() : selected;
            asOfStart = rolled.started();
        } else {
            scenarios = selected;
            asOfStart = "";
        }
        found.addAll(actualsProblems(inputs));
        if ("streaming".equals(request.statisticsMode()) && scenarios.stream().anyMatch(s -> !actuals(s).isEmpty())) {
            found.add("a backtest places each realized value among every path's; it works with --statistics exact or "
                    + "auto, not streaming");
        }
        for (Scenario scenario : scenarios) {
            String problem = methodProblem(request.method(), scenario);
            if (problem != null) {
                found.add(problem);
            }
        }
        for (Scenario scenario : scenarios) {
            if (request.solve() && (request.solveQuarter() < 1 || request.solveQuarter() > scenario.horizon())) {
                found.add("--solve-quarter must be within 1.." + scenario.horizon() + " (the quarters of "
                        + scenario.name() + "), found " + request.solveQuarter());
            }
        }
        String cashProblem = request.solve() ? cashProblem("--solve", inputs) : null;
        if (cashProblem != null) {
            found.add(cashProblem);
        }
        if (found.isEmpty() && !scenarios.isEmpty()) {
            String resources = resourcesProblem();
            if (resources != null) {
                found.add(resources);
            }
        }
        problems = List.copyOf(found);
    }

    /** The plan of a request (whose own {@link RunRequest#problems} are none) on its inputs. */
    public static RunPlan of(RunRequest request, CaseInputs inputs) {
        return of(request, inputs, null);
    }

    /**
     * The plan of a backtest: the request on its inputs, scoring the forecast against {@code actuals},
     * the values read from {@link RunRequest#actuals} (null for none).
     */
    public static RunPlan of(RunRequest request, CaseInputs inputs, History actuals) {
        if (!request.problems().isEmpty()) {
            throw new IllegalArgumentException("the request has problems: " + request.problems());
        }
        return new RunPlan(request, inputs, actuals);
    }

    /** The realized values a backtest scores the forecast against; empty for a plain run. */
    public List<History.Fact> actuals() {
        return actuals;
    }

    /** The actuals file read, or null for a plain run. */
    public History history() {
        return history;
    }

    /** The actuals a scenario covers: of its reported items, in its quarters. */
    public List<History.Fact> actuals(Scenario scenario) {
        return actuals.stream().filter(a -> reported.contains(a.item())
                && scenario.schedule().labels().contains(a.label())).toList();
    }

    /**
     * The actuals of items the model does not report, which a backtest cannot score: a note naming
     * them, or empty. An actuals file may hold more series than one model reports.
     */
    public List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        List<String> unscored = actuals.stream().map(History.Fact::item).distinct()
                .filter(item -> !reported.contains(item)).toList();
        if (!unscored.isEmpty()) {
            all.add("the actuals of " + String.join(", ", unscored) + " are not scored: the model reports "
                    + String.join(", ", reported) + " (its report row)");
        }
        return all;
    }

    /** With --as-of, the quarter the forecast starts after and the realized states it starts from; else empty. */
    public String asOfStart() {
        return asOfStart;
    }

    /**
     * Every actual of a reported item must be in a quarter some scenario run covers, in the item's
     * unit: a value the forecast cannot be placed against would otherwise drop out of the score unseen.
     */
    private List<String> actualsProblems(CaseInputs inputs) {
        List<String> found = new ArrayList<>();
        List<String> labels = scenarios.stream().flatMap(s -> s.schedule().labels().stream()).distinct().toList();
        for (History.Fact actual : actuals) {
            String unit = inputs.model().unit(actual.item());
            // With --as-of, the quarters up to it are what the forecast starts from, not what it forecasts.
            boolean past = request.asOf() != null && labelsAsGiven.contains(actual.label())
                    && labelsAsGiven.indexOf(actual.label()) <= labelsAsGiven.indexOf(request.asOf());
            // A state --as-of starts from is checked like a scored value: a value in another unit is not a start.
            boolean start = past && actual.label().equals(request.asOf()) && inputs.model().item(actual.item()) != null
                    && inputs.model().item(actual.item()).state();
            if (!reported.contains(actual.item()) && !start || past && !start) {
                continue;
            }
            if (!actual.unit().isEmpty() && !unit.isEmpty() && !actual.unit().equals(unit)) {
                found.add(history.where(actual) + ": column 'unit': " + actual.item() + " is in '" + actual.unit() + "' here but "
                        + "in '" + unit + "' in " + inputs.model().file() + "; convert the value to the model's unit");
            } else if (!past && !labels.isEmpty() && !labels.contains(actual.label())) {
                found.add(history.where(actual) + ": column 'quarter': " + actual.label() + " is not a quarter the forecast "
                        + "covers (" + labels.get(0) + " to " + labels.get(labels.size() - 1) + "); remove the row or "
                        + "run a case whose schedule covers it");
            }
        }
        return found;
    }

    /** Every reason the request cannot run on these inputs, one message each; empty if it can. */
    public List<String> problems() {
        return problems;
    }

    public RunRequest request() {
        return request;
    }

    /** The scenarios to run, in the inputs' order. */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** The bytes a path of this scenario takes in exact mode. */
    public static long bytesPerPath(Scenario scenario) {
        return PathResults.bytesPerPath(scenario.horizon(), scenario.model().reported().size());
    }

    /** Whether this scenario's statistics are streamed rather than taken from every stored path. */
    public boolean streaming(Scenario scenario) {
        // A backtest places each realized value among every path's values: it keeps them.
        return actuals(scenario).isEmpty() && ("streaming".equals(request.statisticsMode()) || ("auto".equals(request.statisticsMode())
                && Machine.times(request.paths(), bytesPerPath(scenario)) > request.memoryBytes()));
    }

    /**
     * The paths the analyses of a scenario run on. They keep their paths: the sensitivity's base run
     * records every driver and event amount beside the cash, its swings need a second buffer, and
     * ranking copies two columns. So they run on --paths paths, or on as many as --memory holds at
     * that cost (the plan refuses fewer than {@link #MIN_ANALYSIS_PATHS}).
     */
    public int analysisPaths(Scenario scenario) {
        return (int) Math.min(request.paths(), request.memoryBytes() / analysisBytesPerPath(scenario));
    }

    private static long analysisBytesPerPath(Scenario scenario) {
        return 2 * bytesPerPath(scenario) + 8L * (scenario.model().drivers().size() + scenario.events().size()) + 32;
    }

    /**
     * The most paths --precision may grow a scenario to: --max-paths, or fewer if two copies of that
     * many paths (it briefly holds both while it grows) would not fit --memory.
     */
    public int precisionCap(Scenario scenario) {
        long fits = request.memoryBytes() / (2 * bytesPerPath(scenario));
        return (int) Math.min(request.maxPaths(), fits / Simulation.BLOCK_SIZE * Simulation.BLOCK_SIZE);
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

    /**
     * Why the injection search, asked for by {@code asker} (--solve, or the solve command), has no
     * item to inject into, or null: it adds its amount to the item named cash.
     */
    static String cashProblem(String asker, CaseInputs inputs) {
        if (inputs.model().hasCash()) {
            return null;
        }
        return asker + " looks for an injection into the item named cash, and " + inputs.model().file()
                + " has none; name the item that holds the company's cash 'cash'";
    }

    /** The scenarios asked for, in the inputs' order, after naming the unknown ones in {@code found}. */
    private List<Scenario> select(CaseInputs inputs, List<String> found) {
        List<String> names = request.scenarioNames();
        if (names.isEmpty()) {
            return inputs.scenarios();
        }
        List<String> known = inputs.scenarios().stream().map(Scenario::name).toList();
        List<String> unknown = names.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            found.add("unknown scenario(s) " + String.join(", ", unknown) + " in " + request.inputs()
                    + "; expected one of " + String.join(", ", known));
        }
        return inputs.scenarios().stream().filter(s -> names.contains(s.name())).toList();
    }

    /**
     * The bytes the statistics of a scenario's stored paths take beside the paths: a quarter whose
     * values are all equal (or not finite) is sorted in a copy, and each worker may be sorting one.
     */
    private long statisticsBytes(int count) {
        return Machine.times(count, 8L * request.threads());
    }

    /**
     * Why the paths a run keeps would not fit --memory or the heap, or null if they fit: --precision
     * must hold --paths in --memory and may grow to two copies of its cap; exact statistics hold every
     * path; streaming ones a histogram per item, quarter and thread; the analyses run on as many paths
     * as --memory holds, and need at least {@link #MIN_ANALYSIS_PATHS} of them.
     */
    private String resourcesProblem() {
        int paths = request.paths();
        int threads = request.threads();
        long kept = 0;
        long peak = 0;
        String peakWhat = "";
        String peakAdvice = "";
        for (Scenario scenario : scenarios) {
            long perPath = bytesPerPath(scenario);
            long need;
            String what;
            String advice;
            if (request.precision() != null) {
                int cap = precisionCap(scenario);
                if (cap < paths) {
                    return "--precision keeps every path of scenario " + scenario.name() + " and briefly two "
                            + "copies while it grows: " + perPath + " bytes a path do not fit --paths " + paths
                            + " in --memory " + request.memoryMb() + " MB; raise --memory (at most the heap, -Xmx) or "
                            + "lower --paths";
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
                advice = !actuals(scenario).isEmpty() ? "a backtest keeps every path: use fewer --paths"
                        : "use --statistics streaming (memory independent of --paths)"
                        + ("auto".equals(request.statisticsMode()) ? ", a smaller --memory (auto then streams)" : "")
                        + " or fewer --paths";
                if (!actuals(scenario).isEmpty() && Machine.times(paths, perPath) > request.memoryBytes()) {
                    return String.format(Locale.ROOT, "a backtest keeps every path of scenario %s: %,d paths of %d bytes "
                            + "do not fit --memory %d MB; raise --memory (at most the heap, -Xmx) or lower --paths",
                            scenario.name(), paths, perPath, request.memoryMb());
                }
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
            if (!request.sensitivity() && !request.solve()) {
                break;
            }
            int analysis = analysisPaths(scenario);
            if (analysis < Math.min(paths, MIN_ANALYSIS_PATHS)) {
                return String.format(Locale.ROOT, "--memory %d MB holds only %,d path(s) of the analyses of scenario "
                        + "%s (%d bytes each); they need at least %,d: raise --memory", request.memoryMb(), analysis,
                        scenario.name(), analysisBytesPerPath(scenario), Math.min(paths, MIN_ANALYSIS_PATHS));
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
        return problem == null ? null : problem + "; " + Machine.heapAdvice(peakAdvice, peak);
    }
}
