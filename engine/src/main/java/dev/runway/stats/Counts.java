package dev.runway.stats;

import dev.runway.sim.PathResults;

/**
 * What a scenario's statistics count over its paths rather than measure: how many paths, how
 * many are in breach at the end of each quarter ({@code inBreach[q - 1]}), how many first breach
 * in each quarter ({@code firstBreaches[q]}, 0 for never), and on how many an injection fired,
 * with the total injected on them. Exact statistics count all of a run's paths at once; streaming
 * ones count each block alike and add the blocks in block order ({@link #plus}). The counts are
 * integers, so the two agree exactly; the injected total is summed in path order within a count.
 */
record Counts(long paths, long[] inBreach, long[] firstBreaches, long injections, double injected) {

    /** Nothing counted yet, over a horizon of {@code horizon} quarters. */
    static Counts none(int horizon) {
        return new Counts(0, new long[horizon], new long[horizon + 1], 0, 0.0);
    }

    /** The counts of the first {@code paths} paths of {@code results}. */
    static Counts of(PathResults results, int paths) {
        int horizon = results.horizon();
        long[] inBreach = new long[horizon];
        for (int q = 1; q <= horizon; q++) {
            boolean[] breached = results.breachAt(q);
            long count = 0;
            for (int i = 0; i < paths; i++) {
                if (breached[i]) {
                    count++;
                }
            }
            inBreach[q - 1] = count;
        }
        long[] firstBreaches = new long[horizon + 1];
        long injections = 0;
        double injected = 0.0;
        for (int i = 0; i < paths; i++) {
            firstBreaches[results.firstBreach(i)]++;
            if (results.injectionFired(i)) {
                injections++;
                injected += results.injected(i);
            }
        }
        return new Counts(paths, inBreach, firstBreaches, injections, injected);
    }

    /** These counts and {@code later}'s, the injected totals added in that order. */
    Counts plus(Counts later) {
        long[] breaches = inBreach.clone();
        long[] first = firstBreaches.clone();
        for (int q = 0; q < breaches.length; q++) {
            breaches[q] += later.inBreach[q];
        }
        for (int q = 0; q < first.length; q++) {
            first[q] += later.firstBreaches[q];
        }
        return new Counts(paths + later.paths, breaches, first, injections + later.injections,
                injected + later.injected);
    }

    /** How many paths breach in some quarter of the horizon. */
    long breached() {
        return paths - firstBreaches[0];
    }
}
