package dev.runway.bench;

import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.QuarterStatistics;
import dev.runway.stats.ScenarioStatistics;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what each sampling method buys on the Nissan scenarios: for every method, the
 * terminal mean, P05 and breach probability are estimated by {@link #REPLICATES} independent
 * runs (seeds 1, 2, …) of {@link #PATHS} paths, and their standard error is the standard
 * deviation across runs. Prints a Markdown table with each method's standard errors and its
 * variance reduction against plain Monte Carlo at equal paths, (SE_mc / SE)^2.
 *
 * <p>Run from the repository root: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.runway.bench.VarianceReduction [replicates] [paths]}.
 */
public final class VarianceReduction {
    static final int REPLICATES = 40;
    static final int PATHS = 20_000;

    private VarianceReduction() {
    }

    public static void main(String[] args) {
        int replicates = args.length > 0 ? Integer.parseInt(args[0]) : REPLICATES;
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : PATHS;
        List<String> scenarios = List.of("status_quo", "re_nissan", "toyota_backstop", "tariff_shock");
        System.out.printf(Locale.ROOT, "Standard errors over %d replicates of %,d paths (variance reduction vs mc)%n%n",
                replicates, paths);
        System.out.println("| scenario | method | SE terminal mean (¥bn) | SE terminal P05 (¥bn) | SE breach prob (pp) |");
        System.out.println("| --- | --- | ---: | ---: | ---: |");
        try (Simulation simulation = new Simulation(Runtime.getRuntime().availableProcessors())) {
            for (String name : scenarios) {
                Scenario scenario = NissanCase.scenario(name);
                double[] mc = null;
                for (SamplingMethod method : SamplingMethod.values()) {
                    double[] se = standardErrors(simulation, scenario, method, replicates, paths);
                    if (mc == null) {
                        mc = se;
                    }
                    System.out.printf(Locale.ROOT, "| %s | %s | %.2f (%s) | %.2f (%s) | %.3f (%s) |%n", name,
                            method.cliName(), se[0], factor(mc[0], se[0]), se[1], factor(mc[1], se[1]), 100 * se[2],
                            factor(mc[2], se[2]));
                }
            }
        }
    }

    private static String factor(double reference, double se) {
        return String.format(Locale.ROOT, "%.1fx", (reference * reference) / (se * se));
    }

    /** Standard deviations, across replicates, of the terminal mean, the terminal P05 and the breach probability. */
    private static double[] standardErrors(Simulation simulation, Scenario scenario, SamplingMethod method,
            int replicates, int paths) {
        double[][] estimates = new double[3][replicates];
        PathResults results = PathResults.of(scenario, paths);
        for (int r = 0; r < replicates; r++) {
            simulation.run(scenario, r + 1L, method, results, new AtomicLong());
            ScenarioStatistics statistics = ScenarioStatistics.of(scenario.name(), r + 1L, results,
                    scenario.schedule().labels(), scenario.model().reported(), 10, simulation.pool());
            QuarterStatistics terminal = statistics.terminalQuarter();
            estimates[0][r] = terminal.mean().value();
            estimates[1][r] = terminal.percentile(0.05).value();
            estimates[2][r] = statistics.breachProb().value();
        }
        double[] se = new double[3];
        for (int k = 0; k < 3; k++) {
            double mean = 0;
            for (double x : estimates[k]) {
                mean += x / replicates;
            }
            double squares = 0;
            for (double x : estimates[k]) {
                squares += (x - mean) * (x - mean);
            }
            se[k] = Math.sqrt(squares / (replicates - 1));
        }
        return se;
    }
}
