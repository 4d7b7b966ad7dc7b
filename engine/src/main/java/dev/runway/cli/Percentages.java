package dev.runway.cli;

import dev.runway.stats.Estimate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Shares of paths printed as percentages that never round to a claim the paths do not make: no
 * path in breach is {@code 0%} and every path {@code 100%}, but a share that is not exactly 0 or
 * 1 never prints as either (below 0.1%, and above 99.9%, it keeps two significant digits of its
 * distance from the end), and an interval is written {@code ±h} only when it is symmetric at the
 * printed precision, else as its two ends.
 */
final class Percentages {
    /** Below this share, and above one minus it, fixed decimals would hide the value: two significant digits. */
    private static final double SMALL = 0.001;

    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_UP);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Percentages() {
    }

    /** The share with a percent sign, e.g. {@code 26.1%}, {@code 0.008%}, {@code 0%}. */
    static String of(double share, int decimals) {
        return number(share, decimals) + "%";
    }

    /**
     * The share and its interval: {@code 26.1% ±0.3} when the interval's two arms print the same,
     * else {@code 100% [20.6, 100]}.
     */
    static String withInterval(Estimate estimate, int decimals) {
        String value = number(estimate.value(), decimals);
        int scale = Math.max(decimals, new BigDecimal(value).scale());
        String below = arm(estimate.value() - estimate.low(), scale);
        String above = arm(estimate.high() - estimate.value(), scale);
        boolean exactEnd = estimate.value() == 0 || estimate.value() == 1;
        if (!exactEnd && below.equals(above)) {
            return value + "% ±" + below;
        }
        return value + "% [" + number(estimate.low(), decimals) + ", " + number(estimate.high(), decimals) + "]";
    }

    /** The percentage without its sign: fixed decimals in [0.1%, 99.9%], two significant digits outside. */
    static String number(double share, int decimals) {
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

    /** A share, in percent, to two significant digits without trailing zeros. */
    private static BigDecimal significant(double share) {
        return new BigDecimal(100 * share).round(TWO_DIGITS).stripTrailingZeros();
    }

    private static String arm(double share, int scale) {
        return new BigDecimal(100 * Math.max(0, share)).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
