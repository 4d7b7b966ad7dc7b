package dev.runway.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fiscal quarter as history and actuals files label it, {@code FY<year>Q<1-4>}: FY2025Q1 is the
 * first quarter of fiscal year 2025 (April to June 2025 for a company whose year starts in April,
 * as the schedules label them). Quarters are ordered, and {@link #index} numbers them without
 * gaps, so the quarter before FY2025Q1 is FY2024Q4.
 *
 * @param year    the fiscal year, 1000 to 9999
 * @param quarter the quarter of that year, 1 to 4
 */
public record FiscalQuarter(int year, int quarter) implements Comparable<FiscalQuarter> {
    private static final Pattern LABEL = Pattern.compile("FY([1-9][0-9]{3})Q([1-4])");

    /** How a label is written, for messages: {@code FY<year>Q<1-4>, such as FY2024Q4}. */
    public static final String FORM = "FY<year>Q<1-4>, such as FY2024Q4";

    public FiscalQuarter {
        if (year < 1000 || year > 9999 || quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("no fiscal quarter FY" + year + "Q" + quarter);
        }
    }

    /** The quarter a label names, or null if the label is not written {@code FY<year>Q<1-4>}. */
    public static FiscalQuarter parse(String label) {
        Matcher matcher = LABEL.matcher(label);
        return matcher.matches() ? new FiscalQuarter(Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2))) : null;
    }

    /** The quarter with the given {@link #index}. */
    public static FiscalQuarter ofIndex(int index) {
        return new FiscalQuarter(Math.floorDiv(index, 4), Math.floorMod(index, 4) + 1);
    }

    /** A number that grows by one from each quarter to the next: {@code 4 year + quarter - 1}. */
    public int index() {
        return 4 * year + quarter - 1;
    }

    /** The quarter {@code quarters} later (earlier when negative). */
    public FiscalQuarter plus(int quarters) {
        return ofIndex(index() + quarters);
    }

    /** How many quarters from this one to {@code later}: 0 for the same quarter. */
    public int quartersUntil(FiscalQuarter later) {
        return later.index() - index();
    }

    @Override
    public int compareTo(FiscalQuarter other) {
        return Integer.compare(index(), other.index());
    }

    /** The label, e.g. {@code FY2024Q4}. */
    @Override
    public String toString() {
        return "FY" + year + "Q" + quarter;
    }
}
