package dev.runway.bench;

import dev.runway.analysis.DesignPoint;
import dev.runway.analysis.RareBreach;
import dev.runway.model.Distribution;
import dev.runway.model.Scenario;
import dev.runway.sim.Simulation;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What importance sampling (--rare) buys against plain Monte Carlo at equal paths, on the Nissan
 * re_nissan scenario with its breach level moved so that the breach probability is about 1e-2,
 * 1e-3, 1e-4 and 1e-5. For each: the level from {@link #CALIBRATION_PATHS} plain paths, the design
 * point, {@link #REPLICATES} importance-sampling runs of {@link #PATHS} paths (seeds 1, 2, …), and a
 * plain run of {@link #PLAIN_PATHS} paths as the reference. The variance reduction is plain Monte
 * Carlo's variance at equal paths, {@code p (1 - p) / paths}, over the variance of the
 * importance-sampling estimates across the replicates; the runs' own estimate of it (from the
 * weights) is printed beside it. Prints a Markdown table.
 *
 * <p>Run from the repository root: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.runway.bench.RareBreachVarianceReduction [replicates] [paths]} (about 5 minutes).
 */
public final class RareBreachVarianceReduction {
    static final int REPLICATES = 20;
    static final int PATHS = 100_000;
    static final int CALIBRATION_PATHS = 1 << 23;
    static final long PLAIN_PATHS = 20_000_000L;
    private static final double[] TARGETS = {1e-2, 1e-3, 1e-4, 1e-5};

    private RareBreachVarianceReduction() {
    }

    public static void main(String[] args) throws DesignPoint.NoBreachException {
        int replicates = args.length > 0 ? Integer.parseInt(args[0]) : REPLICATES;
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : PATHS;
        Scenario reNissan = NissanCase.scenario("re_nissan");
        System.out.printf(Locale.ROOT, "re_nissan, breach level moved; %d replicates of %,d paths each; plain "
                + "reference %,d paths%n%n", replicates, paths, PLAIN_PATHS);
        System.out.println("| target | level (¥bn) | design distance | FORM | plain (± se) | importance sampling, "
                + "mean (± se of one run) | variance reduction across replicates | the runs' own estimate (median) |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        try (Simulation simulation = new Simulation(Runtime.getRuntime().availableProcessors())) {
            for (double target : TARGETS) {
                double level = RareBreach.levelFor(simulation, reNissan, target, CALIBRATION_PATHS, 7);
                Scenario rare = reNissan.withDriver("min_liquidity", Distribution.constant(level),
                        "moved for the variance-reduction benchmark");
                DesignPoint.Result design = DesignPoint.find(rare, 1);
                double[] estimates = new double[replicates];
                double[] ownReductions = new double[replicates];
                for (int r = 0; r < replicates; r++) {
                    RareBreach.Estimate estimate = RareBreach.estimate(rare, design, r + 1, paths, simulation.pool(),
                            new AtomicLong());
                    estimates[r] = estimate.probability();
                    ownReductions[r] = estimate.varianceReduction();
                }
                double mean = 0.0;
                for (double e : estimates) {
                    mean += e / replicates;
                }
                double variance = 0.0;
                for (double e : estimates) {
                    variance += (e - mean) * (e - mean) / (replicates - 1);
                }
                long breaches = RareBreach.plainBreaches(simulation, rare, 20250513L, PLAIN_PATHS);
                double plain = (double) breaches / PLAIN_PATHS;
                Arrays.sort(ownReductions);
                System.out.printf(Locale.ROOT, "| %.0e | %.1f | %.3f | %.3g | %.3g (± %.2g) | %.4g (± %.2g) | %,.0fx | "
                        + "%,.0fx |%n", target, level, design.distance(), design.formProbability(), plain,
                        Math.sqrt(plain * (1 - plain) / PLAIN_PATHS), mean, Math.sqrt(variance),
                        mean * (1 - mean) / paths / variance, ownReductions[replicates / 2]);
            }
        }
    }
}
