package dev.runway.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A company's reported history, one number per item and fiscal quarter, as a history or actuals
 * file holds it ({@code quarter,item,value,unit,source}; docs/model.md §15): each number with its
 * unit, its public source and the line it came from. Immutable; at most one number per item and
 * quarter.
 */
public final class History {
    /**
     * One reported number.
     *
     * @param line the 1-based physical line of the file it was read from
     */
    public record Fact(String item, FiscalQuarter quarter, double value, String unit, String source, int line) {

        /** The quarter's label as the file writes it, e.g. {@code FY2025Q1}. */
        public String label() {
            return quarter.toString();
        }
    }

    private final String file;
    private final String sha256;
    private final Map<String, NavigableMap<FiscalQuarter, Fact>> items;
    private final List<Fact> facts;

    /**
     * @param file   the file as the user named it, for messages
     * @param sha256 the SHA-256 of its bytes, for the outputs' manifest
     * @throws IllegalArgumentException if two facts have the same item and quarter
     */
    public History(String file, String sha256, List<Fact> facts) {
        this.file = file;
        this.sha256 = sha256;
        Map<String, NavigableMap<FiscalQuarter, Fact>> byItem = new TreeMap<>();
        for (Fact fact : facts) {
            Fact earlier = byItem.computeIfAbsent(fact.item(), item -> new TreeMap<>()).put(fact.quarter(), fact);
            if (earlier != null) {
                throw new IllegalArgumentException(file + ": " + fact.item() + " of " + fact.quarter()
                        + " is on lines " + earlier.line() + " and " + fact.line());
            }
        }
        byItem.replaceAll((item, series) -> Collections.unmodifiableNavigableMap(series));
        this.items = Collections.unmodifiableMap(byItem);
        this.facts = List.copyOf(facts);
    }

    /** Every number, in the file's order. */
    public List<Fact> facts() {
        return facts;
    }

    /** Where a number is, for messages: {@code actuals.csv:12}. */
    public String where(Fact fact) {
        return file + ":" + fact.line();
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    /** The items, in alphabetical order. */
    public Set<String> items() {
        return items.keySet();
    }

    /** An item's numbers by quarter, in order; empty for an unknown item. */
    public NavigableMap<FiscalQuarter, Fact> series(String item) {
        return items.getOrDefault(item, Collections.emptyNavigableMap());
    }

    /** The number of an item in a quarter, or null if the history has none. */
    public Fact fact(String item, FiscalQuarter quarter) {
        return series(item).get(quarter);
    }

    /** An item's unit (every row of an item has the same one); empty if unknown. */
    public String unit(String item) {
        NavigableMap<FiscalQuarter, Fact> series = series(item);
        return series.isEmpty() ? "" : series.firstEntry().getValue().unit();
    }
}
