package dev.runway.report;

import java.util.Locale;

/** Fixed-decimal text for the output files: locale-free, never "-0", the same on every machine. */
final class Decimal {
    private Decimal() {
    }

    /** Money in JPY bn to ¥1 million. */
    static String money(double value) {
        return fixed(value, 3);
    }

    /** A probability or share to six decimals. */
    static String probability(double value) {
        return fixed(value, 6);
    }

    /** Empty for NaN (a statistic that does not exist, such as the mean injection when none fired). */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "";
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.startsWith("-") && Double.parseDouble(text) == 0.0 ? text.substring(1) : text;
    }
}
