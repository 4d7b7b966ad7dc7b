package dev.runway.sim;

import dev.runway.model.Model;
import dev.runway.model.NonFiniteValueException;

import java.util.List;

/**
 * What a generated {@link ModelWalk} reads and writes for one chunk of paths: the drawn drivers,
 * series and event effects in, the reported items and the breach flags out. Its arrays are
 * public because the generated class lives in a class loader of its own; they are allocated once
 * per thread and reused chunk after chunk, so the walk allocates nothing.
 */
public final class WalkState {
    public final int horizon;
    /** {@code drivers[d][i]}: driver d of path i, in the model's driver order. */
    public final double[][] drivers;
    /** {@code series[q][s][i]}: random series s of path i in quarter q (0-based). */
    public final double[][][] series;
    /**
     * {@code schedule[c][past + q]}: the model's schedule column c in quarter q, after the
     * {@link #past} quarters a rolled-forward schedule keeps for {@code lag}.
     */
    public final double[][] schedule;
    /** The quarters of the schedule before quarter 1 ({@link dev.runway.model.Schedule#past}); 0 unless rolled forward. */
    public int past;
    /**
     * {@code values[k][i]}: item k of path i this quarter, where a large model's walk is cut into
     * several methods and one reads what another computed.
     */
    public final double[][] values;
    /** {@code state[k][i]}: the previous quarter's value of the model's k-th item with a state. */
    public final double[][] state;
    /** {@code shock[t][q][i]}: the sum of the signed shocks to event target t in quarter q. */
    public final double[][][] shock;
    /** {@code injection[t][q][i]}: the sum of the scheduled injections into target t in quarter q. */
    public final double[][][] injection;
    /** {@code triggers[t][q]}: the triggered injections into target t whose window holds quarter q. */
    public final int[][][] triggers;
    /** {@code pending[e][i]}: triggered injection e is on for path i and has not fired yet. */
    public final boolean[][] pending;
    /** {@code amount[e][i]}: the amount of event e for path i. */
    public final double[][] amount;
    /** {@code level[e]}: the level under which triggered injection e fires. */
    public final double[] level;
    public final double[] injected;
    public final boolean[] fired;
    /** The first quarter (1-based) a path breached in; 0 if none. */
    public final int[] firstBreach;
    /** {@code reported[r][q]}: where the model's reported item r is written for quarter q, at {@link #start} + i. */
    public double[][][] reported;
    /** {@code breach[q]}: whether each path is in breach at the end of quarter q, at {@link #start} + i. */
    public boolean[][] breach;
    public int start;
    /** Set by a fast walk that met a value that is not finite; the checked walk then says where. */
    public boolean nonFinite;
    /** The run's index of the chunk's first path, for messages. */
    long firstPath;
    /** Whether the chunk is the pre-flight's, whose paths put the random inputs at their extremes; for messages. */
    boolean preflight;
    /** Where the checked walk met a value that is not finite: the item (evaluation order), quarter and path; -1 if it did not. */
    int failedItem = -1;
    int failedQuarter;
    int failedPath;
    double failedValue;
    private final Model model;
    private final List<String> labels;

    WalkState(Model model, List<String> labels, int chunk, int events, int[][][] triggers,
            double[] level) {
        this.model = model;
        this.labels = labels;
        this.horizon = labels.size();
        int targets = model.targets().size();
        drivers = new double[model.drivers().size()][chunk];
        series = new double[horizon][model.series().size()][chunk];
        schedule = new double[model.scheduleColumns().size()][];
        int states = (int) model.items().stream().filter(Model.Item::state).count();
        state = new double[states][chunk];
        values = new double[model.items().size()][chunk];
        shock = new double[targets][horizon][chunk];
        injection = new double[targets][horizon][chunk];
        this.triggers = triggers;
        pending = new boolean[events][chunk];
        amount = new double[events][chunk];
        this.level = level;
        injected = new double[chunk];
        fired = new boolean[chunk];
        firstBreach = new int[chunk];
    }

    /**
     * Fires each triggered injection of {@code events} still pending on path {@code i} whose level
     * is above the target's value before injections, and returns the value with them.
     */
    public double trigger(int[] events, int i, double value) {
        double before = value;
        double after = value;
        for (int e : events) {
            if (pending[e][i] && before < level[e]) {
                pending[e][i] = false;
                after += amount[e][i];
                injected[i] += amount[e][i];
                fired[i] = true;
            }
        }
        return after;
    }

    /** {@code column} at quarter {@code q - lag} (0-based; a lag is truncated to whole quarters), 0 outside it. */
    public static double lag(double[] column, int q, double lag) {
        long index = q - (long) lag;
        return index >= 0 && index < column.length ? column[(int) index] : 0.0;
    }

    /** The error for item {@code item} (evaluation order) of path {@code i} in quarter {@code q} (0-based). */
    public NonFiniteValueException nonFinite(int item, int q, int i, double value) {
        failedItem = item;
        failedQuarter = q;
        failedPath = i;
        failedValue = value;
        return new NonFiniteValueException(describe(item, q, i, nonFinite(value)) + ". " + ADVICE);
    }

    /** How a value that is not finite is said: "is +infinity". */
    static String nonFinite(double value) {
        return "is " + (Double.isNaN(value) ? "undefined (NaN)" : value > 0 ? "+infinity" : "-infinity");
    }

    /** What a generated walk says, after where, when a value is not finite. */
    static final String ADVICE = "A log or sqrt of a negative number, a division by zero, or an overflow from an "
            + "extreme value; narrow the input that feeds it, or guard the formula (max, if)";

    /** Which item {@code is} what it is ("is +infinity"), when and on which path, and its formula. */
    String describe(int item, int q, int i, String is) {
        Model.Item at = model.items().get(item);
        return at.name() + " " + is + " in quarter " + (q + 1) + " (" + labels.get(q) + ") " + (preflight ? "on a pre-flight path that "
                + "puts random inputs at the ends of their range (a chance of 1.3e-12 beyond each)" : "on path "
                + (firstPath + i)) + ": " + model.file() + " line " + at.line() + ", " + at.name() + " = "
                + at.formulaText();
    }
}
