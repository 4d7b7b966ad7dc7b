package dev.runway.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * Measures how far {@link QuantileTable#atNormal} strays from the exact quantile {@code F^-1(Phi(z))}
 * and bounds it, for the beta shapes the engine draws (the PERTs of the shipped inputs, and the
 * shapes that are hard for a cubic: U, J, skewed, uniform, very peaked) and for Student's t.
 *
 * <p>Inside the grid the error is measured in x. For |z| < 5 it is the distance to commons-math3's
 * inverse CDF. In the far tails, 5 <= |z| < 8, it is the Newton step {@code |F(x) - Phi(z)| / f(x)}
 * that would correct the tabulated x: to first order its distance from the exact quantile, and
 * computed from a CDF that keeps its relative precision there. Points are the midpoints between
 * nodes, where a cubic Hermite's error peaks, and uniform random points from a fixed seed. Beyond
 * the grid the table must agree with a bisection to the last bit. The measured maxima and the
 * build times are printed after the run.
 */
class QuantileTableTest {
    private static final long SEED = 20250531L;
    private static final double Z_MAX = QuantileTable.Z_MAX;
    private static final int NODES_PER_UNIT = QuantileTable.NODES_PER_UNIT;
    /** Where commons-math3's inverse CDF gives way to the Newton-step measure (see the class comment). */
    private static final double BODY = 5.0;
    private static final int RANDOM_POINTS = 1000;
    /** Absolute accuracy asked of commons-math3's inverse CDF (Brent adds 1e-14 relative): far below every bound. */
    private static final double REFERENCE_ACCURACY = 1e-15;

    /**
     * The claim of QuantileTable's javadoc: an interpolation error below 1e-9 of the support for a
     * beta (width 1). commons-math3's inverse is accurate to about 1e-14 and its regularized beta to
     * about 1e-14 relative, so the references sit five orders of magnitude below the bound.
     */
    private static final double BETA_BOUND = 1e-9;
    /** The same claim for the t, relative to max(|x|, 1) because its tails are unbounded. */
    private static final double T_BOUND = 1e-8;
    /**
     * Beyond the grid the table solves to double precision, as the bisection reference does; 1e-12
     * relative leaves room for the CDF's own 1e-14 relative precision divided by the smallest tail
     * exponent tested (0.3 for a beta), about 3e-14.
     */
    private static final double BEYOND_GRID_BOUND = 1e-12;
    /**
     * How far one step of the monotonicity sweep may go backwards, in ulps of x: the Hermite
     * evaluation rounds a handful of terms of the size of x, so where consecutive exact values are
     * closer than that (x within 1e-13 of 1 in the upper tails) a step can come out an ulp or two
     * lower. Measured: at most 2 ulps, only there.
     */
    private static final double ROUNDING_ULPS = 4;
    /**
     * Below this |z| the t reference loses its precision: commons-math3's CDF
     * {@code 1/2 I_{nu/(nu+x^2)}(nu/2, 1/2)} rounds {@code nu/(nu+x^2)} to 1 for |x| below ~1e-8,
     * so its inverse is only good to ~1e-16 sqrt(nu) / (|x| f(0)) there. At 1e-3 that is 1e-12.
     */
    private static final double T_CENTRE = 1e-3;

    /** Per shape, in the order of the lists below: column name to printed figure. */
    private static final Map<String, Map<String, String>> MEASURED = new LinkedHashMap<>();

    /** The largest errors a shape's table is allowed: for |z| < 5, for 5 <= |z| < 8, and relative beyond |z| = 8. */
    record Bounds(double body, double tail, double beyondGrid) {
        static final Bounds BETA_CLAIM = new Bounds(BETA_BOUND, BETA_BOUND, BEYOND_GRID_BOUND);
        static final Bounds T_CLAIM = new Bounds(T_BOUND, T_BOUND, BEYOND_GRID_BOUND);
    }

    /** A standard beta on [0, 1] that the engine tabulates, and the bounds its table is held to. */
    record BetaShape(String name, double alpha, double beta, Bounds bounds) {
        /** The beta a PERT row rescales, computed exactly as Distribution#quantileTable does, so the very same table is tested. */
        static BetaShape pert(String row, double min, double mode, double max) {
            double range = max - min;
            return new BetaShape("pert " + row, 1.0 + 4.0 * (mode - min) / range, 1.0 + 4.0 * (max - mode) / range,
                    Bounds.BETA_CLAIM);
        }

        static BetaShape of(double alpha, double beta) {
            return new BetaShape("beta", alpha, beta, Bounds.BETA_CLAIM);
        }

        QuantileTable table() {
            return QuantileTable.beta(alpha, beta);
        }

        @Override
        public String toString() {
            return name + " (" + alpha + ", " + beta + ")";
        }
    }

    /** A standard Student's t, measured for |z| below {@code zLimit}, and the bounds its table is held to. */
    record TShape(double degreesOfFreedom, double zLimit, Bounds bounds) {
        QuantileTable table() {
            return QuantileTable.studentT(degreesOfFreedom);
        }

        @Override
        public String toString() {
            return "t df " + degreesOfFreedom + (zLimit < Z_MAX ? ", |z| < " + zLimit : "");
        }
    }

    static List<BetaShape> betaShapes() {
        return List.of(
                // The pert rows of inputs/nissan/drivers.csv and events.csv, as (min, mode, max).
                BetaShape.pert("contribution_margin", 0.18, 0.2, 0.22),
                BetaShape.pert("savings_realization status_quo", 0.3, 0.5, 0.8),
                BetaShape.pert("savings_realization re_nissan", 0.8, 0.95, 1.05),
                BetaShape.pert("refinancing_share", 0.55, 0.85, 0.95),
                BetaShape.pert("us_tariff_bill", 150, 300, 450),
                BetaShape.pert("us_tariff_volume", -0.06, -0.03, -0.01),
                BetaShape.pert("hq_sale_leaseback", 70, 100, 120),
                BetaShape.pert("renault_stake_sale", 50, 100, 150),
                BetaShape.of(6, 4),
                BetaShape.of(3, 3),
                BetaShape.of(1, 5),
                BetaShape.of(5, 1),
                BetaShape.of(0.5, 0.5),
                // The body bound is 10x the measured 2.62e-9 at z = -0.289 (the steep centre of a
                // strong U), as a regression guard. Beyond the grid the quantile at z = -9 is 5.0e-63:
                // the solver once stopped at 2^-202 (it bisected from 1/4); it now splits
                // geometrically, and this shape guards that.
                new BetaShape("beta", 0.3, 0.3, new Bounds(10 * 2.62e-9, BETA_BOUND, 1e-12)),
                BetaShape.of(0.5, 2),
                BetaShape.of(2, 0.5),
                BetaShape.of(1, 1),
                BetaShape.of(100, 3));
    }

    static List<TShape> tShapes() {
        return List.of(
                // Misses the claim: the quantile grows like exp(z^2 / 4), which a cubic on a 1/64 grid
                // follows to about (z / 128)^4 / 384 relative. Bounds are 10x the measured errors,
                // 1.01e-8 at z = -4.99 and 4.97e-8 at z = -7.99.
                new TShape(2, Z_MAX, new Bounds(10 * 1.01e-8, 10 * 4.97e-8, BEYOND_GRID_BOUND)),
                new TShape(4, Z_MAX, Bounds.T_CLAIM),
                new TShape(30, Z_MAX, Bounds.T_CLAIM),
                // The Cauchy, only its body: its quantile grows like exp(z^2 / 2), error about
                // (z / 64)^4 / 384 relative. Misses the claim; bounds are 10x the measured errors,
                // 1.36e-7 at z = -4.99 and 2.57e-7 at z = -5.99.
                new TShape(1, 6, new Bounds(10 * 1.36e-7, 10 * 2.57e-7, BEYOND_GRID_BOUND)));
    }

    @BeforeAll
    static void buildEveryTableOnceAndRecordHowLongItTook() {
        Set<List<Double>> built = new HashSet<>();
        for (BetaShape shape : betaShapes()) {
            boolean first = built.add(List.of(shape.alpha(), shape.beta()));
            record(shape.toString(), "build ms", first ? buildMillis(shape::table) : "shared");
        }
        for (TShape shape : tShapes()) {
            record(shape.toString(), "build ms", buildMillis(shape::table));
        }
    }

    /** Times the first call, which builds the table unless another test class in this JVM already did. */
    private static String buildMillis(Supplier<QuantileTable> build) {
        long start = System.nanoTime();
        build.get();
        return String.format("%.1f", (System.nanoTime() - start) / 1e6);
    }

    @AfterAll
    static void printTheMeasuredErrors() {
        List<String> columns = List.of("build ms", "body max", "body at z", "tail max", "tail at z", "beyond rel", "back ulps");
        StringBuilder out = new StringBuilder(
                "QuantileTable error: beta absolute, t relative to max(|x|, 1); beyond the grid relative\n");
        out.append(String.format("%-76s", "shape"));
        for (String column : columns) {
            out.append(String.format("%11s", column));
        }
        out.append('\n');
        for (Map.Entry<String, Map<String, String>> row : MEASURED.entrySet()) {
            out.append(String.format("%-76s", row.getKey()));
            for (String column : columns) {
                out.append(String.format("%11s", row.getValue().getOrDefault(column, "")));
            }
            out.append('\n');
        }
        System.out.print(out);
    }

    private static synchronized void record(String shape, String column, String value) {
        MEASURED.computeIfAbsent(shape, key -> new ConcurrentHashMap<>()).put(column, value);
    }

    /** The largest error of a sweep and the z where it occurred; a NaN error counts as the largest. */
    private static final class WorstCase {
        double error;
        double z = Double.NaN;

        void offer(double at, double candidate) {
            if (!(candidate <= error)) {
                error = candidate;
                z = at;
            }
        }

        boolean within(double bound) {
            return error <= bound;
        }

        String describe(String what, double bound) {
            return what + ": max error " + error + " at z = " + z + ", bound " + bound;
        }

        void record(String shape, String column, String zColumn) {
            QuantileTableTest.record(shape, column, String.format("%.2e", error));
            QuantileTableTest.record(shape, zColumn, String.format("%.3f", z));
        }
    }

    /** {@code Phi(-|z|)}: the normal tail beyond |z|, free of the cancellation in {@code 1 - Phi(|z|)}. */
    private static double normalTail(double z) {
        return 0.5 * Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /**
     * The midpoints between nodes, and {@value #RANDOM_POINTS} random points from the fixed seed,
     * with {@code from <= |z| < to}, of both signs.
     */
    private static List<Double> points(double from, double to) {
        List<Double> points = new ArrayList<>();
        for (int k = 0; k < 2 * Z_MAX * NODES_PER_UNIT; k++) {
            double z = -Z_MAX + (k + 0.5) / NODES_PER_UNIT;
            if (Math.abs(z) >= from && Math.abs(z) < to) {
                points.add(z);
            }
        }
        UniformRandomProvider random = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        for (int i = 0; i < RANDOM_POINTS; i++) {
            double magnitude = from + (to - from) * random.nextDouble();
            points.add(random.nextBoolean() ? magnitude : -magnitude);
        }
        return points;
    }

    // --- beta -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("betaShapes")
    void betaTableMatchesCommonsMathsInverseWithinItsBoundForAbsZBelowFive(BetaShape shape) {
        QuantileTable table = shape.table();
        // Above the median through the mirror beta(b, a) at 1 - p, so x near 1 keeps its digits.
        BetaDistribution lower = new BetaDistribution(null, shape.alpha(), shape.beta(), REFERENCE_ACCURACY);
        BetaDistribution mirror = new BetaDistribution(null, shape.beta(), shape.alpha(), REFERENCE_ACCURACY);
        WorstCase worst = new WorstCase();
        for (double z : points(0, BODY)) {
            double exact = z <= 0 ? lower.inverseCumulativeProbability(normalTail(z))
                    : 1.0 - mirror.inverseCumulativeProbability(normalTail(z));
            worst.offer(z, Math.abs(table.atNormal(z) - exact));
        }
        worst.record(shape.toString(), "body max", "body at z");
        assertTrue(worst.within(shape.bounds().body()), worst.describe(shape + ", |z| < 5", shape.bounds().body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("betaShapes")
    void betaTableSolvesTheCdfWithinItsBoundInTheFarTails(BetaShape shape) {
        QuantileTable table = shape.table();
        BetaDistribution lower = new BetaDistribution(null, shape.alpha(), shape.beta(), REFERENCE_ACCURACY);
        BetaDistribution mirror = new BetaDistribution(null, shape.beta(), shape.alpha(), REFERENCE_ACCURACY);
        WorstCase worst = new WorstCase();
        for (double z : points(BODY, Z_MAX)) {
            double x = table.atNormal(z);
            // The upper tail as the mirror's lower tail: 1 - x is exact there, I_{1-x}(b, a) precise.
            worst.offer(z, z < 0 ? betaNewtonStep(lower, x, normalTail(z)) : betaNewtonStep(mirror, 1.0 - x, normalTail(z)));
        }
        worst.record(shape.toString(), "tail max", "tail at z");
        assertTrue(worst.within(shape.bounds().tail()), worst.describe(shape + ", 5 <= |z| < 8", shape.bounds().tail()));
    }

    /** {@code |I_x(a, b) - p| / f(x)}: the Newton step that would take x to the p-quantile. */
    private static double betaNewtonStep(BetaDistribution distribution, double x, double p) {
        double residual = Math.abs(Beta.regularizedBeta(x, distribution.getAlpha(), distribution.getBeta()) - p);
        return residual == 0 ? 0 : residual / betaDensity(distribution, x);
    }

    /**
     * The beta density, with the limit at x = 0 that commons-math3 refuses: infinite when alpha < 1,
     * so a quantile that rounded to the endpoint (it is nearer than the smallest double) counts as exact.
     */
    private static double betaDensity(BetaDistribution distribution, double x) {
        if (x > 0) {
            return distribution.density(x);
        }
        double alpha = distribution.getAlpha();
        return alpha < 1 ? Double.POSITIVE_INFINITY : alpha == 1 ? distribution.getBeta() : 0.0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("betaShapes")
    void betaTableIsSolvedExactlyBeyondTheGrid(BetaShape shape) {
        QuantileTable table = shape.table();
        WorstCase worst = new WorstCase();
        for (double z : new double[] {-9.0, -8.5, 8.5, 9.0}) {
            double exact = z < 0 ? bisectBeta(shape.alpha(), shape.beta(), normalTail(z))
                    : 1.0 - bisectBeta(shape.beta(), shape.alpha(), normalTail(z));
            worst.offer(z, Math.abs(table.atNormal(z) - exact) / Math.abs(exact));
        }
        QuantileTableTest.record(shape.toString(), "beyond rel", String.format("%.2e", worst.error));
        assertTrue(worst.within(shape.bounds().beyondGrid()),
                worst.describe(shape + ", relative, |z| = 8.5 and 9", shape.bounds().beyondGrid()));
    }

    /** The p-quantile of beta(a, b), to the last bit that commons-math3's regularized beta resolves. */
    private static double bisectBeta(double alpha, double beta, double p) {
        return bisectPositive(x -> Beta.regularizedBeta(x, alpha, beta), p, 1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("betaShapes")
    void betaTableNeverDecreasesBeyondRoundingAcrossAndBeyondTheGrid(BetaShape shape) {
        assertMonotone(shape.toString(), shape.table());
    }

    // --- Student's t ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("tShapes")
    void studentTTableMatchesCommonsMathsInverseWithinItsRelativeBoundForAbsZBelowFive(TShape shape) {
        QuantileTable table = shape.table();
        TDistribution distribution = new TDistribution(null, shape.degreesOfFreedom(), REFERENCE_ACCURACY);
        WorstCase worst = new WorstCase();
        for (double z : points(T_CENTRE, Math.min(BODY, shape.zLimit()))) {
            // The t is symmetric: the lower half's quantile, negated above the median.
            double lowerHalf = distribution.inverseCumulativeProbability(normalTail(z));
            double exact = z <= 0 ? lowerHalf : -lowerHalf;
            worst.offer(z, Math.abs(table.atNormal(z) - exact) / Math.max(Math.abs(exact), 1.0));
        }
        worst.record(shape.toString(), "body max", "body at z");
        assertTrue(worst.within(shape.bounds().body()), worst.describe(shape + ", 1e-3 <= |z| < 5", shape.bounds().body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tShapes")
    void studentTTableSolvesTheCdfWithinItsRelativeBoundInTheFarTails(TShape shape) {
        QuantileTable table = shape.table();
        TDistribution distribution = new TDistribution(null, shape.degreesOfFreedom(), REFERENCE_ACCURACY);
        WorstCase worst = new WorstCase();
        for (double z : points(BODY, shape.zLimit())) {
            // By symmetry the upper tail's x is measured as -x in the lower tail, where the CDF is precise.
            double x = z < 0 ? table.atNormal(z) : -table.atNormal(z);
            double step = Math.abs(distribution.cumulativeProbability(x) - normalTail(z)) / distribution.density(x);
            worst.offer(z, step / Math.max(Math.abs(x), 1.0));
        }
        worst.record(shape.toString(), "tail max", "tail at z");
        assertTrue(worst.within(shape.bounds().tail()),
                worst.describe(shape + ", 5 <= |z| < " + shape.zLimit(), shape.bounds().tail()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tShapes")
    void studentTTableIsSolvedExactlyBeyondTheGrid(TShape shape) {
        QuantileTable table = shape.table();
        TDistribution distribution = new TDistribution(null, shape.degreesOfFreedom(), REFERENCE_ACCURACY);
        WorstCase worst = new WorstCase();
        for (double z : new double[] {-9.0, -8.5, 8.5, 9.0}) {
            double p = normalTail(z);
            double bracket = 1.0;
            while (distribution.cumulativeProbability(-bracket) >= p) {
                bracket *= 2;
            }
            // The distance y below the median with P(T <= -y) = p; -P(T <= -y) rises with y.
            double distance = bisectPositive(y -> -distribution.cumulativeProbability(-y), -p, bracket);
            double exact = z < 0 ? -distance : distance;
            worst.offer(z, Math.abs(table.atNormal(z) - exact) / Math.abs(exact));
        }
        QuantileTableTest.record(shape.toString(), "beyond rel", String.format("%.2e", worst.error));
        assertTrue(worst.within(shape.bounds().beyondGrid()),
                worst.describe(shape + ", relative, |z| = 8.5 and 9", shape.bounds().beyondGrid()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tShapes")
    void studentTTableNeverDecreasesBeyondRoundingAcrossAndBeyondTheGrid(TShape shape) {
        assertMonotone(shape.toString(), shape.table());
    }

    // --- shared -----------------------------------------------------------------------------------

    /**
     * The smallest positive double x <= {@code hi} with {@code increasing(x) >= target}, by bisection
     * on the bit patterns: positive doubles order as their bits, so 64 steps reach the last bit
     * whatever the magnitude of x (the far tail of a U-shaped beta lies near 1e-63).
     */
    private static double bisectPositive(DoubleUnaryOperator increasing, double target, double hi) {
        long low = 0;
        long high = Double.doubleToLongBits(hi);
        while (high - low > 1) {
            long middle = (low + high) >>> 1;
            if (increasing.applyAsDouble(Double.longBitsToDouble(middle)) < target) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return Double.longBitsToDouble(high);
    }

    /**
     * Sweeps z over [-8.5, 8.5] in steps of 1/1024, inside the grid and across both its ends, and
     * fails if any step goes backwards by more than {@value #ROUNDING_ULPS} ulps of x.
     */
    private static void assertMonotone(String shape, QuantileTable table) {
        double previous = table.atNormal(-8.5);
        WorstCase backwards = new WorstCase();
        for (int k = 1; k <= 17 * 1024; k++) {
            double z = -8.5 + k / 1024.0;
            double x = table.atNormal(z);
            backwards.offer(z, Math.max(previous - x, 0.0) / Math.ulp(previous));
            previous = x;
        }
        record(shape, "back ulps", String.format("%.0f", backwards.error));
        assertTrue(backwards.within(ROUNDING_ULPS), backwards.describe(shape + ", backward step in ulps", ROUNDING_ULPS));
    }
}
