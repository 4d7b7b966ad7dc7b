package dev.runway.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers a run may add to its statistics: per scenario, what drives it (empty when not
 * asked for), the injections that would bring its breach probability down, in a backtest, how
 * the forecast scored against what happened, what its breaches look like (empty when not asked
 * for), and with --rare the breach probability measured by importance sampling.
 */
public record Analyses(Map<String, List<Sensitivity.Row>> sensitivity, List<InjectionSolver.Solution> solutions,
        List<Backtest.Score> backtest, List<Explain.Result> explanations, List<RareBreach.Outcome> rare) {

    public static final Analyses NONE = new Analyses(Map.of(), List.of(), List.of(), List.of(), List.of());

    /** The targets a run's solve table covers. */
    private static final double[] TARGETS = {0.01, 0.05, 0.10};

    /** The breach probabilities solve.csv finds the injection for: 1%, 5% and 10% (a copy). */
    public static double[] targets() {
        return TARGETS.clone();
    }

    public Analyses {
        // In the scenarios' order: an unordered copy would let a later loop depend on the JVM's hashing.
        sensitivity = Collections.unmodifiableMap(new LinkedHashMap<>(sensitivity));
        solutions = List.copyOf(solutions);
        backtest = List.copyOf(backtest);
        explanations = List.copyOf(explanations);
        rare = List.copyOf(rare);
    }
}
