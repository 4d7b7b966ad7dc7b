package dev.runway.analysis;

import dev.runway.stats.ExactQuantiles;
import dev.runway.stats.Moments;
import dev.runway.stats.ScenarioStatistics;
import org.apache.commons.math3.distribution.BinomialDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A forecast scored against what happened. For each realized value of a reported item in a
 * quarter, against the simulated paths' values of that item and quarter:
 *
 * <ul>
 *   <li>its PIT (probability integral transform): the share of paths below it, ties counted half
 *       (the mid-distribution PIT, so a value every path equals scores 0.5). A calibrated forecast's
 *       PITs are uniform on [0, 1]; piled near 0 or 1 they say the forecast was too narrow or
 *       biased.</li>
 *   <li>whether it lies in the central 50% band (P25–P75) and the central 90% band (P05–P95), the
 *       percentiles being those of quarterly.csv ({@link ExactQuantiles}), ends included;</li>
 *   <li>its CRPS (continuous ranked probability score), in the item's unit: the mean absolute
 *       distance from the paths to the value less half the mean distance between two paths. It is
 *       0 for a forecast that put every path on the value and grows with both miss and spread, so
 *       lower is better; for one path it is the absolute error.</li>
 * </ul>
 *
 * Coverage sums the band hits over the scored quarters against their nominal 50% and 90%, with
 * the exact two-sided binomial p-value of the hits under a calibrated forecast: with a few
 * quarters a p-value far from 0 proves little, and one near 0 is evidence of miscalibration.
 */
public final class Backtest {
    /** The band levels: P25–P75 holds 50% of a calibrated forecast's outcomes, P05–P95 90%. */
    private static final double[] LEVELS = {0.05, 0.25, 0.50, 0.75, 0.95};

    private Backtest() {
    }

    /**
     * One realized value against the forecast of its quarter and item.
     *
     * @param quarter the quarter's number in the scenario's horizon, 1-based
     * @param mean    the mean of the paths
     * @param pit     the share of paths below the value, ties counted half
     * @param crps    the continuous ranked probability score, in the item's unit
     */
    public record Score(String scenario, int quarter, String label, String item, double actual, double p05, double p25,
            double p50, double p75, double p95, double mean, double pit, double crps) {

        /** Whether the value lies in the central 50% band, P25 to P75, ends included. */
        public boolean in50() {
            return actual >= p25 && actual <= p75;
        }

        /** Whether the value lies in the central 90% band, P05 to P95, ends included. */
        public boolean in90() {
            return actual >= p05 && actual <= p95;
        }
    }

    /**
     * How often the realized values of a scenario's item fell in the bands, over {@code scored}
     * quarters, with the binomial p-value of each count against its nominal share.
     *
     * @param meanCrps  the CRPS averaged over the scored quarters, in the item's unit
     * @param meanPit   the PITs' mean: 0.5 for a forecast without bias, below it when outcomes came
     *                  in low (the forecast was too optimistic), above when they came in high
     */
    public record Coverage(String scenario, String item, int scored, int in50, int in90, double pValue50,
            double pValue90, double meanCrps, double meanPit) {
    }

    /** Scores {@code actual} against the paths' {@code values} (left as they are). */
    public static Score score(String scenario, int quarter, String label, String item, double[] values,
            double actual) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no paths to score " + item + " in " + label + " against");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        // The bands and the mean as quarterly.csv computes them; the sort is for the PIT and the CRPS.
        ExactQuantiles bands = ExactQuantiles.of(sorted, LEVELS, 1, ScenarioStatistics.CONFIDENCE);
        return new Score(scenario, quarter, label, item, actual, bands.quantile(0).value(), bands.quantile(1).value(),
                bands.quantile(2).value(), bands.quantile(3).value(), bands.quantile(4).value(),
                Moments.of(values).mean(), pit(sorted, actual), crps(sorted, actual));
    }

    /** The share of {@code sorted} below {@code y}, values equal to it counted half. */
    static double pit(double[] sorted, double y) {
        int below = firstAtLeast(sorted, y);
        int notAbove = firstAbove(sorted, y);
        return (below + 0.5 * (notAbove - below)) / sorted.length;
    }

    /**
     * The CRPS of the sample's empirical distribution at {@code y}: {@code E|X - y| - E|X - X'| / 2}.
     * With the values sorted, {@code sum over i, j of |x_i - x_j| = 2 sum_i (2i - n + 1) x_i}
     * (0-based), so it takes one pass instead of n² distances.
     */
    static double crps(double[] sorted, double y) {
        int n = sorted.length;
        double distanceToValue = 0.0;
        double spread = 0.0;
        for (int i = 0; i < n; i++) {
            distanceToValue += Math.abs(sorted[i] - y);
            spread += (2.0 * i - n + 1) * sorted[i];
        }
        return distanceToValue / n - spread / ((double) n * n);
    }

    private static int firstAtLeast(double[] sorted, double y) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < y) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static int firstAbove(double[] sorted, double y) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= y) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The exact two-sided binomial p-value of {@code k} successes in {@code n} trials of
     * probability {@code p}: the probability of every count no more likely than {@code k} (as R's
     * binom.test). commons-math3's BinomialTest counts the middle twice when the distribution is
     * symmetric (it gives 1.5 for 1 of 2 at one half), so it is not used.
     */
    static double twoSidedPValue(int n, int k, double p) {
        BinomialDistribution binomial = new BinomialDistribution(null, n, p);
        double observed = binomial.probability(k) * (1 + 1e-7);
        double sum = 0.0;
        for (int j = 0; j <= n; j++) {
            double probability = binomial.probability(j);
            if (probability <= observed) {
                sum += probability;
            }
        }
        return Math.min(1.0, sum);
    }

    /** Per scenario and item, in the order the scores first name them: the band hits and mean scores. */
    public static List<Coverage> coverage(List<Score> scores) {
        Map<List<String>, List<Score>> groups = new LinkedHashMap<>();
        for (Score score : scores) {
            groups.computeIfAbsent(List.of(score.scenario(), score.item()), key -> new ArrayList<>()).add(score);
        }
        List<Coverage> coverage = new ArrayList<>();
        groups.forEach((key, group) -> {
            int n = group.size();
            int in50 = (int) group.stream().filter(Score::in50).count();
            int in90 = (int) group.stream().filter(Score::in90).count();
            coverage.add(new Coverage(key.get(0), key.get(1), n, in50, in90,
                    twoSidedPValue(n, in50, 0.5), twoSidedPValue(n, in90, 0.9),
                    group.stream().mapToDouble(Score::crps).average().orElseThrow(),
                    group.stream().mapToDouble(Score::pit).average().orElseThrow()));
        });
        return coverage;
    }
}
