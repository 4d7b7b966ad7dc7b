package dev.runway.analysis;

import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulator;
import dev.runway.stats.ExactQuantiles;
import dev.runway.stats.Moments;
import dev.runway.stats.ScenarioStatistics;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a breach looks like. The scenario's paths are walked once more with the run's seed,
 * recording every path's drivers and event amounts, and split into the paths that breach in some
 * quarter and the others. Per random driver and per event's amount (0 on a path where it is off):
 * its P10, median and P90 on each side, the share of each side where an event is on, the shift of
 * its mean in standard deviations over all paths, and the Kolmogorov–Smirnov distance between the
 * two sides, by which the inputs are ranked. Beside them, when the first breaches happen by quarter,
 * and the scenario's most likely breach ({@link DesignPoint}), each input at it in its own unit.
 *
 * <p>The ranking uses the KS distance, the largest gap between the shares of breaching and of other
 * paths at or below any value, rather than the shift of the mean: it is the same whatever the
 * input's unit or skew (a lognormal overrun's long tail inflates its standard deviation, and so
 * shrinks its shift, without making it separate the paths any less), it reads an event's mass at 0
 * as it is, and it has a known level of noise ({@link Result#separationNoise}).
 */
public final class Explain {
    /**
     * The fewest breaching (and other) paths the comparison is made on. The shift of a mean over
     * {@code n} breaching paths is uncertain by about {@code 1 / sqrt(n)} standard deviations: 0.18
     * at 30, so a shift of half a standard deviation stands out at nearly three times its error, and
     * a P10 or P90 of 30 values still has three values beyond it. With fewer the ranking is noise.
     */
    public static final int MIN_BREACHES = 30;

    /** The unit of a series' row: its mean normal score over the quarters is in standard deviations. */
    public static final String SERIES_UNIT = "sd";

    /**
     * The two-sample statistic, exact with ties (an event's zeros). The generator the test holds
     * serves only its bootstrapped p-values, which are not asked for, so the distance is the same on
     * every run.
     */
    private static final KolmogorovSmirnovTest KOLMOGOROV_SMIRNOV = new KolmogorovSmirnovTest();

    /** The levels of the percentiles on each side. */
    private static final double[] LEVELS = {0.10, 0.50, 0.90};

    /** Two samples from one distribution exceed this times {@code sqrt(1/n + 1/m)} in KS distance 5% of the time. */
    private static final double KS_95 = Math.sqrt(-Math.log(0.05 / 2) / 2);

    /** An input's P10, median and P90. */
    public record Percentiles(double p10, double p50, double p90) {
        /** Where an input has no such values (a series, or a comparison that was not made). */
        public static final Percentiles NONE = new Percentiles(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * One input of the scenario, compared between breaching and other paths and placed at the
     * design point. The comparison's fields are NaN (and {@code rank} 0) for a series, which is
     * drawn afresh every quarter, and for every input when the comparison was not made; the design
     * point's fields are NaN when none was found.
     *
     * @param kind          {@code driver}, {@code event} (its amount, 0 when off) or {@code series} (the mean
     *                      over the quarters of its normal score, in standard deviations)
     * @param unit          the driver's unit, or the unit of the item an event moves (may be empty); for a series
     *                      {@value #SERIES_UNIT}
     * @param rank          1 for the input that separates breaching from other paths most; 0 when not compared
     * @param separation    the two-sample Kolmogorov–Smirnov distance between breaching and other paths, 0..1
     * @param shiftSd       (mean on breaching paths − mean on the others) / the standard deviation over all paths
     * @param breaching     the percentiles on breaching paths, in the input's unit
     * @param others        the percentiles on the other paths
     * @param breachingPit  each of {@code breaching}'s percentiles as the share of all paths below it, ties
     *                      counted half: where it lies in the input's whole distribution
     * @param othersPit     the same of {@code others}'
     * @param breachingOn   for an event, the share of breaching paths on which it is on (its amount is not 0)
     * @param othersOn      for an event, the same share of the other paths
     * @param atDesignPoint the input at the most likely breach ({@link DesignPoint.Input#atBreach})
     * @param atMedian      the input on the median path
     * @param importance    its share of the design point's squared distance
     */
    public record Row(String input, String kind, String unit, int rank, double separation, double shiftSd,
            Percentiles breaching, Percentiles others, Percentiles breachingPit, Percentiles othersPit,
            double breachingOn, double othersOn, double atDesignPoint, double atMedian, double importance) {

        /** Whether the row compares breaching with other paths. */
        public boolean compared() {
            return rank > 0;
        }

        Row ranked(int newRank) {
            return new Row(input, kind, unit, newRank, separation, shiftSd, breaching, others, breachingPit,
                    othersPit, breachingOn, othersOn, atDesignPoint, atMedian, importance);
        }
    }

    /**
     * The first breaches of one quarter.
     *
     * @param quarter         1-based
     * @param firstBreaches   how many paths first breach in it
     * @param share           their share of the breaching paths (NaN when none breaches)
     * @param cumulativeShare the share of breaching paths that have breached by its end
     */
    public record Timing(int quarter, String label, int firstBreaches, double share, double cumulativeShare) {
    }

    /**
     * A scenario explained.
     *
     * @param paths           the paths walked
     * @param breachingPaths  how many of them breach in some quarter
     * @param rows            the compared inputs ranked by separation, then the others by importance
     * @param timing          one per quarter of the horizon
     * @param designPoint     the most likely breach, or null when none was found ({@link #designPointNote})
     * @param comparisonNote  why the inputs were not compared (too few breaching or other paths), or empty
     * @param designPointNote why there is no design point, or empty
     * @param suggestedPaths  when the comparison was not made for too few paths on one side: about how many
     *                        paths would give {@link #MIN_BREACHES} on it; 0 when no count would
     */
    public record Result(String scenario, int paths, int breachingPaths, List<Row> rows, List<Timing> timing,
            DesignPoint.Result designPoint, String comparisonNote, String designPointNote, long suggestedPaths) {
        public Result {
            rows = List.copyOf(rows);
            timing = List.copyOf(timing);
        }

        /** Whether breaching paths were compared with the others. */
        public boolean compared() {
            return comparisonNote.isEmpty();
        }

        /**
         * The KS distance two samples of these sizes from one distribution exceed 5% of the time:
         * {@code 1.358 sqrt(1/n + 1/m)} (the asymptotic two-sample level). A separation below it is
         * indistinguishable from chance. NaN when not compared.
         */
        public double separationNoise() {
            int others = paths - breachingPaths;
            return compared() ? KS_95 * Math.sqrt(1.0 / breachingPaths + 1.0 / others) : Double.NaN;
        }
    }

    /**
     * A run that exists for its explanation ({@code runway explain}) found no scenario it could
     * compare breaching with other paths in; {@link #results} say why, scenario by scenario.
     */
    public static final class NothingToExplainException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Result> results;

        public NothingToExplainException(List<Result> results) {
            super("no scenario has enough breaching and other paths to compare: " + String.join("; ",
                    results.stream().map(r -> r.scenario() + ": " + r.comparisonNote()).toList()));
            this.results = List.copyOf(results);
        }

        public List<Result> results() {
            return results;
        }
    }

    private Explain() {
    }

    /**
     * Walks {@code paths} paths of the scenario from {@code seed} (the run's own paths when the run
     * has as many), recording their inputs, and explains their breaches; the design point is
     * found from the same seed.
     */
    public static Result of(Simulator simulation, Scenario scenario, long seed, SamplingMethod method, int paths) {
        PathResults recorded = simulation.run(scenario, PathKernel.Overrides.NONE, seed, method,
                PathResults.recording(scenario, paths), 0, new AtomicLong());
        DesignPoint.Result designPoint = null;
        String designPointNote = "";
        try {
            designPoint = DesignPoint.find(scenario, seed);
        } catch (DesignPoint.NoBreachException e) {
            designPointNote = e.getMessage();
        }
        return explain(scenario, recorded, designPoint, designPointNote);
    }

    /** The explanation of recorded paths, with the design point found for them (or why there is none). */
    private static Result explain(Scenario scenario, PathResults recorded, DesignPoint.Result designPoint,
            String designPointNote) {
        int paths = recorded.paths();
        int[] firstBreach = new int[paths];
        boolean[] breached = new boolean[paths];
        int breaching = 0;
        for (int i = 0; i < paths; i++) {
            firstBreach[i] = recorded.firstBreach(i);
            breached[i] = firstBreach[i] > 0;
            breaching += breached[i] ? 1 : 0;
        }
        int others = paths - breaching;
        String comparisonNote = "";
        long suggested = 0;
        if (breaching < MIN_BREACHES) {
            comparisonNote = (breaching == 0 ? String.format(Locale.ROOT, "none of the %,d paths breaches", paths)
                    : String.format(Locale.ROOT, "only %,d of the %,d paths breach", breaching, paths))
                    + "; comparing breaching paths with the others needs at least " + MIN_BREACHES + " of them";
            double share = breaching > 0 ? (double) breaching / paths
                    : designPoint != null ? designPoint.formProbability() : 0.0;
            suggested = share > 0 ? pathsFor(share) : 0;
        } else if (others < MIN_BREACHES) {
            comparisonNote = (others == 0 ? String.format(Locale.ROOT, "all %,d paths breach", paths)
                    : String.format(Locale.ROOT, "only %,d of the %,d paths do not breach", others, paths))
                    + "; comparing breaching paths with the others needs at least " + MIN_BREACHES + " of those";
            suggested = others > 0 ? pathsFor((double) others / paths) : 0;
        }
        boolean compare = comparisonNote.isEmpty();
        Map<String, DesignPoint.Input> atDesign = new LinkedHashMap<>();
        if (designPoint != null) {
            for (DesignPoint.Input input : designPoint.inputs()) {
                atDesign.put(input.kind() + ":" + input.input(), input);
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> drivers = scenario.model().drivers();
        for (int d = 0; d < drivers.size(); d++) {
            String driver = drivers.get(d);
            if (scenario.driver(driver).kind() != DistributionKind.CONSTANT) {
                rows.add(row(driver, "driver", scenario.model().unit(driver), compare ? recorded.driver(d) : null,
                        breached, breaching, atDesign.remove("driver:" + driver)));
            }
        }
        List<Event> events = scenario.events();
        for (int e = 0; e < events.size(); e++) {
            Event event = events.get(e);
            rows.add(row(event.name(), "event", scenario.model().unit(event.target()),
                    compare ? recorded.eventAmount(e) : null, breached, breaching, atDesign.remove("event:"
                            + event.name())));
        }
        // What the design point has besides: the series, whose value there is a normal score, in sd.
        for (DesignPoint.Input input : atDesign.values()) {
            rows.add(row(input.input(), input.kind(), SERIES_UNIT, null, breached, breaching, input));
        }
        return new Result(scenario.name(), paths, breaching, ranked(rows), timing(scenario, firstBreach, breaching),
                designPoint, comparisonNote, designPointNote, suggested);
    }

    /**
     * About how many paths give {@link #MIN_BREACHES} when a share {@code share} of them does: two
     * significant digits, rounded up; 0 when too many to count.
     */
    private static long pathsFor(double share) {
        double paths = Math.ceil(MIN_BREACHES / share);
        if (!(paths < 1e15)) {
            return 0;
        }
        double step = Math.pow(10, Math.max(0, Math.floor(Math.log10(paths)) - 1));
        return (long) (Math.ceil(paths / step) * step);
    }

    /** The compared rows by separation (then shift, then name), ranked 1.., then the rest by importance. */
    private static List<Row> ranked(List<Row> rows) {
        List<Row> compared = rows.stream().filter(row -> !Double.isNaN(row.separation()))
                .sorted(Comparator.comparingDouble((Row row) -> -row.separation())
                        .thenComparingDouble(row -> -Math.abs(row.shiftSd())).thenComparing(Row::input))
                .toList();
        List<Row> rest = rows.stream().filter(row -> Double.isNaN(row.separation()))
                .sorted(Comparator.comparingDouble((Row row) -> Double.isNaN(row.importance()) ? 0 : -row.importance())
                        .thenComparing(Row::input))
                .toList();
        List<Row> all = new ArrayList<>();
        for (int r = 0; r < compared.size(); r++) {
            all.add(compared.get(r).ranked(r + 1));
        }
        all.addAll(rest);
        return all;
    }

    /** An input's row: compared when given its values, placed at the design point when given its input there. */
    private static Row row(String name, String kind, String unit, double[] values, boolean[] breached, int breaching,
            DesignPoint.Input atDesign) {
        double atBreach = atDesign == null ? Double.NaN : atDesign.atBreach();
        double atMedian = atDesign == null ? Double.NaN : atDesign.atMedian();
        double importance = atDesign == null ? Double.NaN : atDesign.importance();
        if (values == null) {
            return new Row(name, kind, unit, 0, Double.NaN, Double.NaN, Percentiles.NONE, Percentiles.NONE,
                    Percentiles.NONE, Percentiles.NONE, Double.NaN, Double.NaN, atBreach, atMedian, importance);
        }
        Comparison c = compare(values, breached, breaching);
        boolean event = kind.equals("event");
        return new Row(name, kind, unit, 0, c.separation(), c.shiftSd(), c.breaching(), c.others(), c.breachingPit(),
                c.othersPit(), event ? c.breachingNonZero() : Double.NaN, event ? c.othersNonZero() : Double.NaN,
                atBreach, atMedian, importance);
    }

    /**
     * One input's values on breaching paths against the others'.
     *
     * @param breachingNonZero the share of breaching paths whose value is not 0
     */
    record Comparison(double separation, double shiftSd, Percentiles breaching, Percentiles others,
            Percentiles breachingPit, Percentiles othersPit, double breachingNonZero, double othersNonZero) {
    }

    /**
     * Compares {@code values[i]} over the paths with {@code breached[i]} against the rest; both
     * sides must have a path.
     *
     * @param breaching how many paths are breached
     */
    static Comparison compare(double[] values, boolean[] breached, int breaching) {
        int n = values.length;
        double[] onBreaching = new double[breaching];
        double[] onOthers = new double[n - breaching];
        int b = 0;
        int o = 0;
        for (int i = 0; i < n; i++) {
            if (breached[i]) {
                onBreaching[b++] = values[i];
            } else {
                onOthers[o++] = values[i];
            }
        }
        double sd = Moments.of(values).sd();
        double shift = sd > 0 ? (Moments.of(onBreaching).mean() - Moments.of(onOthers).mean()) / sd : 0.0;
        double separation = KOLMOGOROV_SMIRNOV.kolmogorovSmirnovStatistic(onBreaching, onOthers);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Percentiles breachingPercentiles = percentiles(onBreaching);
        Percentiles othersPercentiles = percentiles(onOthers);
        return new Comparison(separation, shift, breachingPercentiles, othersPercentiles,
                pit(sorted, breachingPercentiles), pit(sorted, othersPercentiles), nonZeroShare(onBreaching),
                nonZeroShare(onOthers));
    }

    /** P10, median and P90 as quarterly.csv takes them. */
    private static Percentiles percentiles(double[] values) {
        ExactQuantiles q = ExactQuantiles.of(values, LEVELS, 1, ScenarioStatistics.CONFIDENCE);
        return new Percentiles(q.quantile(0).value(), q.quantile(1).value(), q.quantile(2).value());
    }

    /** Each percentile as the share of all (sorted) values below it, ties counted half: a backtest's PIT. */
    private static Percentiles pit(double[] sorted, Percentiles p) {
        return new Percentiles(Backtest.pit(sorted, p.p10()), Backtest.pit(sorted, p.p50()),
                Backtest.pit(sorted, p.p90()));
    }

    private static double nonZeroShare(double[] values) {
        int nonZero = 0;
        for (double value : values) {
            nonZero += value != 0 ? 1 : 0;
        }
        return (double) nonZero / values.length;
    }

    /** The first breaches per quarter, as counts and as shares of the breaching paths. */
    private static List<Timing> timing(Scenario scenario, int[] firstBreach, int breaching) {
        int horizon = scenario.horizon();
        int[] counts = new int[horizon];
        for (int quarter : firstBreach) {
            if (quarter > 0) {
                counts[quarter - 1]++;
            }
        }
        List<String> labels = scenario.schedule().labels();
        List<Timing> timing = new ArrayList<>();
        int cumulative = 0;
        for (int q = 0; q < horizon; q++) {
            cumulative += counts[q];
            timing.add(new Timing(q + 1, labels.get(q), counts[q],
                    breaching > 0 ? (double) counts[q] / breaching : Double.NaN,
                    breaching > 0 ? (double) cumulative / breaching : Double.NaN));
        }
        return timing;
    }
}
