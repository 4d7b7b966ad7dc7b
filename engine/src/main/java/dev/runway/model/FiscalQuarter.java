package dev.runway.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quarter as history and actuals files label it, {@code FY<year>Q<1-4>}: FY2025Q1 is the first
 * quarter of fiscal year 2025 (April to June 2025 for a company whose year starts in April, as
 * the schedules label them); a case whose schedule labels calendar quarters writes
 * {@code <year>Q<1-4>} (2026Q1), and the label keeps the form it was written in, so it matches the
 * schedule's. Quarters are ordered, and {@link #index} numbers them without gaps, so the quarter
 * before FY2025Q1 is FY2024Q4.
 *
 * @param year    the fiscal year, 1000 to 9999
 * @param quarter the quarter of that year, 1 to 4
 * @param fiscal  whether the label is written with {@code FY}
 */
public record FiscalQuarter(int year, int quarter, boolean fiscal) implements Comparable<FiscalQuarter> {
    private static final Pattern LABEL = Pattern.compile("(FY)?([1-9][0-9]{3})Q([1-4])");

    /** How a label is written, for messages. */
    public static final String FORM = "FY<year>Q<1-4>, such as FY2024Q4 (or <year>Q<1-4> for calendar quarters)";

    public FiscalQuarter {
        if (year < 1000 || year > 9999 || quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("no fiscal quarter FY" + year + "Q" + quarter);
        }
    }

    /** A fiscal quarter, labelled {@code FY<year>Q<quarter>}. */
    public FiscalQuarter(int year, int quarter) {
        this(year, quarter, true);
    }

    /** The quarter a label names, or null if the label is not written {@code FY<year>Q<1-4>} or {@code <year>Q<1-4>}. */
    public static FiscalQuarter parse(String label) {
        Matcher matcher = LABEL.matcher(label);
        return matcher.matches() ? new FiscalQuarter(Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), matcher.group(1) != null) : null;
    }

    /** The fiscal quarter with the given {@link #index}. */
    public static FiscalQuarter ofIndex(int index) {
        return new FiscalQuarter(Math.floorDiv(index, 4), Math.floorMod(index, 4) + 1);
    }

    /** A number that grows by one from each quarter to the next: {@code 4 year + quarter - 1}. */
    public int index() {
        return 4 * year + quarter - 1;
    }

    /** The quarter {@code quarters} later (earlier when negative), labelled in the same form. */
    public FiscalQuarter plus(int quarters) {
        int index = index() + quarters;
        return new FiscalQuarter(Math.floorDiv(index, 4), Math.floorMod(index, 4) + 1, fiscal);
    }

    /** How many quarters from this one to {@code later}: 0 for the same quarter. */
    public int quartersUntil(FiscalQuarter later) {
        return later.index() - index();
    }

    @Override
    public int compareTo(FiscalQuarter other) {
        return Integer.compare(index(), other.index());
    }

    /** The label as written, e.g. {@code FY2024Q4} or {@code 2026Q1}. */
    @Override
    public String toString() {
        return (fiscal ? "FY" : "") + year + "Q" + quarter;
    }
}
