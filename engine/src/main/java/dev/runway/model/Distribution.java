package dev.runway.model;

import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A validated distribution: its kind and its positional parameters p1..p4, with the optional
 * ones filled with their defaults (beta's support defaults to [0, 1]).
 */
public final class Distribution implements Serializable {
    private static final long serialVersionUID = 1L;


    /** A parameter that is out of range: which one (0-based, or -1 for the whole row) and why. */
    public record Problem(int parameter, String message) { }

    private final DistributionKind kind;
    private final double[] parameters;

    private Distribution(DistributionKind kind, double[] parameters) {
        this.kind = kind;
        this.parameters = parameters;
    }

    /**
     * Builds a distribution from the parameters given, in order.
     *
     * @throws IllegalArgumentException naming the first parameter out of range
     */
    public static Distribution of(DistributionKind kind, double... given) {
        List<Problem> problems = problems(kind, given);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(kind.signature() + ": " + problems.get(0).message());
        }
        double[] parameters = Arrays.copyOf(given, kind.acceptedParameters());
        double[] defaults = optionalDefaults(kind);
        for (int i = given.length; i < parameters.length; i++) {
            parameters[i] = defaults[i - kind.requiredParameters()];
        }
        return new Distribution(kind, parameters);
    }

    /** The values of the optional parameters, after the required ones, that the CSV may leave out. */
    private static double[] optionalDefaults(DistributionKind kind) {
        return switch (kind) {
            // The standard beta's support, [0, 1].
            case BETA -> new double[] {0.0, 1.0};
            case CONSTANT, NORMAL, LOGNORMAL, UNIFORM, TRIANGULAR, PERT, STUDENT_T, DISCRETE_UNIFORM, BERNOULLI ->
                    new double[0];
        };
    }

    /** A point mass, the common case for drivers that are known. */
    public static Distribution constant(double value) {
        return of(DistributionKind.CONSTANT, value);
    }

    /** Every reason the parameters do not describe a distribution of this kind; empty if they do. */
    public static List<Problem> problems(DistributionKind kind, double... p) {
        List<Problem> problems = new ArrayList<>();
        if (p.length < kind.requiredParameters() || p.length > kind.acceptedParameters()) {
            String count = kind.requiredParameters() == kind.acceptedParameters()
                    ? String.valueOf(kind.requiredParameters())
                    : kind.requiredParameters() + " to " + kind.acceptedParameters();
            problems.add(new Problem(-1, "expected " + count + " parameter(s) " + kind.signature()
                    + ", found " + p.length));
            return problems;
        }
        for (int i = 0; i < p.length; i++) {
            if (!Double.isFinite(p[i])) {
                problems.add(new Problem(i, kind.parameterName(i) + " must be a finite number, found " + p[i]));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        // A switch expression, so that a new kind does not compile until its parameters are checked here.
        return switch (kind) {
            case CONSTANT -> {
                within(problems, kind, p, 0);
                yield problems;
            }
            case NORMAL -> {
                within(problems, kind, p, 0);
                positive(problems, kind, p, 1);
                within(problems, kind, p, 1);
                yield problems;
            }
            case LOGNORMAL -> {
                positive(problems, kind, p, 1);
                if (problems.isEmpty()) {
                    lognormalMoments(problems, kind, p);
                }
                yield problems;
            }
            case UNIFORM -> {
                within(problems, kind, p, 0);
                within(problems, kind, p, 1);
                if (problems.isEmpty()) {
                    ordered(problems, kind, p, 0, 1, true);
                }
                yield problems;
            }
            case TRIANGULAR, PERT -> {
                for (int i = 0; i < 3; i++) {
                    within(problems, kind, p, i);
                }
                if (problems.isEmpty()) {
                    ordered(problems, kind, p, 0, 2, true);
                }
                if (problems.isEmpty() && (p[1] < p[0] || p[1] > p[2])) {
                    problems.add(new Problem(1, "mode must lie between min and max, found mode " + p[1]
                            + " outside [" + p[0] + ", " + p[2] + "]"));
                }
                yield problems;
            }
            case BETA -> {
                shape(problems, kind, p, 0);
                shape(problems, kind, p, 1);
                for (int i = 2; i < p.length; i++) {
                    within(problems, kind, p, i);
                }
                double min = p.length > 2 ? p[2] : 0.0;
                double max = p.length > 3 ? p[3] : 1.0;
                if (problems.isEmpty() && !(min < max)) {
                    problems.add(new Problem(p.length > 3 ? 3 : 2, "min must be below max, found min " + min
                            + " and max " + max));
                }
                yield problems;
            }
            case STUDENT_T -> {
                within(problems, kind, p, 0);
                positive(problems, kind, p, 1);
                within(problems, kind, p, 1);
                if (!(p[2] >= InputLimits.MIN_DEGREES_OF_FREEDOM && p[2] <= InputLimits.MAX_DEGREES_OF_FREEDOM)) {
                    problems.add(new Problem(2, kind.parameterName(2) + " must be from "
                            + InputLimits.limit(InputLimits.MIN_DEGREES_OF_FREEDOM) + " to "
                            + InputLimits.limit(InputLimits.MAX_DEGREES_OF_FREEDOM) + " (below 1 the tails are too heavy "
                            + "to draw from; above, the t is a normal to six digits: use normal), found "
                            + InputLimits.format(p[2])));
                }
                yield problems;
            }
            case DISCRETE_UNIFORM -> {
                integer(problems, kind, p, 0);
                integer(problems, kind, p, 1);
                if (problems.isEmpty()) {
                    ordered(problems, kind, p, 0, 1, false);
                }
                yield problems;
            }
            case BERNOULLI -> {
                if (p[0] < 0 || p[0] > 1) {
                    problems.add(new Problem(0, "probability must be in [0, 1], found " + p[0]));
                }
                yield problems;
            }
        };
    }

    /** A parameter in the units of the draws: within {@link InputLimits#MAX_MAGNITUDE}. */
    private static void within(List<Problem> problems, DistributionKind kind, double[] p, int i) {
        if (problems.stream().anyMatch(problem -> problem.parameter() == i)) {
            return;
        }
        if (!InputLimits.withinMagnitude(p[i])) {
            problems.add(new Problem(i, kind.parameterName(i) + " must lie " + InputLimits.MAGNITUDE_RULE + ", found "
                    + InputLimits.format(p[i])));
        }
    }

    /** A beta's shape: from {@link InputLimits#MIN_SHAPE} to {@link InputLimits#MAX_SHAPE}. */
    private static void shape(List<Problem> problems, DistributionKind kind, double[] p, int i) {
        if (!(p[i] >= InputLimits.MIN_SHAPE && p[i] <= InputLimits.MAX_SHAPE)) {
            problems.add(new Problem(i, kind.parameterName(i) + " must be from " + InputLimits.limit(InputLimits.MIN_SHAPE)
                    + " to " + InputLimits.limit(InputLimits.MAX_SHAPE) + " (below, the beta is a coin flip between "
                    + "its ends: use bernoulli; above, a point mass: use constant), found " + InputLimits.format(p[i])));
        }
    }

    /**
     * The lognormal's mean {@code exp(m + s^2/2)} and standard deviation {@code mean * sqrt(exp(s^2) - 1)},
     * compared in logarithms so that neither overflows on the way: both within {@link InputLimits#MAX_MAGNITUDE}.
     */
    private static void lognormalMoments(List<Problem> problems, DistributionKind kind, double[] p) {
        double limit = Math.log(InputLimits.MAX_MAGNITUDE);
        double variance = p[1] * p[1];
        double logMean = p[0] + 0.5 * variance;
        // ln(exp(v) - 1), which is v itself to double precision once exp(v) is far above 1.
        double logExcess = variance > 40 ? variance : Math.log(Math.expm1(variance));
        double logSd = logMean + 0.5 * logExcess;
        String limitText = InputLimits.limit(InputLimits.MAX_MAGNITUDE) + " = exp(" + fixed(limit) + ")";
        if (!(logMean <= limit)) {
            problems.add(new Problem(p[0] > limit ? 0 : 1, "the mean exp(" + InputLimits.format(p[0]) + " + "
                    + InputLimits.format(p[1]) + "^2/2) = exp(" + fixed(logMean) + ") is beyond " + limitText
                    + "; mean of ln X + (sd of ln X)^2/2 must be at most " + fixed(limit)));
        } else if (!(logSd <= limit)) {
            problems.add(new Problem(1, "the standard deviation exp(" + fixed(logSd) + ") is beyond " + limitText
                    + "; lower sd of ln X (found " + InputLimits.format(p[1]) + ") or mean of ln X"));
        }
    }

    private static String fixed(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : InputLimits.format(value);
    }

    private static void positive(List<Problem> problems, DistributionKind kind, double[] p, int i) {
        if (!(p[i] > 0)) {
            problems.add(new Problem(i, kind.parameterName(i) + " must be > 0, found " + p[i]));
        }
    }

    private static void integer(List<Problem> problems, DistributionKind kind, double[] p, int i) {
        if (p[i] != Math.rint(p[i]) || Math.abs(p[i]) > InputLimits.MAX_WHOLE) {
            problems.add(new Problem(i, kind.parameterName(i) + " must be a whole number from -"
                    + InputLimits.limit(InputLimits.MAX_WHOLE) + " to " + InputLimits.limit(InputLimits.MAX_WHOLE)
                    + " (so the count of values fits the sampler), found " + InputLimits.format(p[i])));
        }
    }

    private static void ordered(List<Problem> problems, DistributionKind kind, double[] p, int lo, int hi,
            boolean strict) {
        if (strict ? !(p[lo] < p[hi]) : p[lo] > p[hi]) {
            problems.add(new Problem(hi, kind.parameterName(lo) + " must be " + (strict ? "below " : "at most ")
                    + kind.parameterName(hi) + ", found " + p[lo] + " and " + p[hi]));
        }
    }

    /**
     * The table of the standard distribution a tabulated kind rescales (PERT and beta a standard
     * beta, Student's t the standard t), built once per shape and shared by every caller; null for
     * a kind drawn in closed form.
     *
     * <p>Throws commons-math3's exception if the table cannot be solved; {@link #drawingProblem}
     * says so as a problem instead.
     */
    public QuantileTable quantileTable() {
        double[] p = parameters;
        return switch (kind) {
            case PERT -> {
                double range = p[2] - p[0];
                yield QuantileTable.beta(1.0 + 4.0 * (p[1] - p[0]) / range, 1.0 + 4.0 * (p[2] - p[1]) / range);
            }
            case BETA -> QuantileTable.beta(p[0], p[1]);
            case STUDENT_T -> QuantileTable.studentT(p[2]);
            case CONSTANT, NORMAL, LOGNORMAL, UNIFORM, TRIANGULAR, DISCRETE_UNIFORM, BERNOULLI -> null;
        };
    }

    /**
     * Why this distribution, whose parameters are in range ({@link #problems}), still cannot be
     * drawn from, or null if it can: its quantile table cannot be solved. Builds the table, which
     * the runs of the same process then share, so checking the inputs does the work the run would
     * do first. (A Student's t may have no variance to bound; whether its tails break the model is
     * for the pre-flight to find, on the model's own formulas.)
     */
    public Problem drawingProblem() {
        QuantileTable table;
        try {
            table = quantileTable();
        } catch (MathIllegalStateException | MathArithmeticException | MathIllegalArgumentException e) {
            return new Problem(shapeParameter(), "its quantile table cannot be solved (" + e.getMessage()
                    + "); move the shape parameters towards 1");
        }
        if (table != null && !table.solved()) {
            return new Problem(shapeParameter(), "its quantile table has values that are not finite; move the shape "
                    + "parameters towards 1");
        }
        return null;
    }

    /** The parameter that shapes a tabulated distribution, blamed when its table fails. */
    private int shapeParameter() {
        return switch (kind) {
            case STUDENT_T -> 2;
            case PERT -> 1;
            case BETA -> 0;
            case CONSTANT, NORMAL, LOGNORMAL, UNIFORM, TRIANGULAR, DISCRETE_UNIFORM, BERNOULLI -> -1;
        };
    }

    public DistributionKind kind() {
        return kind;
    }

    /** The i-th parameter (0-based), defaults filled in. */
    public double parameter(int i) {
        return parameters[i];
    }

    /** The smallest value the distribution can take (may be -infinity). */
    public double lowerBound() {
        return switch (kind) {
            case CONSTANT, UNIFORM, TRIANGULAR, PERT, DISCRETE_UNIFORM -> parameters[0];
            case BETA -> parameters[2];
            case LOGNORMAL, BERNOULLI -> 0.0;
            case NORMAL, STUDENT_T -> Double.NEGATIVE_INFINITY;
        };
    }

    /** The largest value the distribution can take (may be +infinity). */
    public double upperBound() {
        return switch (kind) {
            case CONSTANT -> parameters[0];
            case UNIFORM, DISCRETE_UNIFORM -> parameters[1];
            case TRIANGULAR, PERT -> parameters[2];
            case BETA -> parameters[3];
            case BERNOULLI -> 1.0;
            case NORMAL, LOGNORMAL, STUDENT_T -> Double.POSITIVE_INFINITY;
        };
    }

    /** True when every value drawn is a whole number. */
    public boolean integerValued() {
        return switch (kind) {
            case DISCRETE_UNIFORM, BERNOULLI -> true;
            case CONSTANT -> parameters[0] == Math.rint(parameters[0]);
            case NORMAL, LOGNORMAL, UNIFORM, TRIANGULAR, PERT, BETA, STUDENT_T -> false;
        };
    }

    /** The expected value (NaN where it does not exist: Student's t with 1 degree of freedom or fewer). */
    public double mean() {
        double[] p = parameters;
        return switch (kind) {
            case CONSTANT, NORMAL, BERNOULLI -> p[0];
            case LOGNORMAL -> Math.exp(p[0] + 0.5 * p[1] * p[1]);
            case UNIFORM, DISCRETE_UNIFORM -> 0.5 * (p[0] + p[1]);
            case TRIANGULAR -> (p[0] + p[1] + p[2]) / 3.0;
            case PERT -> (p[0] + 4.0 * p[1] + p[2]) / 6.0;
            case BETA -> p[2] + (p[3] - p[2]) * p[0] / (p[0] + p[1]);
            case STUDENT_T -> p[2] > 1 ? p[0] : Double.NaN;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Distribution && ((Distribution) other).kind == kind
                && Arrays.equals(((Distribution) other).parameters, parameters);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind.csvName()).append('(');
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(parameters[i]);
        }
        return text.append(')').toString();
    }
}
