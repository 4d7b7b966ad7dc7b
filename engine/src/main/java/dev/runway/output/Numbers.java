package dev.runway.output;

import dev.runway.stats.Estimate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How Runway writes a number, in its files and for people (the terminal, the report's page and
 * charts): locale-free, the same on every machine, never "-0".
 *
 * <ul>
 *   <li><b>In files</b> ({@link #cell}): fixed decimals without grouping, a value of an item to at least
 *       four significant digits, a probability to six decimals; an empty cell for a value that does
 *       not exist (NaN).</li>
 *   <li><b>For people</b>: money with thousands separators to three significant digits, and shares
 *       as percentages that never round to a claim the paths do not make: no path in breach is
 *       {@code 0%} and every path {@code 100%}, but a share that is neither never prints as either
 *       (below 0.1%, and above 99.9%, it keeps two significant digits of its distance from the
 *       end). A value that does not exist prints as "-".</li>
 * </ul>
 */
public final class Numbers {
    /** What a number in a file is. */
    public enum Kind {
        /** A value of a model's item, in its own unit: at least three decimals and four significant digits. */
        MONEY,
        /** A probability or share, to six decimals. */
        PROBABILITY,
        /** A driver's value, to six decimals. */
        DECIMAL,
        /**
         * A fitted parameter or a statistic of a fit: six significant digits, without trailing zeros
         * ({@code 0.0123457}, {@code 3000.12}, {@code 4}), so a pasted row keeps what the data support.
         */
        ESTIMATE
    }

    /** Below this share, and above one minus it, fixed decimals would hide the value: two significant digits. */
    private static final double SMALL = 0.001;
    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_UP);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Numbers() {
    }

    /** A number as a file holds it; empty for NaN (a statistic that does not exist). */
    public static String cell(double value, Kind kind) {
        return switch (kind) {
            case MONEY -> fixed(value, moneyCellDecimals(value));
            case PROBABILITY, DECIMAL -> fixed(value, 6);
            case ESTIMATE -> significant(value, 6);
        };
    }

    /** {@code digits} significant digits, plain (never scientific), no trailing zeros, no "-0"; empty for NaN. */
    private static String significant(double value, int digits) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("an infinite estimate has no cell");
        }
        if (value == 0) {
            return "0";
        }
        return noNegativeZero(new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN))
                .stripTrailingZeros().toPlainString());
    }

    /** At least three decimals and at least four significant digits: ¥1 million shows for JPY bn, 0.0123 stays. */
    private static int moneyCellDecimals(double value) {
        double magnitude = Math.abs(value);
        if (!(magnitude > 0) || magnitude >= 1 || Double.isInfinite(magnitude)) {
            return 3;
        }
        return Math.max(3, (int) Math.min(17, 3 - Math.floor(Math.log10(magnitude))));
    }

    /** Fixed decimals, no grouping, no "-0"; empty for NaN. */
    private static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "";
        }
        return noNegativeZero(String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    /** Money for people, to three significant digits: {@code 1,821}, {@code -567}, {@code 12.3}, {@code 0.312}. */
    public static String money(double value) {
        return money(value, moneyDecimals(Math.abs(value)));
    }

    /** Money for people with a given number of decimals and thousands separators; "-" when unknown. */
    public static String money(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return noNegativeZero(String.format(Locale.ROOT, "%,." + decimals + "f", value));
    }

    /** The decimals that give three significant digits of a magnitude (none from 100 up). */
    public static int moneyDecimals(double magnitude) {
        return magnitude >= 100 || !(magnitude > 0) || Double.isInfinite(magnitude) ? 0
                : (int) Math.min(12, 2 - Math.floor(Math.log10(magnitude)));
    }

    /** A 95% interval of money: {@code -575 to -559}. */
    public static String moneyRange(double low, double high) {
        return Double.isNaN(low) || Double.isNaN(high) ? "-" : money(low) + " to " + money(high);
    }

    /** A share with a percent sign to one decimal: {@code 26.1%}, {@code 0.008%}, {@code 0%}; "-" when unknown. */
    public static String percent(double share) {
        return percent(share, 1);
    }

    /** A share with a percent sign: {@code 26.1%}, {@code 0.008%}, {@code 0%}; "-" when unknown. */
    public static String percent(double share, int decimals) {
        return Double.isNaN(share) ? "-" : percentNumber(share, decimals) + "%";
    }

    /** A 95% interval of a share: {@code 71.7–72.1%}. */
    public static String percentRange(double low, double high) {
        return Double.isNaN(low) || Double.isNaN(high) ? "-" : percentNumber(low, 1) + "–" + percent(high);
    }

    /**
     * A share and its interval: {@code 26.1% ±0.3} when the interval's two arms print the same,
     * else {@code 100% [20.6, 100]}.
     */
    public static String percentWithInterval(Estimate estimate, int decimals) {
        String value = percentNumber(estimate.value(), decimals);
        int scale = Math.max(decimals, new BigDecimal(value).scale());
        String below = arm(estimate.value() - estimate.low(), scale);
        String above = arm(estimate.high() - estimate.value(), scale);
        boolean exactEnd = estimate.value() == 0 || estimate.value() == 1;
        if (!exactEnd && below.equals(above)) {
            return value + "% ±" + below;
        }
        return value + "% [" + percentNumber(estimate.low(), decimals) + ", " + percentNumber(estimate.high(), decimals)
                + "]";
    }

    /** The percentage without its sign: fixed decimals in [0.1%, 99.9%], two significant digits outside. */
    public static String percentNumber(double share, int decimals) {
        if (!Double.isFinite(share)) {
            return String.valueOf(share);
        }
        if (share <= 0) {
            return "0";
        }
        if (share >= 1) {
            return "100";
        }
        if (share < SMALL) {
            return significant(share).toPlainString();
        }
        if (share > 1 - SMALL) {
            return HUNDRED.subtract(significant(1 - share)).toPlainString();
        }
        return new BigDecimal(100 * share).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** A target share without trailing zeros: 0.05 as {@code 5%}, 0.005 as {@code 0.5%}. */
    public static String target(double share) {
        return new BigDecimal(Double.toString(share)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** A plain number to three significant digits, for correlations and driver values; "-" when unknown. */
    public static String decimal(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        String text = magnitude != 0 && (magnitude >= 1e5 || magnitude < 1e-3)
                ? String.format(Locale.ROOT, "%.3g", value)
                : new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        return noNegativeZero(text);
    }

    /** A share, in percent, to two significant digits without trailing zeros. */
    private static BigDecimal significant(double share) {
        return new BigDecimal(100 * share).round(TWO_DIGITS).stripTrailingZeros();
    }

    private static String arm(double share, int scale) {
        return new BigDecimal(100 * Math.max(0, share)).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    private static String noNegativeZero(String text) {
        return text.startsWith("-") && text.replaceAll("[-0.,%]", "").isEmpty() ? text.substring(1) : text;
    }
}
