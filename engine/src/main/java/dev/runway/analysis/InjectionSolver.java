package dev.runway.analysis;

import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulator;
import dev.runway.stats.Intervals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The capital a rescue needs: the smallest up-front injection, in one quarter, that brings the
 * horizon breach probability to or under a target. Every candidate amount is run on the same
 * seed, so on the same paths (common random numbers); more cash then never makes a path worse
 * (short of a triggered rescue that no longer fires), the estimated breach probability falls as
 * the amount grows, and a bracketing search (interpolating, safeguarded like a bisection)
 * converges. Every amount tried is remembered, so several targets share their runs.
 *
 * <p>The answer is uncertain because the breach probability is estimated from a finite number of
 * paths: its Wilson 95% interval around the target, read back through the same curve, gives the
 * range of amounts that a run with other paths could have returned.
 */
public final class InjectionSolver {
    /**
     * Amounts are found to within this share of the scale of the scenario's outcome (the spread
     * between the 5th and 95th percentiles of the primary item at the end, without injection):
     * 1/5000 of it, half a billion yen for the Nissan case, 5,000 dollars for a start-up whose
     * cash spreads over 25 million.
     */
    static final double RELATIVE_TOLERANCE = 2e-4;
    /** An injection larger than this many times the scale counts as none that would do. */
    static final double RELATIVE_LIMIT = 1e3;

    /** How a target came out. */
    public enum Status {
        /** The smallest injection that meets the target was found. */
        SOLVED,
        /** The scenario meets the target with no injection. */
        ALREADY_MET,
        /** No injection in that quarter meets it: too many paths breach before it, say. */
        OUT_OF_REACH;

        /** The words of solve.csv's status column: {@code solved}, {@code already met}, {@code out of reach}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /** The status of those words, or null if there is none. */
        public static Status fromLabel(String label) {
            for (Status status : values()) {
                if (status.label().equals(label)) {
                    return status;
                }
            }
            return null;
        }
    }

    /**
     * @param injection   the smallest amount found (in the unit of the model's cash), NaN if out of reach
     * @param low         the amount for the top of the target's Wilson interval (less cash)
     * @param high        the amount for its bottom (more cash); NaN if out of reach
     * @param breachAtInjection the estimated breach probability with the injection
     */
    public record Solution(String scenario, int quarter, double target, double injection, double low, double high,
            double breachAtInjection, Status status) {
    }

    private final Simulator simulation;
    private final Scenario scenario;
    private final long seed;
    private final SamplingMethod method;
    private final int quarter;
    private final PathResults scratch;
    private final Map<Double, Double> breachAt = new TreeMap<>();
    private double tolerance = Double.NaN;
    private double limit = Double.NaN;

    public InjectionSolver(Simulator simulation, Scenario scenario, long seed, SamplingMethod method, int paths,
            int quarter) {
        if (quarter < 1 || quarter > scenario.horizon()) {
            throw new IllegalArgumentException("--quarter must be within 1.." + scenario.horizon() + ", found " + quarter);
        }
        this.simulation = simulation;
        this.scenario = scenario;
        this.seed = seed;
        this.method = method;
        this.quarter = quarter;
        this.scratch = PathResults.of(scenario, paths);
    }

    /**
     * The amount found is within this of the smallest that meets a target: a share of the spread of
     * the outcome without injection (the scale of the scenario's own numbers), never a fixed amount.
     */
    public double tolerance() {
        if (Double.isNaN(tolerance)) {
            breachAt.remove(0.0);
            breachAt(0.0);
            double[] terminal = scratch.primaryAt(scratch.horizon()).clone();
            java.util.Arrays.sort(terminal);
            double spread = terminal[(int) (0.95 * (terminal.length - 1))] - terminal[(int) (0.05 * (terminal.length - 1))];
            double scale = spread > 0 ? spread : Math.max(Math.abs(terminal[terminal.length / 2]), Double.MIN_NORMAL);
            tolerance = RELATIVE_TOLERANCE * scale;
            limit = RELATIVE_LIMIT * scale;
        }
        return tolerance;
    }

    /** The smallest injection for each target, in the order given. */
    public List<Solution> solve(double... targets) {
        List<Solution> solutions = new ArrayList<>();
        for (double target : targets) {
            solutions.add(solve(target));
        }
        return solutions;
    }

    public Solution solve(double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("the breach probability to reach must be in (0, 1), found " + target);
        }
        tolerance();
        int paths = scratch.paths();
        double[] interval = Intervals.wilson(Math.round(target * paths), paths, 0.95);
        double amount = smallestMeeting(target);
        if (amount == 0.0) {
            return new Solution(scenario.name(), quarter, target, 0.0, 0.0, smallestMeeting(interval[0]),
                    breachAt(0.0), Status.ALREADY_MET);
        }
        if (Double.isNaN(amount)) {
            return new Solution(scenario.name(), quarter, target, Double.NaN, Double.NaN, Double.NaN,
                    breachAt(limit), Status.OUT_OF_REACH);
        }
        return new Solution(scenario.name(), quarter, target, amount, smallestMeeting(interval[1]),
                smallestMeeting(interval[0]), breachAt(amount), Status.SOLVED);
    }

    /** The smallest amount (to {@link #TOLERANCE}) with a breach probability at most the target; NaN if none. */
    private double smallestMeeting(double target) {
        if (breachAt(0.0) <= target) {
            return 0.0;
        }
        double tolerance = tolerance();
        if (breachAt(limit) > target) {
            return Double.NaN;
        }
        // Start from the tightest bracket the amounts already tried give.
        double hi = limit;
        for (Map.Entry<Double, Double> tried : breachAt.entrySet()) {
            if (tried.getValue() <= target) {
                hi = Math.min(hi, tried.getKey());
            }
        }
        double lo = 0.0;
        for (Map.Entry<Double, Double> tried : breachAt.entrySet()) {
            if (tried.getValue() > target && tried.getKey() < hi) {
                lo = Math.max(lo, tried.getKey());
            }
        }
        if (hi == limit) {
            // The first guess is a thirty-second of the scale (about 64 for the Nissan case), then doubling.
            double guess = Math.max(tolerance * 156.25, 2 * lo);
            while (guess < limit && breachAt(guess) > target) {
                lo = guess;
                guess *= 2;
            }
            hi = Math.min(guess, limit);
        }
        while (hi - lo > tolerance) {
            // Where the curve crosses the target if it were straight between the bracket's ends, kept
            // away from them so the bracket always shrinks by a tenth: a few runs instead of a dozen.
            double above = breachAt(lo);
            double below = breachAt(hi);
            double guess = above > below ? lo + (hi - lo) * (above - target) / (above - below) : 0.5 * (lo + hi);
            double middle = Math.min(Math.max(guess, lo + 0.1 * (hi - lo)), hi - 0.1 * (hi - lo));
            if (breachAt(middle) > target) {
                lo = middle;
            } else {
                hi = middle;
            }
        }
        return hi;
    }

    /** The breach probability with an injection of {@code amount}, on the solver's paths. */
    double breachAt(double amount) {
        Double known = breachAt.get(amount);
        if (known != null) {
            return known;
        }
        simulation.run(scenario, PathKernel.Overrides.injecting(quarter, amount), seed, method,
                scratch, 0, new AtomicLong());
        double probability = Outcomes.breachProbability(scratch);
        breachAt.put(amount, probability);
        return probability;
    }
}
