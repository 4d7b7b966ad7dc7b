package dev.runway.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The what-if answers a run may add to its statistics: per scenario, what drives it
 * (empty when not asked for), and the injections that would bring its breach probability down.
 */
public record Analyses(Map<String, List<Sensitivity.Row>> sensitivity, List<InjectionSolver.Solution> solutions) {

    public static final Analyses NONE = new Analyses(Map.of(), List.of());

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
    }
}
