package dev.runway.sim;

import dev.runway.model.Copula;
import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.EventKind;
import dev.runway.model.InputCell;
import dev.runway.model.InputLimits;
import dev.runway.model.Model;
import dev.runway.model.NonFiniteValueException;
import dev.runway.model.Scenario;
import dev.runway.model.Schedule;
import dev.runway.sample.BlockSampler;
import dev.runway.sample.BlockSamplers;
import dev.runway.sample.RandomInputs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Walks a scenario's paths through its model. Each path draws its drivers and events, and its
 * random series for every quarter; then the model's compiled {@link ModelWalk} takes the paths of
 * a chunk through the quarters, each line item after the items it uses, events moving their
 * target items right after those items' formulas.
 *
 * <p>A block is walked in chunks of {@link #CHUNK} paths. Each random input of a path is a
 * numbered dimension ({@link #dimensions}), drawn for every path of the chunk at once, in a fixed
 * order: the drivers (in the model's driver order), then for each event its switch, its amount
 * and (untriggered events) its quarter, then, quarter by quarter, the random series. Where the
 * inputs come from is the sampling method's business ({@link RandomInputs}). Beta, PERT and
 * Student's t come from precomputed quantile tables, so no draw runs an iterative solver. Draws
 * go into small primitive arrays that stay in cache; nothing is allocated per path or per quarter.
 */
public final class PathKernel {
    /** Paths whose drivers are drawn together; part of the order of random draws, so fixed. */
    public static final int CHUNK = 256;

    /**
     * The largest magnitude a reported item may reach on a pre-flight path: the statistics sum the
     * squares of its deviations over up to 2^31 paths, which overflows a double (1.8e308) from
     * about 1.4e149 on.
     */
    static final double PREFLIGHT_LIMIT = 1e140;

    private static final int EVENT_PARTS = 3;
    private static final int EVENT_ON = 0;
    private static final int EVENT_AMOUNT = 1;
    private static final int EVENT_QUARTER = 2;

    private final Scenario scenario;
    private final Model model;
    private final ModelWalk walk;
    private final List<String> labels;
    private final int horizon;
    private final int driverCount;
    private final double[][] schedule;
    private final BlockSampler[] driverSamplers;
    /** For each driver, its place in the copula, or -1 if it is drawn on its own. */
    private final int[] copulaIndex;
    /** The drivers of the copula, and the Cholesky factor L of their normals' correlation (L L^T = C). */
    private final int[] copulaDrivers;
    private final double[][] cholesky;
    private final BlockSampler[] seriesSamplers;
    private final boolean[] standardNormal;

    private final int eventCount;
    private final double[] eventSign;
    private final boolean[] eventInjection;
    private final int[] eventTarget;
    private final double[] eventProbability;
    private final BlockSampler[] eventAmount;
    private final int[] eventFirst;
    private final int[] eventWindow;
    private final boolean[] eventTriggered;
    private final double[] eventTrigger;
    /** {@code triggers[t][q]}: the triggered injections into target t whose window holds quarter q. */
    private final int[][][] triggers;
    private final boolean anyScheduled;
    /** See {@link Overrides}: NaN where a driver is drawn as usual. */
    private final double[] fixedDrivers;
    private final int extraTarget;
    private final int extraQuarter;
    private final double extraInjection;

    /**
     * What-if changes to a scenario that keep its random draws: drivers held at a value (their
     * inputs are still drawn, so every other input of every path is the same as without the
     * change), and an up-front injection into the model's cash in one quarter. Comparing runs with
     * and without them on one seed is a comparison on common random numbers.
     *
     * @param fixedDrivers     driver name to the value it is held at
     * @param injectionQuarter 1-based quarter of the extra injection (ignored if the amount is 0)
     * @param injectionAmount  the extra injection, in the unit of the model's cash
     */
    public record Overrides(Map<String, Double> fixedDrivers, int injectionQuarter, double injectionAmount)
            implements java.io.Serializable {
        /** No change. */
        public static final Overrides NONE = new Overrides(Map.of(), 1, 0.0);

        public Overrides {
            fixedDrivers = Map.copyOf(fixedDrivers);
        }

        /** The scenario with one driver held at a value. */
        public static Overrides fixing(String driver, double value) {
            return new Overrides(Map.of(driver, value), 1, 0.0);
        }

        /** The scenario with an extra up-front injection. */
        public static Overrides injecting(int quarter, double amount) {
            return new Overrides(Map.of(), quarter, amount);
        }
    }

    public PathKernel(Scenario scenario) {
        this(scenario, Overrides.NONE);
    }

    public PathKernel(Scenario scenario, Overrides overrides) {
        this(scenario, overrides, ModelCompiler.BUDGET);
    }

    /** As above, with the model's walk cut into methods of at most {@code budget} weight: for tests of the cut. */
    PathKernel(Scenario scenario, Overrides overrides, int budget) {
        this.scenario = scenario;
        model = scenario.model();
        walk = ModelCompiler.compile(model, budget);
        Schedule scheduled = scenario.schedule();
        labels = scheduled.labels();
        horizon = scheduled.horizon();
        schedule = new double[model.scheduleColumns().size()][];
        for (int c = 0; c < schedule.length; c++) {
            schedule[c] = scheduled.columnWithPast(model.scheduleColumns().get(c));
        }
        List<String> drivers = model.drivers();
        driverCount = drivers.size();
        driverSamplers = new BlockSampler[driverCount];
        for (int d = 0; d < driverCount; d++) {
            driverSamplers[d] = BlockSamplers.of(scenario.driver(drivers.get(d)));
        }
        Copula copula = scenario.copula();
        copulaIndex = new int[driverCount];
        Arrays.fill(copulaIndex, -1);
        copulaDrivers = new int[copula.drivers().size()];
        for (int j = 0; j < copulaDrivers.length; j++) {
            copulaDrivers[j] = drivers.indexOf(copula.drivers().get(j));
            copulaIndex[copulaDrivers[j]] = j;
        }
        cholesky = copula.independent() ? new double[0][0] : copula.normals().cholesky();
        List<Model.Series> series = model.series();
        seriesSamplers = new BlockSampler[series.size()];
        standardNormal = new boolean[series.size()];
        for (int s = 0; s < seriesSamplers.length; s++) {
            Distribution distribution = series.get(s).distribution();
            seriesSamplers[s] = BlockSamplers.of(distribution);
            standardNormal[s] = distribution.equals(Distribution.of(DistributionKind.NORMAL, 0, 1));
        }

        List<Event> events = scenario.events();
        eventCount = events.size();
        eventSign = new double[eventCount];
        eventInjection = new boolean[eventCount];
        eventTarget = new int[eventCount];
        eventProbability = new double[eventCount];
        eventAmount = new BlockSampler[eventCount];
        eventFirst = new int[eventCount];
        eventWindow = new int[eventCount];
        eventTriggered = new boolean[eventCount];
        eventTrigger = new double[eventCount];
        boolean scheduledAny = false;
        List<List<List<Integer>>> active = new ArrayList<>();
        for (int t = 0; t < model.targets().size(); t++) {
            List<List<Integer>> byQuarter = new ArrayList<>();
            for (int q = 0; q < horizon; q++) {
                byQuarter.add(new ArrayList<>());
            }
            active.add(byQuarter);
        }
        for (int k = 0; k < eventCount; k++) {
            Event event = events.get(k);
            eventSign[k] = event.kind().sign();
            eventInjection[k] = event.kind().injection();
            eventTarget[k] = model.targets().indexOf(event.target());
            eventProbability[k] = event.probability();
            eventAmount[k] = BlockSamplers.of(event.amount());
            eventFirst[k] = event.firstQuarter() - 1;
            eventWindow[k] = event.lastQuarter() - event.firstQuarter() + 1;
            eventTriggered[k] = event.triggered();
            eventTrigger[k] = event.triggerBelow();
            scheduledAny |= !event.triggered();
            if (event.triggered()) {
                for (int q = eventFirst[k]; q < eventFirst[k] + eventWindow[k]; q++) {
                    active.get(eventTarget[k]).get(q).add(k);
                }
            }
        }
        triggers = new int[active.size()][horizon][];
        for (int t = 0; t < active.size(); t++) {
            for (int q = 0; q < horizon; q++) {
                triggers[t][q] = active.get(t).get(q).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        if (overrides.injectionAmount() != 0.0 && (overrides.injectionQuarter() < 1
                || overrides.injectionQuarter() > horizon)) {
            throw new IllegalArgumentException("the injection quarter must be within 1.." + horizon + ", found "
                    + overrides.injectionQuarter());
        }
        extraTarget = model.targets().indexOf(Model.CASH);
        if (overrides.injectionAmount() != 0.0 && extraTarget < 0) {
            throw new IllegalArgumentException("the model of " + model.file() + " has no item named cash to inject into");
        }
        fixedDrivers = new double[driverCount];
        Arrays.fill(fixedDrivers, Double.NaN);
        overrides.fixedDrivers().forEach((driver, value) -> {
            int d = drivers.indexOf(driver);
            if (d < 0) {
                throw new IllegalArgumentException("the model has no driver " + driver);
            }
            fixedDrivers[d] = value;
        });
        extraQuarter = overrides.injectionQuarter() - 1;
        extraInjection = overrides.injectionAmount();
        anyScheduled = scheduledAny || extraInjection != 0.0;
    }

    public int horizon() {
        return horizon;
    }

    /**
     * The scenario with, for every item events can move, a shock and a scheduled injection in a
     * random quarter and a triggered injection that always finds its level, each on half of the
     * paths and of amount 0: it takes every branch of the walk and changes no value.
     */
    static Scenario primer(Scenario scenario) {
        Model model = scenario.model();
        int horizon = scenario.horizon();
        List<Event> events = new ArrayList<>();
        Distribution none = Distribution.constant(0.0);
        for (String target : model.targets()) {
            events.add(new Event("shock_" + target, EventKind.CASH_SHOCK, 0.5, none, 1, horizon, false, Double.NaN,
                    target, ""));
            if (model.injected().contains(target)) {
                events.add(new Event("injection_" + target, EventKind.INJECTION, 0.5, none, 1, horizon, false,
                        Double.NaN, target, ""));
                events.add(new Event("rescue_" + target, EventKind.INJECTION, 0.5, none, 1, horizon, true,
                        Double.MAX_VALUE, target, ""));
            }
        }
        return new Scenario(scenario.name(), scenario.description(), scenario.drivers(), scenario.driverSources(),
                events, scenario.schedule(), scenario.correlations(), scenario.copula(), model);
    }

    public Model model() {
        return model;
    }

    /** The per-path drivers: the first dimensions of a path, and the ones Latin hypercube sampling stratifies. */
    public int drivers() {
        return driverCount;
    }

    /**
     * The random inputs of a path, numbered: one per driver (in the model's order), three per event
     * (its switch, its amount, its quarter), one per random series and quarter.
     */
    public int dimensions() {
        return driverCount + EVENT_PARTS * eventCount + horizon * seriesSamplers.length;
    }

    /**
     * What one random input of a path is, for reports and for searches in the inputs' standard
     * normal space.
     *
     * @param input    the driver's, event's or random series' name
     * @param part     {@code driver}, {@code switch}, {@code amount} or {@code quarter} (an event's three), or
     *                 {@code series}
     * @param quarter  for a series, the quarter it is drawn for (1-based); else 0
     * @param drawn    whether the walk draws it at all: a constant driver and a triggered event's quarter are not
     * @param discrete whether it takes a few values only (bernoulli and discrete uniform drivers, an event's
     *                 switch and quarter), so moving it a little changes nothing or jumps
     */
    public record Dimension(String input, String part, int quarter, boolean drawn, boolean discrete) {
    }

    /** Dimension {@code d} of a path ({@link #dimensions}). */
    public Dimension dimension(int d) {
        if (d < 0 || d >= dimensions()) {
            throw new IndexOutOfBoundsException("dimension " + d + " of " + dimensions());
        }
        if (d < driverCount) {
            DistributionKind kind = scenario.driver(model.drivers().get(d)).kind();
            return new Dimension(model.drivers().get(d), "driver", 0, !driverSamplers[d].constant(),
                    kind == DistributionKind.BERNOULLI || kind == DistributionKind.DISCRETE_UNIFORM);
        }
        int rest = d - driverCount;
        if (rest < EVENT_PARTS * eventCount) {
            int event = rest / EVENT_PARTS;
            int part = rest % EVENT_PARTS;
            String name = scenario.events().get(event).name();
            return switch (part) {
                case EVENT_ON -> new Dimension(name, "switch", 0, true, true);
                case EVENT_AMOUNT -> new Dimension(name, "amount", 0, !eventAmount[event].constant(), false);
                default -> new Dimension(name, "quarter", 0, !eventTriggered[event], true);
            };
        }
        rest -= EVENT_PARTS * eventCount;
        int series = rest % seriesSamplers.length;
        return new Dimension(model.series().get(series).name(), "series", rest / seriesSamplers.length + 1,
                !seriesSamplers[series].constant(), false);
    }

    int eventDimension(int event, int part) {
        return driverCount + EVENT_PARTS * event + part;
    }

    int seriesDimension(int quarter, int series) {
        return driverCount + EVENT_PARTS * eventCount + quarter * seriesSamplers.length + series;
    }

    /** Scratch arrays for walking this scenario's paths; one per thread, reused block after block. */
    public Workspace workspace() {
        return new Workspace(this);
    }

    /**
     * Simulates paths {@code first .. first + count - 1} of the run from the block's random
     * inputs, writing them at those indexes of {@code out}. The workspace must be this kernel's
     * and not in use by another thread.
     *
     * @param firstPath the run's index of the first path, for messages
     */
    public void simulate(Workspace workspace, RandomInputs inputs, PathResults out, int first, int count,
            long firstPath) {
        if (workspace.k != this) {
            throw new IllegalArgumentException("the workspace belongs to another scenario's kernel");
        }
        workspace.inputs = inputs;
        workspace.simulate(out, first, count, firstPath);
    }

    /**
     * Walks {@code count} paths from {@code inputs} as {@link #simulate} does, for the pre-flight
     * check: a value that is not finite is reported as met on a pre-flight path.
     */
    void preflight(RandomInputs inputs, PathResults out, int count) {
        Workspace workspace = workspace();
        workspace.w.preflight = true;
        simulate(workspace, inputs, out, 0, count, 0L);
    }

    /**
     * The error for the value the checked walk found not finite, at the input cell the path's
     * values trace it to (or at the item's formula, if they trace it to no cell).
     */
    private NonFiniteValueException traced(WalkState w, double[][] eventOn, int[][] eventQuarter) {
        return traced(w, eventOn, eventQuarter, w.failedItem, w.failedQuarter, w.failedPath,
                WalkState.nonFinite(w.failedValue), WalkState.ADVICE);
    }

    /** The error for item {@code item} of path {@code i} in quarter {@code q}, which {@code is} as said. */
    private NonFiniteValueException traced(WalkState w, double[][] eventOn, int[][] eventQuarter, int item, int q,
            int i, String is, String advice) {
        PathTrace.Origin origin = PathTrace.of(scenario, w, eventOn, eventQuarter, i, item, q);
        InputCell cell = origin != null && origin.cell() != null ? origin.cell()
                : new InputCell(model.file(), model.items().get(item).line(), "formula");
        String message = "scenario " + scenario.name() + ": " + w.describe(item, q, i, is)
                + (origin == null ? "" : "; the input most likely responsible is " + origin.what()) + ". " + advice;
        return new NonFiniteValueException(cell.error(message));
    }

    /**
     * On a pre-flight path, the error for the first reported value beyond {@link #PREFLIGHT_LIMIT}
     * in magnitude: finite, but the squares the statistics sum over many paths would overflow.
     */
    private void checkMagnitudes(WalkState w, double[][] eventOn, int[][] eventQuarter, PathResults out, int start,
            int n) {
        for (int r = 0; r < model.reported().size(); r++) {
            for (int q = 0; q < horizon; q++) {
                double[] values = out.values[r][q];
                for (int i = 0; i < n; i++) {
                    if (Math.abs(values[start + i]) > PREFLIGHT_LIMIT) {
                        int item = model.itemIndexes().get(model.reported().get(r));
                        throw traced(w, eventOn, eventQuarter, item, q, i, "reaches "
                                + InputLimits.approximate(values[start + i]), "Beyond ±"
                                + InputLimits.limit(PREFLIGHT_LIMIT) + ", the squares the statistics sum over the paths "
                                + "overflow; narrow the input that feeds it, or guard the formula (min, max, if)");
                    }
                }
            }
        }
    }

    /**
     * The state of up to {@link #CHUNK} paths walked side by side, structure-of-arrays: the
     * quarter loop is outside, the path loop inside, so the paths' independent chains of
     * {@code exp} and additions overlap in the processor instead of waiting on each other.
     */
    public static final class Workspace {
        private final PathKernel k;
        private final WalkState w;
        private RandomInputs inputs;
        private final double[] input = new double[CHUNK];
        private final double[][] independent;
        private final double[][] eventOn;
        private final int[][] eventQuarter;
        private final double[] injectedAtDraw = new double[CHUNK];
        private final boolean[] firedAtDraw = new boolean[CHUNK];

        private Workspace(PathKernel k) {
            this.k = k;
            double[] levels = k.eventTrigger.clone();
            w = new WalkState(k.model, k.labels, CHUNK, k.eventCount, k.triggers, levels);
            w.past = k.scenario.schedule().past();
            for (int c = 0; c < k.schedule.length; c++) {
                w.schedule[c] = k.schedule[c];
            }
            for (int d = 0; d < k.driverCount; d++) {
                if (k.driverSamplers[d].constant()) {
                    k.driverSamplers[d].fromUniforms(w.drivers[d], w.drivers[d], CHUNK);
                }
            }
            independent = new double[k.copulaDrivers.length][CHUNK];
            eventOn = new double[k.eventCount][CHUNK];
            eventQuarter = new int[k.eventCount][CHUNK];
        }

        void simulate(PathResults out, int first, int count, long firstPath) {
            for (int start = first; start < first + count; start += CHUNK) {
                int n = Math.min(CHUNK, first + count - start);
                inputs.startChunk(start - first, n);
                draw(n);
                w.firstPath = firstPath + (start - first);
                walk(out, start, n);
            }
        }

        /** Draws every driver, event and series of {@code n} paths, and places the events that fire at a drawn quarter. */
        private void draw(int n) {
            double[] injected = w.injected;
            boolean[] fired = w.fired;
            Arrays.fill(injected, 0, n, 0.0);
            Arrays.fill(fired, 0, n, false);
            double[][] drawn = w.drivers;
            for (int d = 0; d < drawn.length; d++) {
                if (k.copulaIndex[d] >= 0) {
                    inputs.normals(d, independent[k.copulaIndex[d]], n);
                } else if (!k.driverSamplers[d].constant()) {
                    draw(k.driverSamplers[d], d, drawn[d], n);
                }
            }
            correlate(n);
            for (int d = 0; d < drawn.length; d++) {
                if (!Double.isNaN(k.fixedDrivers[d])) {
                    Arrays.fill(drawn[d], 0, n, k.fixedDrivers[d]);
                }
            }
            for (int e = 0; e < k.eventCount; e++) {
                inputs.uniforms(k.eventDimension(e, EVENT_ON), input, n);
                for (int i = 0; i < n; i++) {
                    eventOn[e][i] = input[i] < k.eventProbability[e] ? 1.0 : 0.0;
                }
                double[] amount = w.amount[e];
                draw(k.eventAmount[e], k.eventDimension(e, EVENT_AMOUNT), amount, n);
                if (k.eventTriggered[e]) {
                    for (int i = 0; i < n; i++) {
                        w.pending[e][i] = eventOn[e][i] != 0.0;
                    }
                    continue;
                }
                inputs.uniforms(k.eventDimension(e, EVENT_QUARTER), input, n);
                int window = k.eventWindow[e];
                for (int i = 0; i < n; i++) {
                    eventQuarter[e][i] = k.eventFirst[e] + Math.min((int) (input[i] * window), window - 1);
                }
                int t = k.eventTarget[e];
                double[][] effect = k.eventInjection[e] ? w.injection[t] : w.shock[t];
                double sign = k.eventSign[e];
                for (int i = 0; i < n; i++) {
                    effect[eventQuarter[e][i]][i] += sign * (eventOn[e][i] * amount[i]);
                }
                if (k.eventInjection[e]) {
                    // It fires for sure inside the horizon, so its total is known before the walk.
                    for (int i = 0; i < n; i++) {
                        injected[i] += eventOn[e][i] * amount[i];
                        fired[i] |= eventOn[e][i] != 0.0;
                    }
                }
            }
            if (k.extraInjection != 0.0) {
                double[] extra = w.injection[k.extraTarget][k.extraQuarter];
                for (int i = 0; i < n; i++) {
                    extra[i] += k.extraInjection;
                    injected[i] += k.extraInjection;
                    fired[i] = true;
                }
            }
            for (int q = 0; q < k.horizon; q++) {
                for (int s = 0; s < k.seriesSamplers.length; s++) {
                    if (k.standardNormal[s]) {
                        inputs.normals(k.seriesDimension(q, s), w.series[q][s], n);
                    } else {
                        draw(k.seriesSamplers[s], k.seriesDimension(q, s), w.series[q][s], n);
                    }
                }
            }
        }

        /**
         * The copula: correlated normals {@code y = L z} from the drivers' independent normals,
         * each then mapped through its driver's own marginal, which stays exactly as given.
         */
        private void correlate(int n) {
            double[][] l = k.cholesky;
            for (int j = 0; j < l.length; j++) {
                for (int i = 0; i < n; i++) {
                    double y = 0.0;
                    for (int m = 0; m <= j; m++) {
                        y += l[j][m] * independent[m][i];
                    }
                    input[i] = y;
                }
                int d = k.copulaDrivers[j];
                k.driverSamplers[d].fromNormals(input, w.drivers[d], n);
            }
        }

        /** Draws one sampler's values for the chunk from its dimension, in the input kind it is built on. */
        private void draw(BlockSampler sampler, int dimension, double[] out, int n) {
            if (sampler.input() == BlockSampler.Input.NORMAL) {
                inputs.normals(dimension, input, n);
                sampler.fromNormals(input, out, n);
            } else {
                inputs.uniforms(dimension, input, n);
                sampler.fromUniforms(input, out, n);
            }
        }

        private void walk(PathResults out, int start, int n) {
            w.reported = out.values;
            w.breach = out.breach;
            w.start = start;
            System.arraycopy(w.injected, 0, injectedAtDraw, 0, n);
            System.arraycopy(w.fired, 0, firedAtDraw, 0, n);
            w.nonFinite = false;
            k.walk.walk(w, n);
            if (w.nonFinite) {
                locateNonFinite(n);
            }
            if (w.preflight) {
                k.checkMagnitudes(w, eventOn, eventQuarter, out, start, n);
            }
            if (out.drivers != null) {
                for (int d = 0; d < w.drivers.length; d++) {
                    System.arraycopy(w.drivers[d], 0, out.drivers[d], start, n);
                }
                for (int e = 0; e < Math.min(k.eventCount, out.events.length); e++) {
                    for (int i = 0; i < n; i++) {
                        out.events[e][start + i] = eventOn[e][i] * w.amount[e][i];
                    }
                }
            }
            System.arraycopy(w.firstBreach, 0, out.firstBreach, start, n);
            System.arraycopy(w.injected, 0, out.injected, start, n);
            System.arraycopy(w.fired, 0, out.injectionFired, start, n);
            if (k.anyScheduled) {
                for (double[][] target : w.shock) {
                    clear(target, n);
                }
                for (double[][] target : w.injection) {
                    clear(target, n);
                }
            }
        }

        /** Walks the chunk again from its draws, checking every item, to say which one went bad where. */
        private void locateNonFinite(int n) {
            System.arraycopy(injectedAtDraw, 0, w.injected, 0, n);
            System.arraycopy(firedAtDraw, 0, w.fired, 0, n);
            for (int e = 0; e < k.eventCount; e++) {
                if (k.eventTriggered[e]) {
                    for (int i = 0; i < n; i++) {
                        w.pending[e][i] = eventOn[e][i] != 0.0;
                    }
                }
            }
            w.failedItem = -1;
            try {
                k.walk.walkChecked(w, n);
            } catch (NonFiniteValueException e) {
                if (w.failedItem < 0) {
                    throw e;
                }
                throw k.traced(w, eventOn, eventQuarter);
            }
            throw new NonFiniteValueException("a line item of " + k.model.file() + " is not finite on a path of the "
                    + "chunk from path " + w.firstPath + ", but the checked walk did not find it; please report this");
        }

        private static void clear(double[][] effect, int n) {
            for (double[] quarter : effect) {
                Arrays.fill(quarter, 0, n, 0.0);
            }
        }
    }
}
