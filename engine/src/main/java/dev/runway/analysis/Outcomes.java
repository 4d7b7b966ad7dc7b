package dev.runway.analysis;

import dev.runway.sim.PathResults;

/** The two outcomes the what-if analyses compare, read straight from the paths. */
final class Outcomes {
    private Outcomes() {
    }

    /** The share of paths that breach in some quarter of the horizon. */
    static double breachProbability(PathResults results) {
        return (double) breaches(results) / results.paths();
    }

    static long breaches(PathResults results) {
        long breaches = 0;
        for (int i = 0; i < results.paths(); i++) {
            if (results.firstBreach(i) > 0) {
                breaches++;
            }
        }
        return breaches;
    }

    /** The mean of the primary item at the end of the horizon, summed in path order. */
    static double terminalMean(PathResults results) {
        double[] terminal = results.primaryAt(results.horizon());
        double sum = 0.0;
        for (double cash : terminal) {
            sum += cash;
        }
        return sum / terminal.length;
    }
}
