package dev.runway.stats;

import java.util.Locale;

/**
 * How precise a run must be before it stops adding paths: the half-widths of the 95% intervals
 * of the terminal P05 and of the horizon breach probability, each either relative to its estimate
 * or absolute (¥bn for the P05, percentage points for the probability). A bound left unset is not
 * checked.
 *
 * <p>Written on the command line as {@code 1%} (both, relative), or {@code 10bn}, {@code 0.5pp},
 * or both at once, {@code 10bn,0.5pp}.
 */
public record PrecisionTarget(double relative, double cashBn, double probability) {

    /** Parses the command-line form; the message of the exception says what is accepted. */
    public static PrecisionTarget parse(String text) {
        double relative = Double.NaN;
        double cash = Double.NaN;
        double probability = Double.NaN;
        for (String part : text.split(",")) {
            String token = part.trim().toLowerCase(Locale.ROOT);
            try {
                if (token.endsWith("%")) {
                    relative = positive(Double.parseDouble(token.substring(0, token.length() - 1)) / 100, part);
                } else if (token.endsWith("bn")) {
                    cash = positive(Double.parseDouble(token.substring(0, token.length() - 2)), part);
                } else if (token.endsWith("pp")) {
                    probability = positive(Double.parseDouble(token.substring(0, token.length() - 2)) / 100, part);
                } else if (!token.isEmpty() && (Character.isDigit(token.charAt(token.length() - 1))
                        || token.endsWith("."))) {
                    // A bare number is in the unit of the primary item, whatever that is.
                    cash = positive(Double.parseDouble(token), part);
                } else {
                    throw new NumberFormatException(part);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cannot read \"" + part.trim() + "\" as a precision: write a relative "
                        + "half-width such as 1% (for both the terminal P05 and the breach probability), or absolute "
                        + "ones such as 10 (P05, in the unit of the primary item; 10bn is read the same) and 0.5pp (breach probability, in percentage points), "
                        + "separated by a comma");
            }
        }
        return new PrecisionTarget(relative, cash, probability);
    }

    private static double positive(double value, String part) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new NumberFormatException(part);
        }
        return value;
    }

    /** True when every bound that is set holds for these statistics. */
    public boolean met(ScenarioStatistics statistics) {
        return shortfall(statistics) <= 1.0;
    }

    /**
     * How far the statistics are from the target: the largest ratio of a half-width to its bound
     * (at most 1 when met). Half-widths shrink as 1/sqrt(paths), so the square of this is about
     * how many times more paths are needed.
     */
    public double shortfall(ScenarioStatistics statistics) {
        Estimate p05 = statistics.terminalQuarter().percentile(0.05);
        Estimate breach = statistics.breachProb();
        double worst = 0.0;
        if (!Double.isNaN(relative)) {
            // A relative bound around an estimate of exactly 0 cannot be met by any number of paths; it is
            // taken as met (give an absolute bound, 0.1pp say, to bound a probability that may be 0).
            if (p05.value() != 0) {
                worst = Math.max(worst, ratio(p05.halfWidth(), relative * Math.abs(p05.value())));
            }
            if (breach.value() != 0) {
                worst = Math.max(worst, ratio(breach.halfWidth(), relative * breach.value()));
            }
        }
        if (!Double.isNaN(cashBn)) {
            worst = Math.max(worst, ratio(p05.halfWidth(), cashBn));
        }
        if (!Double.isNaN(probability)) {
            worst = Math.max(worst, ratio(breach.halfWidth(), probability));
        }
        return worst;
    }

    private static double ratio(double halfWidth, double bound) {
        return bound > 0 ? halfWidth / bound : (halfWidth > 0 ? Double.POSITIVE_INFINITY : 0.0);
    }

    /** The half-widths reached against their bounds, for the manifest and the console. */
    public String describe(ScenarioStatistics statistics) {
        Estimate p05 = statistics.terminalQuarter().percentile(0.05);
        Estimate breach = statistics.breachProb();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "terminal P05 %.6g ± %.3g", p05.value(), p05.halfWidth()));
        text.append(String.format(Locale.ROOT, ", breach probability %.5f ± %.5f", breach.value(), breach.halfWidth()));
        text.append(" (target: ").append(this).append(')');
        return text.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!Double.isNaN(relative)) {
            text.append(String.format(Locale.ROOT, "half-widths <= %s%% of the estimates", trim(100 * relative)));
        }
        if (!Double.isNaN(cashBn)) {
            text.append(text.length() == 0 ? "" : ", ").append("P05 half-width <= ").append(trim(cashBn));
        }
        if (!Double.isNaN(probability)) {
            text.append(text.length() == 0 ? "" : ", ").append("breach half-width <= ").append(trim(100 * probability))
                    .append(" pp");
        }
        return text.toString();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
