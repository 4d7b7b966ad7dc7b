package dev.runway.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The ranges the numbers of an input folder are held to when they are read, so that no cell, no
 * draw and no sum of them over quarters and paths can overflow a double in one step. Each limit is
 * said in the message that refuses a number, so a user knows what to write instead.
 */
public final class InputLimits {
    /**
     * The largest magnitude of a number of the inputs, in the model's units: 1e15, a thousand
     * trillion. The largest companies' yearly revenue in yen units is about 5e13; a sum of such
     * amounts over 10,000 quarters and 2^31 paths, or a product of two of them, stays far inside
     * a double (1.8e308), so only the model's own formulas (exp, pow) can overflow, and the
     * pre-flight walk looks for that.
     */
    public static final double MAX_MAGNITUDE = 1e15;

    /**
     * The ends of a discrete uniform: whole numbers within ±1e9, so both ends and the count of
     * values between them (at most 2e9 + 1) fit the sampler's int arithmetic.
     */
    public static final double MAX_WHOLE = 1e9;

    /**
     * The shape parameters of a beta: from 0.001 to 1e6. Below, the beta is a coin flip between
     * its ends; above, a point mass; in both cases its quantile table loses its precision, and
     * commons-math's incomplete beta stops converging (beta(1e50, 1e50) spins for half a minute).
     */
    public static final double MIN_SHAPE = 1e-3;
    public static final double MAX_SHAPE = 1e6;

    /**
     * A Student's t's degrees of freedom: from 1 (the Cauchy) to 1e6. Below 1 the tails are so
     * heavy that the quantile table cannot be solved; above 1e6 the t is a normal to six digits
     * and its table loses precision.
     */
    public static final double MIN_DEGREES_OF_FREEDOM = 1.0;
    public static final double MAX_DEGREES_OF_FREEDOM = 1e6;

    /** The longest schedule: quarters are numbered 1 to this. */
    public static final int MAX_QUARTERS = 10_000;

    /**
     * How far out, in standard deviations of its normal, the pre-flight puts a random input: a
     * chance of 1.3e-12 beyond each side. A run of a billion paths draws each driver a billion
     * times and a series some tens of billions, so it meets such a draw rarely, if ever; the
     * tables' own ends (8, a chance of 6e-16) would refuse fat-tailed inputs, a Student's t with 3
     * degrees of freedom feeding an exp(), say, that no run of any practical size can break.
     * What a run still meets beyond is caught by its own check of every value.
     */
    public static final double PILOT_Z = 7.0;

    private InputLimits() {
    }

    /** The rule of {@link #MAX_MAGNITUDE}, as messages say it: "must lie " + this. */
    public static final String MAGNITUDE_RULE = "within ±1e15 (numbers beyond overflow the model's sums over quarters "
            + "and paths; write large amounts in a larger unit, such as bn)";

    /** Whether a number read from the inputs is finite and within {@link #MAX_MAGNITUDE}. */
    public static boolean withinMagnitude(double value) {
        return Math.abs(value) <= MAX_MAGNITUDE;
    }

    /**
     * A number as a user would write it, exactly: {@code 1e308}, {@code 2147483647}, {@code 0.25}
     * (whole numbers below 1e15 in full).
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return BigDecimal.valueOf(value).toBigInteger().toString();
        }
        return scientific(BigDecimal.valueOf(value));
    }

    /** A computed number to six significant digits: {@code 7.16234e9}, {@code 239.993}. */
    public static String approximate(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return format(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6));
        return Math.abs(value) >= 1e-4 && Math.abs(value) < 1e7 ? rounded.stripTrailingZeros().toPlainString()
                : scientific(rounded);
    }

    /** A limit as the rules write it: {@code 1e15}, {@code 1e9}, {@code 0.001}. */
    public static String limit(double value) {
        return scientific(BigDecimal.valueOf(value));
    }

    private static String scientific(BigDecimal value) {
        return value.stripTrailingZeros().toString().replace("E+", "e").replace("E-", "e-");
    }
}
