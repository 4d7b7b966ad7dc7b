package dev.runway.analysis;

import dev.runway.model.NonFiniteValueException;
import dev.runway.model.Scenario;
import dev.runway.sample.BlockRandom;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.PointInputs;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The most likely breach of a scenario: the point of its random inputs, in their standard normal
 * space, nearest the origin among the points whose path breaches. The origin is the path of every
 * input at its median; a point's distance from it measures how unlikely its inputs are together
 * (its density falls as {@code exp(-distance^2 / 2)}), so the nearest breaching point is the
 * breach that needs the least bad luck: the design point of structural reliability (FORM), and
 * the centre importance sampling aims at ({@link RareBreach}).
 *
 * <p>How it is found, deterministically from the seed:
 * <ol>
 * <li>If the median path itself breaches, the origin is the design point (distance 0).</li>
 * <li>A pilot draws {@value #PILOT} points around the origin with every input's spread 1, then
 *     1.5, 2 and 3 times its own until some breach, and keeps the breaching one nearest the origin.
 *     Inputs the walk never draws (constant drivers, a triggered event's quarter) stay at 0.</li>
 * <li>From its direction, commons-math3's CMA-ES minimizes over directions {@code u} the distance
 *     {@code r(u)} at which the path along {@code u} first breaches, found on a grid of
 *     {@value #RAY_POINTS} points up to {@value #MAX_DISTANCE} and refined on as many inside the
 *     first breaching step. The nearer of the pilot's and the search's points is kept.</li>
 * </ol>
 * Discrete inputs (an event's switch, a bernoulli driver) are searched like the others, through
 * their uniforms' normal scores: the point says, for instance, that a rescue did not happen.
 */
public final class DesignPoint {
    /** Beyond this distance (a chance of 3e-14 in one input) no breach is looked for. */
    public static final double MAX_DISTANCE = 7.5;
    /** Pilot points per spread. */
    static final int PILOT = 16_384;
    private static final double[] SPREADS = {1.0, 1.5, 2.0, 3.0};
    private static final int RAY_POINTS = 64;
    private static final int SEARCH_EVALUATIONS = 3_000;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /**
     * One input of the scenario at the design point and on the median path, in its own unit.
     *
     * @param input      the driver's, event's or series' name
     * @param kind       {@code driver}, {@code event} (its amount when on, 0 when off) or {@code series} (the
     *                   mean over the quarters of its normal score, in standard deviations)
     * @param atBreach   its value at the design point
     * @param atMedian   its value on the median path (every input at its median)
     * @param importance the share of the design point's squared distance in this input's dimensions (FORM's
     *                   importance factors, summing to 1 over the inputs); 0 at the origin
     */
    public record Input(String input, String kind, double atBreach, double atMedian, double importance) {
    }

    /**
     * The design point of a scenario.
     *
     * @param point          its coordinates, one per dimension of a path ({@link PathKernel#dimensions})
     * @param distance       its distance from the origin (FORM's reliability index beta)
     * @param firstBreach    the quarter (1-based) its path first breaches in
     * @param pilotBreaches  how many of the pilot's points breached (0 when the median path breaches)
     * @param pilotSpread    the spread of the pilot's points that first found a breach (0 when none was needed)
     * @param inputs         the inputs at the design point, the most important first
     */
    public record Result(String scenario, double[] point, double distance, int firstBreach, int pilotBreaches,
            double pilotSpread, List<Input> inputs) {
        public Result {
            point = point.clone();
            inputs = List.copyOf(inputs);
        }

        @Override
        public double[] point() {
            return point.clone();
        }

        /** FORM's first-order breach probability, {@code Phi(-distance)}: exact for a breach linear in normal inputs. */
        public double formProbability() {
            return STANDARD_NORMAL.cumulativeProbability(-distance);
        }
    }

    /** No breaching point was found: the scenario may never breach, or only beyond {@link #MAX_DISTANCE}. */
    public static final class NoBreachException extends Exception {
        private static final long serialVersionUID = 1L;

        NoBreachException(String message) {
            super(message);
        }
    }

    private final Scenario scenario;
    private final PathKernel kernel;
    private final PathKernel.Workspace workspace;
    private final boolean[] drawn;
    private final int dimensions;

    private DesignPoint(Scenario scenario) {
        this.scenario = scenario;
        kernel = new PathKernel(scenario);
        workspace = kernel.workspace();
        dimensions = kernel.dimensions();
        drawn = new boolean[dimensions];
        for (int d = 0; d < dimensions; d++) {
            drawn[d] = kernel.dimension(d).drawn();
        }
    }

    /**
     * Finds the scenario's design point.
     *
     * @param seed seeds the pilot's points and the search; the same seed gives the same point
     * @throws NoBreachException if no pilot point breaches, saying how many were tried
     */
    public static Result find(Scenario scenario, long seed) throws NoBreachException {
        return new DesignPoint(scenario).search(seed);
    }

    private Result search(long seed) throws NoBreachException {
        double[] origin = new double[dimensions];
        if (breaches(new double[][] {origin})[0]) {
            return result(origin, 0, 0.0);
        }
        // The pilot's stream is the seed's own, apart from the blocks a run draws from.
        BlockRandom random = new BlockRandom(BlockStreams.forBlocks(~seed, 1)[0]);
        double[] best = null;
        int found = 0;
        double spread = 0.0;
        for (double s : SPREADS) {
            double[][] points = new double[PILOT][dimensions];
            for (double[] point : points) {
                for (int d = 0; d < dimensions; d++) {
                    point[d] = drawn[d] ? s * random.normal() : 0.0;
                }
            }
            boolean[] breach = breaches(points);
            for (int i = 0; i < PILOT; i++) {
                if (breach[i]) {
                    found++;
                    if (best == null || norm(points[i]) < norm(best)) {
                        best = points[i];
                    }
                }
            }
            if (found > 0) {
                spread = s;
                break;
            }
        }
        if (best == null) {
            throw new NoBreachException("no breach in " + SPREADS.length * PILOT + " pilot paths of scenario "
                    + scenario.name() + ", drawn with every input's spread up to " + SPREADS[SPREADS.length - 1]
                    + " times its own");
        }
        double[] searched = searchDirections(best, seed);
        double[] nearest = searched != null && norm(searched) < norm(best) ? searched : best;
        return result(nearest, found, spread);
    }

    /** CMA-ES over directions from the pilot's point; the nearest breaching point it met, or null if none. */
    private double[] searchDirections(double[] start, long seed) {
        int[] free = IntStream.range(0, dimensions).filter(d -> drawn[d]).toArray();
        double[] guess = new double[free.length];
        double length = norm(start);
        for (int j = 0; j < free.length; j++) {
            guess[j] = start[free[j]] / length;
        }
        Nearest nearest = new Nearest();
        if (free.length < 2) {
            // One input: its two directions are all there is.
            nearest.along(direction(free, new double[] {-1}));
            nearest.along(direction(free, new double[] {1}));
            return nearest.point;
        }
        int population = 4 + (int) (3 * Math.log(free.length));
        int iterations = SEARCH_EVALUATIONS / population;
        CMAESOptimizer optimizer = new CMAESOptimizer(iterations, 0.0, true, 0, 0, new MersenneTwister(seed), false,
                null);
        double[] sigma = new double[free.length];
        Arrays.fill(sigma, 0.1);
        try {
            optimizer.optimize(new MaxEval(2 * SEARCH_EVALUATIONS),
                    new ObjectiveFunction(v -> nearest.along(direction(free, v))), GoalType.MINIMIZE,
                    new InitialGuess(guess), SimpleBounds.unbounded(free.length), new CMAESOptimizer.Sigma(sigma),
                    new CMAESOptimizer.PopulationSize(population));
        } catch (TooManyEvaluationsException e) {
            // The budget is spent: the nearest point met so far is the answer.
        }
        return nearest.point;
    }

    /** The nearest breaching point met along the directions tried. */
    private final class Nearest {
        double[] point;
        double distance = Double.POSITIVE_INFINITY;

        /** The breach distance along {@code unit} (a penalty beyond {@link #MAX_DISTANCE} if none), keeping the nearest. */
        double along(double[] unit) {
            double r = radius(unit);
            if (r < distance) {
                distance = r;
                point = scaled(unit, r);
            }
            return Double.isFinite(r) ? r : 2 * MAX_DISTANCE;
        }
    }

    /** The unit vector of the full space with {@code v}'s direction in the dimensions {@code free}. */
    private double[] direction(int[] free, double[] v) {
        double length = 0.0;
        for (double x : v) {
            length += x * x;
        }
        length = Math.sqrt(length);
        double[] unit = new double[dimensions];
        if (length > 0) {
            for (int j = 0; j < free.length; j++) {
                unit[free[j]] = v[j] / length;
            }
        }
        return unit;
    }

    /**
     * The smallest distance along {@code unit} at which the path breaches, to within
     * {@code MAX_DISTANCE / RAY_POINTS^2}: the first breaching point of a grid up to
     * {@link #MAX_DISTANCE}, then of a grid inside the step before it. Infinite if none breaches.
     */
    private double radius(double[] unit) {
        double low = 0.0;
        double step = MAX_DISTANCE / RAY_POINTS;
        for (int pass = 0; pass < 2; pass++) {
            double[][] points = new double[RAY_POINTS][];
            for (int k = 0; k < RAY_POINTS; k++) {
                points[k] = scaled(unit, low + (k + 1) * step);
            }
            boolean[] breach = breaches(points);
            int first = 0;
            while (first < RAY_POINTS && !breach[first]) {
                first++;
            }
            if (first == RAY_POINTS) {
                // The second grid ends at the first's breaching point, so only the first grid can miss.
                return pass == 0 ? Double.POSITIVE_INFINITY : low + RAY_POINTS * step;
            }
            low += first * step;
            if (pass == 1) {
                return low + step;
            }
            step /= RAY_POINTS;
        }
        throw new AssertionError("two passes");
    }

    private static double[] scaled(double[] unit, double r) {
        double[] point = new double[unit.length];
        for (int d = 0; d < unit.length; d++) {
            point[d] = unit[d] * r;
        }
        return point;
    }

    private static double norm(double[] point) {
        double squares = 0.0;
        for (double x : point) {
            squares += x * x;
        }
        return Math.sqrt(squares);
    }

    /** Whether each point's path breaches in some quarter; a point whose walk meets a value that is not finite does not. */
    private boolean[] breaches(double[][] points) {
        boolean[] breach = new boolean[points.length];
        try {
            PathResults out = walk(points, false);
            for (int i = 0; i < points.length; i++) {
                breach[i] = out.firstBreach(i) > 0;
            }
        } catch (NonFiniteValueException e) {
            if (points.length > 1) {
                for (int i = 0; i < points.length; i++) {
                    breach[i] = breaches(new double[][] {points[i]})[0];
                }
            }
        }
        return breach;
    }

    private PathResults walk(double[][] points, boolean recording) {
        PathResults out = new PathResults(kernel.horizon(), kernel.model().reported().size(), points.length,
                recording ? kernel.drivers() : 0, recording ? scenario.events().size() : 0);
        kernel.simulate(workspace, new PointInputs(points), out, 0, points.length, 0L);
        return out;
    }

    /** The design point with its inputs told in their own units, beside the median path's. */
    private Result result(double[] point, int pilotBreaches, double spread) {
        PathResults paths = walk(new double[][] {point, new double[dimensions]}, true);
        double squared = 0.0;
        for (double x : point) {
            squared += x * x;
        }
        Map<String, double[]> importance = new LinkedHashMap<>();
        Map<String, double[]> seriesScore = new LinkedHashMap<>();
        for (int d = 0; d < dimensions; d++) {
            PathKernel.Dimension dimension = kernel.dimension(d);
            String key = (dimension.part().equals("driver") ? "driver" : dimension.part().equals("series") ? "series"
                    : "event") + ":" + dimension.input();
            importance.computeIfAbsent(key, k -> new double[1])[0] += squared > 0 ? point[d] * point[d] / squared : 0;
            if (dimension.part().equals("series")) {
                double[] sum = seriesScore.computeIfAbsent(dimension.input(), k -> new double[2]);
                sum[0] += point[d];
                sum[1]++;
            }
        }
        List<Input> inputs = new ArrayList<>();
        List<String> drivers = kernel.model().drivers();
        for (int d = 0; d < drivers.size(); d++) {
            if (kernel.dimension(d).drawn()) {
                inputs.add(new Input(drivers.get(d), "driver", paths.driver(d)[0], paths.driver(d)[1],
                        importance.get("driver:" + drivers.get(d))[0]));
            }
        }
        for (int e = 0; e < scenario.events().size(); e++) {
            String name = scenario.events().get(e).name();
            inputs.add(new Input(name, "event", paths.eventAmount(e)[0], paths.eventAmount(e)[1],
                    importance.get("event:" + name)[0]));
        }
        seriesScore.forEach((name, sum) -> inputs.add(new Input(name, "series", sum[0] / sum[1], 0.0,
                importance.get("series:" + name)[0])));
        inputs.sort((a, b) -> Double.compare(b.importance(), a.importance()));
        return new Result(scenario.name(), point, Math.sqrt(squared), paths.firstBreach(0), pilotBreaches, spread,
                inputs);
    }
}
