package dev.runway.sim;

import dev.runway.model.Scenario;

import java.io.Serializable;

/**
 * What the simulated paths of one scenario recorded, as structure-of-arrays: path {@code i}
 * of the run lives at index {@code i} of every array, whatever block or thread produced it.
 */
public final class PathResults implements Serializable {
    private static final long serialVersionUID = 2L;

    /** {@code values[r][q][i]}: the model's reported item r of path i at the end of quarter q+1. */
    final double[][][] values;
    /** {@code breach[q][i]}: whether the model's breach rule held for path i at the end of quarter q+1. */
    final boolean[][] breach;
    /** The first quarter (1-based) in breach; 0 if none is. */
    final int[] firstBreach;
    /** The total injected over the horizon on each path. */
    final double[] injected;
    /** Whether any injection fired on the path (an amount may be 0 and still have fired). */
    final boolean[] injectionFired;
    /** {@code drivers[d][i]}: the value of driver d (model order) on path i, if asked for; else null. */
    final double[][] drivers;
    /** {@code events[e][i]}: the amount of event e on path i if it was on, else 0; kept with the drivers. */
    final double[][] events;

    /**
     * @param items   the reported items
     * @param drivers the drivers to record per path (0 to record none)
     * @param events  the events whose amounts to record with the drivers
     */
    public PathResults(int horizon, int items, int paths, int drivers, int events) {
        values = new double[items][horizon][paths];
        breach = new boolean[horizon][paths];
        this.drivers = drivers > 0 ? new double[drivers][paths] : null;
        this.events = drivers > 0 ? new double[events][paths] : null;
        firstBreach = new int[paths];
        injected = new double[paths];
        injectionFired = new boolean[paths];
    }

    /** Room for a scenario's paths: its reported items every quarter. */
    public static PathResults of(Scenario scenario, int paths) {
        return new PathResults(scenario.horizon(), scenario.model().reported().size(), paths, 0, 0);
    }

    /** As {@link #of}, also keeping every path's drivers and event amounts (for the sensitivity). */
    public static PathResults recording(Scenario scenario, int paths) {
        return new PathResults(scenario.horizon(), scenario.model().reported().size(), paths,
                scenario.model().drivers().size(), scenario.events().size());
    }

    /** Every path's value of a driver of the scenario's model, if recorded (shared, not copied). */
    public double[] driver(dev.runway.model.Model model, String driver) {
        int index = model.drivers().indexOf(driver);
        if (index < 0) {
            throw new IllegalArgumentException("the model has no driver " + driver);
        }
        return driver(index);
    }

    /** The bytes a path takes: every reported item and the breach flag each quarter, first breach, injections. */
    public static long bytesPerPath(int horizon, int items) {
        return (8L * items + 1) * horizon + 13;
    }

    /**
     * A larger buffer holding these paths at the same indexes, so a run can add blocks of paths
     * after the ones already simulated.
     */
    public PathResults grownTo(int paths) {
        if (paths < paths()) {
            throw new IllegalArgumentException("cannot shrink " + paths() + " paths to " + paths);
        }
        PathResults grown = like(paths);
        grown.put(0, this, paths());
        return grown;
    }

    private static void copy(double[][] from, int first, double[][] to, int at, int count) {
        for (int k = 0; k < from.length; k++) {
            System.arraycopy(from[k], first, to[k], at, count);
        }
    }

    /**
     * Copies the first {@code count} paths of {@code block} (a block simulated on its own, at
     * indexes 0..count-1) to indexes {@code first ..} of these results: how results computed
     * elsewhere (another machine) are put back in path order. Recorded drivers and event amounts
     * come too when both hold them.
     */
    public void put(int first, PathResults block, int count) {
        for (int r = 0; r < values.length; r++) {
            for (int q = 0; q < breach.length; q++) {
                System.arraycopy(block.values[r][q], 0, values[r][q], first, count);
            }
        }
        for (int q = 0; q < breach.length; q++) {
            System.arraycopy(block.breach[q], 0, breach[q], first, count);
        }
        System.arraycopy(block.firstBreach, 0, firstBreach, first, count);
        System.arraycopy(block.injected, 0, injected, first, count);
        System.arraycopy(block.injectionFired, 0, injectionFired, first, count);
        if (drivers != null && block.drivers != null) {
            copy(block.drivers, 0, drivers, first, count);
            copy(block.events, 0, events, first, count);
        }
    }

    /** Whether these results keep every path's drivers and event amounts ({@link #recording}). */
    public boolean recordsDrivers() {
        return drivers != null;
    }

    /** Empty room for {@code paths} paths of the same shape: items, quarters, and recording or not. */
    public PathResults like(int paths) {
        return new PathResults(horizon(), items(), paths, drivers == null ? 0 : drivers.length,
                events == null ? 0 : events.length);
    }

    public int paths() {
        return firstBreach.length;
    }

    public int horizon() {
        return breach.length;
    }

    /** The reported items held. */
    public int items() {
        return values.length;
    }

    /** The primary item of every path at the end of quarter {@code quarter} (1-based). Shared, not copied. */
    public double[] primaryAt(int quarter) {
        return values[0][quarter - 1];
    }

    /** Reported item {@code item} of every path at the end of quarter {@code quarter} (1-based). Shared. */
    public double[] valueAt(int item, int quarter) {
        return values[item][quarter - 1];
    }

    /** Whether each path is in breach at the end of quarter {@code quarter} (1-based). Shared, not copied. */
    public boolean[] breachAt(int quarter) {
        return breach[quarter - 1];
    }

    public int firstBreach(int path) {
        return firstBreach[path];
    }

    public double injected(int path) {
        return injected[path];
    }

    public boolean injectionFired(int path) {
        return injectionFired[path];
    }

    /** Every path's amount of the scenario's event {@code event} (0 where it was off), if recorded. */
    public double[] eventAmount(int event) {
        if (events == null || event >= events.length) {
            throw new IllegalStateException("these results do not record event " + event);
        }
        return events[event];
    }

    /** Every path's value of driver {@code driver} (model order; shared, not copied), if recorded. */
    public double[] driver(int driver) {
        if (drivers == null) {
            throw new IllegalStateException("these results do not record drivers; build them with recording()");
        }
        return drivers[driver];
    }
}
