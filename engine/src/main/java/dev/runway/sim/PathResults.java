package dev.runway.sim;

import dev.runway.model.Driver;

import java.io.Serializable;

/**
 * What the simulated paths of one scenario recorded, as structure-of-arrays: path {@code i}
 * of the run lives at index {@code i} of every array, whatever block or thread produced it.
 */
public final class PathResults implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code cash[q][i]}: cash of path i at the end of quarter q+1, after that quarter's injections. */
    final double[][] cash;
    /** The breach level drawn for each path. */
    final double[] minLiquidity;
    /** The first quarter (1-based) whose cash is below the path's min_liquidity; 0 if none is. */
    final int[] firstBreach;
    /** The total injected over the horizon on each path. */
    final double[] injected;
    /** Whether any injection fired on the path (an amount may be 0 and still have fired). */
    final boolean[] injectionFired;
    /** {@code drivers[d][i]}: the value of driver d (in Driver order) on path i, if asked for; else null. */
    final double[][] drivers;
    /** {@code events[e][i]}: the amount of event e on path i if it was on, else 0; kept with the drivers. */
    final double[][] events;

    public PathResults(int horizon, int paths) {
        this(horizon, paths, false);
    }

    /** With {@code recordDrivers}, also keeps every path's drawn drivers (80 more bytes a path). */
    public PathResults(int horizon, int paths, boolean recordDrivers) {
        this(horizon, paths, recordDrivers, 0);
    }

    /** Also keeps the amounts of a scenario's {@code events} events, with the drivers. */
    public PathResults(int horizon, int paths, boolean recordDrivers, int events) {
        drivers = recordDrivers ? new double[Driver.values().length][paths] : null;
        this.events = recordDrivers ? new double[events][paths] : null;
        cash = new double[horizon][paths];
        minLiquidity = new double[paths];
        firstBreach = new int[paths];
        injected = new double[paths];
        injectionFired = new boolean[paths];
    }

    /**
     * A larger buffer holding these paths at the same indexes, so a run can add blocks of paths
     * after the ones already simulated.
     */
    public PathResults grownTo(int paths) {
        if (paths < paths()) {
            throw new IllegalArgumentException("cannot shrink " + paths() + " paths to " + paths);
        }
        PathResults grown = new PathResults(horizon(), paths, drivers != null, events == null ? 0 : events.length);
        int have = paths();
        for (int q = 0; q < cash.length; q++) {
            System.arraycopy(cash[q], 0, grown.cash[q], 0, have);
        }
        if (drivers != null) {
            for (int d = 0; d < drivers.length; d++) {
                System.arraycopy(drivers[d], 0, grown.drivers[d], 0, have);
            }
            for (int e = 0; e < events.length; e++) {
                System.arraycopy(events[e], 0, grown.events[e], 0, have);
            }
        }
        System.arraycopy(minLiquidity, 0, grown.minLiquidity, 0, have);
        System.arraycopy(firstBreach, 0, grown.firstBreach, 0, have);
        System.arraycopy(injected, 0, grown.injected, 0, have);
        System.arraycopy(injectionFired, 0, grown.injectionFired, 0, have);
        return grown;
    }

    /**
     * Copies the first {@code count} paths of {@code block} (a block simulated on its own, at
     * indexes 0..count-1) to indexes {@code first ..} of these results: how results computed
     * elsewhere (another machine) are put back in path order.
     */
    public void put(int first, PathResults block, int count) {
        for (int q = 0; q < cash.length; q++) {
            System.arraycopy(block.cash[q], 0, cash[q], first, count);
        }
        System.arraycopy(block.minLiquidity, 0, minLiquidity, first, count);
        System.arraycopy(block.firstBreach, 0, firstBreach, first, count);
        System.arraycopy(block.injected, 0, injected, first, count);
        System.arraycopy(block.injectionFired, 0, injectionFired, first, count);
    }

    public int paths() {
        return minLiquidity.length;
    }

    public int horizon() {
        return cash.length;
    }

    /** The cash of every path at the end of quarter {@code quarter} (1-based). The array is shared, not copied. */
    public double[] cashAt(int quarter) {
        return cash[quarter - 1];
    }

    public double minLiquidity(int path) {
        return minLiquidity[path];
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

    /** Every path's value of a driver (shared, not copied), if the results record drivers. */
    public double[] driver(Driver driver) {
        if (drivers == null) {
            throw new IllegalStateException("these results do not record drivers; build them with recordDrivers");
        }
        return drivers[driver.ordinal()];
    }
}
