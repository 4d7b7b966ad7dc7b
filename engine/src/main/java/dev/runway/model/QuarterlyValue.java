package dev.runway.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One number of a history or actuals file: an item's value in a quarter, with where it came from.
 *
 * @param file    the file as given, for messages
 * @param line    its line there
 * @param quarter the quarter's label, {@code FY2025Q1} or {@code 2025Q1}
 * @param source  the public source of the number, never empty
 */
public record QuarterlyValue(String file, int line, String quarter, String item, double value, String unit,
        String source) {

    private static final Pattern LABEL = Pattern.compile("(FY)?(\\d{4})Q([1-4])");

    /** Whether a label names a quarter: {@code FY2025Q1} (a fiscal year's first quarter) or {@code 2025Q1}. */
    public static boolean isQuarter(String label) {
        return LABEL.matcher(label).matches();
    }

    /** The quarter's position on a time line: consecutive quarters differ by one. The label must be a quarter. */
    public static int index(String label) {
        Matcher matcher = LABEL.matcher(label);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a quarter label: " + label);
        }
        return 4 * Integer.parseInt(matcher.group(2)) + Integer.parseInt(matcher.group(3)) - 1;
    }

    /** This value's place in its file, for messages: {@code actuals.csv:12}. */
    public String where() {
        return file + ":" + line;
    }
}
