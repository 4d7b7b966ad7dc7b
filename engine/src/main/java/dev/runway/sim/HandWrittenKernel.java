package dev.runway.sim;

import dev.runway.model.Copula;
import dev.runway.model.Event;
import dev.runway.model.EventKind;
import dev.runway.model.Scenario;
import dev.runway.model.Schedule;
import dev.runway.model.StandardModel;
import dev.runway.sample.BlockSampler;
import dev.runway.sample.BlockSamplers;
import dev.runway.sample.RandomInputs;

import java.util.Arrays;
import java.util.List;

/**
 * The engine's original hand-written walk of the standard model, kept only as the oracle that the
 * compiled standard model is tested against (byte for byte) and as the baseline of its benchmark;
 * runs use {@link HandWrittenKernel}. It knows the ten standard drivers, the six standard schedule
 * columns and the three event kinds with their default targets, nothing else. Its code is the
 * original's, drawing included, and deliberately shares none with {@link PathKernel}, so that a
 * mistake in the shared code could not hide from the comparison.
 *
 * <p>The walk, written once. Each path draws its drivers and events, then
 * walks the quarters {@code q = 1..H}:
 *
 * <pre>
 * e    = volume_persistence * e + volume_volatility * z_q            z_q ~ N(0,1), iid
 * v    = v + volume_trend + e + (volume shocks that fire in q)
 * revenue   = base_revenue[q] * exp(v)
 * savings   = savings_realization * savings_target[q - savings_delay]      0 before quarter 1
 * operating = contribution_margin * revenue - fixed_costs[q] + savings
 * outflows  = restructuring_overrun * restructuring_cost[q] + capex[q]
 *             + (1 - refinancing_share) * debt_maturity[q] + (cash shocks that fire in q)
 * cash = cash + operating - outflows
 * cash = cash + (injections that fire in q)          triggered ones when cash is below their trigger
 * record cash[q]; breach[q] = cash[q] &lt; min_liquidity
 * </pre>
 *
 * <p>A block is walked in chunks of {@link #CHUNK} paths. Each random input of a path is a
 * numbered dimension ({@link #dimensions}), drawn for every path of the chunk at once, in a fixed
 * order: the drivers (in {@link Driver} order), then for each event its switch, its amount and
 * (untriggered events) its quarter, then, quarter by quarter, the volume shocks. Where the
 * inputs come from is the sampling method's business ({@link RandomInputs}). Beta, PERT and Student's t
 * drivers come from precomputed quantile tables, so no draw runs an iterative solver. Draws go
 * into small primitive arrays that stay in cache; nothing is allocated per path or per quarter.
 */
public final class HandWrittenKernel {
    /** Paths whose drivers are drawn together; part of the order of random draws, so fixed. */
    public static final int CHUNK = 256;

    /** The first dimensions of a path are its drivers, in the standard model's order. */
    public static final int DRIVERS = StandardModel.DRIVERS.size();
    private static final int EVENT_PARTS = 3;
    private static final int EVENT_ON = 0;
    private static final int EVENT_AMOUNT = 1;
    private static final int EVENT_QUARTER = 2;
    private static final int OPENING_CASH = StandardModel.DRIVERS.indexOf("opening_cash");
    private static final int MIN_LIQUIDITY = StandardModel.DRIVERS.indexOf("min_liquidity");
    private static final int VOLUME_TREND = StandardModel.DRIVERS.indexOf("volume_trend");
    private static final int VOLUME_VOLATILITY = StandardModel.DRIVERS.indexOf("volume_volatility");
    private static final int VOLUME_PERSISTENCE = StandardModel.DRIVERS.indexOf("volume_persistence");
    private static final int CONTRIBUTION_MARGIN = StandardModel.DRIVERS.indexOf("contribution_margin");
    private static final int SAVINGS_REALIZATION = StandardModel.DRIVERS.indexOf("savings_realization");
    private static final int SAVINGS_DELAY = StandardModel.DRIVERS.indexOf("savings_delay");
    private static final int RESTRUCTURING_OVERRUN = StandardModel.DRIVERS.indexOf("restructuring_overrun");
    private static final int REFINANCING_SHARE = StandardModel.DRIVERS.indexOf("refinancing_share");

    private final int horizon;
    private final double[] baseRevenue;
    private final double[] fixedCostsAndCapex;
    /** The savings targets after {@link #maxDelay} leading zeros, so a delayed index needs no branch. */
    private final double[] delayedSavings;
    private final int maxDelay;
    private final double[] restructuringCost;
    private final double[] debtMaturity;
    private final BlockSampler[] driverSamplers;
    /** For each driver, its place in the copula, or -1 if it is drawn on its own. */
    private final int[] copulaIndex;
    /** The drivers of the copula, and the Cholesky factor L of their normals' correlation (L L^T = C). */
    private final int[] copulaDrivers;
    private final double[][] cholesky;

    private final int eventCount;
    private final EventKind[] eventKind;
    private final double[] eventProbability;
    private final BlockSampler[] eventAmount;
    private final int[] eventFirst;
    private final int[] eventWindow;
    private final boolean[] eventTriggered;
    private final double[] eventTrigger;
    private final boolean anyScheduled;

    public HandWrittenKernel(Scenario scenario) {
        Schedule schedule = scenario.schedule();
        horizon = schedule.horizon();
        baseRevenue = schedule.column("base_revenue");
        fixedCostsAndCapex = schedule.column("fixed_costs");
        double[] capex = schedule.column("capex");
        for (int q = 0; q < horizon; q++) {
            fixedCostsAndCapex[q] += capex[q];
        }
        maxDelay = (int) Math.min(scenario.driver("savings_delay").upperBound(), horizon);
        delayedSavings = new double[maxDelay + horizon];
        System.arraycopy(schedule.column("savings_target"), 0, delayedSavings, maxDelay, horizon);
        restructuringCost = schedule.column("restructuring_cost");
        debtMaturity = schedule.column("debt_maturity");
        List<String> drivers = StandardModel.DRIVERS;
        driverSamplers = new BlockSampler[drivers.size()];
        for (int d = 0; d < drivers.size(); d++) {
            driverSamplers[d] = BlockSamplers.of(scenario.driver(drivers.get(d)));
        }
        Copula copula = scenario.copula();
        copulaIndex = new int[drivers.size()];
        Arrays.fill(copulaIndex, -1);
        copulaDrivers = new int[copula.drivers().size()];
        for (int j = 0; j < copulaDrivers.length; j++) {
            copulaDrivers[j] = drivers.indexOf(copula.drivers().get(j));
            copulaIndex[copulaDrivers[j]] = j;
        }
        cholesky = copula.independent() ? new double[0][0] : copula.normals().cholesky();

        List<Event> events = scenario.events();
        eventCount = events.size();
        eventKind = new EventKind[eventCount];
        eventProbability = new double[eventCount];
        eventAmount = new BlockSampler[eventCount];
        eventFirst = new int[eventCount];
        eventWindow = new int[eventCount];
        eventTriggered = new boolean[eventCount];
        eventTrigger = new double[eventCount];
        boolean scheduled = false;
        for (int k = 0; k < eventCount; k++) {
            Event event = events.get(k);
            if (!event.target().equals(event.kind().defaultTarget())) {
                throw new IllegalArgumentException("the hand-written kernel moves only the default targets; event "
                        + event.name() + " moves " + event.target());
            }
            eventKind[k] = event.kind();
            eventProbability[k] = event.probability();
            eventAmount[k] = BlockSamplers.of(event.amount());
            eventFirst[k] = event.firstQuarter() - 1;
            eventWindow[k] = event.lastQuarter() - event.firstQuarter() + 1;
            eventTriggered[k] = event.triggered();
            eventTrigger[k] = event.triggerBelow();
            scheduled |= !event.triggered();
        }
        anyScheduled = scheduled;
    }

    public int horizon() {
        return horizon;
    }

    /**
     * The random inputs of a path, numbered: one per driver (in {@link Driver} order), three per
     * event (its switch, its amount, its quarter), one per quarter (its volume shock).
     */
    public int dimensions() {
        return DRIVERS + EVENT_PARTS * eventCount + horizon;
    }

    int eventDimension(int event, int part) {
        return DRIVERS + EVENT_PARTS * event + part;
    }

    int quarterDimension(int quarter) {
        return DRIVERS + EVENT_PARTS * eventCount + quarter;
    }

    /** Scratch arrays for walking this scenario's paths; one per thread, reused block after block. */
    public Workspace workspace() {
        return new Workspace(this);
    }

    /**
     * Simulates paths {@code first .. first + count - 1} of the run from the block's random
     * inputs, writing them at those indexes of {@code out}. The workspace must be this kernel's
     * and not in use by another thread.
     */
    public void simulate(Workspace workspace, RandomInputs inputs, PathResults out, int first, int count) {
        if (workspace.k != this) {
            throw new IllegalArgumentException("the workspace belongs to another scenario's kernel");
        }
        workspace.inputs = inputs;
        workspace.simulate(out, first, count);
    }

    /**
     * The state of up to {@link #CHUNK} paths walked side by side, structure-of-arrays: the
     * quarter loop is outside, the path loop inside, so the paths' independent chains of
     * {@code exp} and additions overlap in the processor instead of waiting on each other.
     */
    public static final class Workspace {
        private final HandWrittenKernel k;
        private RandomInputs inputs;
        private final double[] input = new double[CHUNK];
        private final double[][] independent;
        private final double[][] drawn;
        private final double[][] eventOn;
        private final double[][] amount;
        private final int[][] eventQuarter;
        /**
         * Event effects by [quarter][path], zero where nothing fires. Kept even for kinds the
         * scenario lacks: one code path for every scenario, so the JIT never recompiles the walk.
         */
        private final double[][] volumeShock;
        private final double[][] cashShock;
        private final double[][] injection;
        private final boolean[][] pending;
        private final double[] normal = new double[CHUNK];
        private final double[] noise = new double[CHUNK];
        private final double[] volume = new double[CHUNK];
        private final double[] growth = new double[CHUNK];
        private final double[] balance = new double[CHUNK];
        private final double[] beforeInjections = new double[CHUNK];
        private final double[] injected = new double[CHUNK];
        private final boolean[] fired = new boolean[CHUNK];
        private final int[] firstBreach = new int[CHUNK];
        private final int[] delay = new int[CHUNK];

        private Workspace(HandWrittenKernel k) {
            this.k = k;
            drawn = new double[k.driverSamplers.length][CHUNK];
            for (int d = 0; d < drawn.length; d++) {
                if (k.driverSamplers[d].constant()) {
                    k.driverSamplers[d].fromUniforms(drawn[d], drawn[d], CHUNK);
                }
            }
            independent = new double[k.copulaDrivers.length][CHUNK];
            eventOn = new double[k.eventCount][CHUNK];
            amount = new double[k.eventCount][CHUNK];
            eventQuarter = new int[k.eventCount][CHUNK];
            volumeShock = new double[k.horizon][CHUNK];
            cashShock = new double[k.horizon][CHUNK];
            injection = new double[k.horizon][CHUNK];
            pending = new boolean[k.eventCount][CHUNK];
        }

        void simulate(PathResults out, int first, int count) {
            for (int start = first; start < first + count; start += CHUNK) {
                int n = Math.min(CHUNK, first + count - start);
                inputs.startChunk(start - first, n);
                draw(n);
                walk(out, start, n);
            }
        }

        /** Draws every driver and event of {@code n} paths, and places the events that fire at a drawn quarter. */
        private void draw(int n) {
            Arrays.fill(injected, 0, n, 0.0);
            Arrays.fill(fired, 0, n, false);
            for (int d = 0; d < drawn.length; d++) {
                if (k.copulaIndex[d] >= 0) {
                    inputs.normals(d, independent[k.copulaIndex[d]], n);
                } else if (!k.driverSamplers[d].constant()) {
                    draw(k.driverSamplers[d], d, drawn[d], n);
                }
            }
            correlate(n);
            for (int e = 0; e < k.eventCount; e++) {
                inputs.uniforms(k.eventDimension(e, EVENT_ON), input, n);
                for (int i = 0; i < n; i++) {
                    eventOn[e][i] = input[i] < k.eventProbability[e] ? 1.0 : 0.0;
                }
                draw(k.eventAmount[e], k.eventDimension(e, EVENT_AMOUNT), amount[e], n);
                if (k.eventTriggered[e]) {
                    for (int i = 0; i < n; i++) {
                        pending[e][i] = eventOn[e][i] != 0.0;
                    }
                    continue;
                }
                inputs.uniforms(k.eventDimension(e, EVENT_QUARTER), input, n);
                int window = k.eventWindow[e];
                for (int i = 0; i < n; i++) {
                    eventQuarter[e][i] = k.eventFirst[e] + Math.min((int) (input[i] * window), window - 1);
                }
                double[][] effect = switch (k.eventKind[e]) {
                    case VOLUME_SHOCK -> volumeShock;
                    case CASH_SHOCK -> cashShock;
                    case INJECTION -> injection;
                };
                for (int i = 0; i < n; i++) {
                    effect[eventQuarter[e][i]][i] += eventOn[e][i] * amount[e][i];
                }
                if (k.eventKind[e].injection()) {
                    // It fires for sure inside the horizon, so its total is known before the walk.
                    for (int i = 0; i < n; i++) {
                        injected[i] += eventOn[e][i] * amount[e][i];
                        fired[i] |= eventOn[e][i] != 0.0;
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
                k.driverSamplers[d].fromNormals(input, drawn[d], n);
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
            double[] minLiquidity = drawn[MIN_LIQUIDITY];
            double[] trend = drawn[VOLUME_TREND];
            double[] volatility = drawn[VOLUME_VOLATILITY];
            double[] persistence = drawn[VOLUME_PERSISTENCE];
            double[] margin = drawn[CONTRIBUTION_MARGIN];
            double[] realization = drawn[SAVINGS_REALIZATION];
            double[] overrun = drawn[RESTRUCTURING_OVERRUN];
            double[] refinanced = drawn[REFINANCING_SHARE];
            for (int i = 0; i < n; i++) {
                noise[i] = 0.0;
                volume[i] = 0.0;
                balance[i] = drawn[OPENING_CASH][i];
                firstBreach[i] = 0;
                delay[i] = (int) Math.min(drawn[SAVINGS_DELAY][i], k.maxDelay);
            }
            double[] savingsTarget = k.delayedSavings;
            int lead = k.maxDelay;
            for (int q = 0; q < k.horizon; q++) {
                inputs.normals(k.quarterDimension(q), normal, n);
                double base = k.baseRevenue[q];
                double fixed = k.fixedCostsAndCapex[q];
                double restructuring = k.restructuringCost[q];
                double maturing = k.debtMaturity[q];
                double[] cash = out.values[0][q];
                boolean[] breach = out.breach[q];
                // Separate passes, so the exp call of the middle one has few live values around it.
                for (int i = 0; i < n; i++) {
                    double e = persistence[i] * noise[i] + volatility[i] * normal[i];
                    noise[i] = e;
                    volume[i] += trend[i] + e + volumeShock[q][i];
                }
                for (int i = 0; i < n; i++) {
                    growth[i] = Math.exp(volume[i]);
                }
                for (int i = 0; i < n; i++) {
                    double b = balance[i] + margin[i] * base * growth[i] - fixed
                            + realization[i] * savingsTarget[lead + q - delay[i]]
                            - overrun[i] * restructuring - (1.0 - refinanced[i]) * maturing
                            - cashShock[q][i];
                    balance[i] = b;
                }
                trigger(q, n);
                for (int i = 0; i < n; i++) {
                    double b = balance[i] + injection[q][i];
                    balance[i] = b;
                    cash[start + i] = b;
                    boolean inBreach = b < minLiquidity[i];
                    breach[start + i] = inBreach;
                    if (firstBreach[i] == 0 && inBreach) {
                        firstBreach[i] = q + 1;
                    }
                }
            }
            if (out.drivers != null) {
                for (int d = 0; d < drawn.length; d++) {
                    System.arraycopy(drawn[d], 0, out.drivers[d], start, n);
                }
                for (int e = 0; e < Math.min(k.eventCount, out.events.length); e++) {
                    for (int i = 0; i < n; i++) {
                        out.events[e][start + i] = eventOn[e][i] * amount[e][i];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                out.firstBreach[start + i] = firstBreach[i];
                out.injected[start + i] = injected[i];
                out.injectionFired[start + i] = fired[i];
            }
            if (k.anyScheduled) {
                clear(volumeShock, n);
                clear(cashShock, n);
                clear(injection, n);
            }
        }

        /**
         * Fires each pending triggered injection whose window holds quarter {@code q} on the paths
         * whose cash before injections (the balance so far; scheduled injections come after) is
         * below its trigger.
         */
        private void trigger(int q, int n) {
            boolean snapshot = false;
            for (int e = 0; e < k.eventCount; e++) {
                if (!k.eventTriggered[e] || q < k.eventFirst[e] || q >= k.eventFirst[e] + k.eventWindow[e]) {
                    continue;
                }
                if (!snapshot) {
                    // Every trigger compares the cash before any injection of the quarter, this one's included.
                    System.arraycopy(balance, 0, beforeInjections, 0, n);
                    snapshot = true;
                }
                double level = k.eventTrigger[e];
                boolean[] waiting = pending[e];
                for (int i = 0; i < n; i++) {
                    if (waiting[i] && beforeInjections[i] < level) {
                        waiting[i] = false;
                        balance[i] += amount[e][i];
                        injected[i] += amount[e][i];
                        fired[i] = true;
                    }
                }
            }
        }

        private static void clear(double[][] effect, int n) {
            for (double[] quarter : effect) {
                Arrays.fill(quarter, 0, n, 0.0);
            }
        }
    }
}
