package dev.runway.report;

import java.util.Locale;

/** Fixed-decimal text for the output files: locale-free, never "-0", the same on every machine. */
final class Decimal {
    private Decimal() {
    }

    /**
     * A value of a model's item, in its own unit: at least three decimals and at least four
     * significant digits, so ¥1 million shows for JPY bn and an sd of 0.0123 (USD bn) is not
     * rounded to 0.012.
     */
    static String money(double value) {
        double magnitude = Math.abs(value);
        if (!(magnitude > 0) || magnitude >= 1 || Double.isInfinite(magnitude)) {
            return fixed(value, 3);
        }
        int decimals = (int) Math.min(17, 3 - Math.floor(Math.log10(magnitude)));
        return fixed(value, Math.max(3, decimals));
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
