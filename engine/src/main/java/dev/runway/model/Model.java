package dev.runway.model;

import dev.runway.lang.Expr;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A company's cash model, checked: its line items in the order they are computed each quarter,
 * its per-quarter random series, its breach rule and the items it reports. Every name in every
 * formula is known, the items form no cycle, {@code prev} refers only to items with an initial
 * value, and every function has its number of arguments. A model is shared by every scenario of
 * an input folder; scenarios differ in their drivers, schedule and events, not in their formulas.
 *
 * @param file            where the model was read from, for messages ("the standard model" if built in)
 * @param items           the line items in evaluation order: each after every item its formula uses
 * @param series          the random series, in file order: one fresh draw per path and quarter each
 * @param breach          the breach rule, a condition evaluated at the end of every quarter
 * @param reported        the reported items, the primary one (summary, charts) first
 * @param drivers         the per-path drivers the formulas use, in the order their random inputs are drawn
 * @param scheduleColumns the schedule columns the formulas use
 * @param targets         the items events move (shocks, injections), in evaluation order; cash always
 * @param injected        those of them that injections move (cash always), the others are only shocked
 * @param driverUnits     each driver's unit, as drivers.csv gives it (may be empty)
 */
public record Model(String file, List<Item> items, List<Series> series, Expr breach, String breachText,
        List<String> reported, List<String> drivers, List<String> scheduleColumns, List<String> targets,
        List<String> injected, Map<String, String> driverUnits) implements Serializable {

    /** The item injections go to unless an event names another, and the one the solver injects into. */
    public static final String CASH = "cash";

    /**
     * The position a number carries when it is not written in the model but is the realized state
     * a rolled-forward run starts from ({@link #withInitialValues}), so messages name its origin.
     */
    public static final int STARTED_FROM_ACTUALS = -1;

    /** The name of a formula's quarter index, 1 in the first quarter. */
    public static final String QUARTER = "quarter";

    /**
     * A line item: computed every quarter from its formula; with an initial value it is also a
     * state, whose previous quarter's value {@code prev(name)} gives.
     *
     * @param initial the value of {@code prev(name)} in the first quarter; null if the item has no state
     */
    public record Item(String name, Expr formula, String formulaText, Expr initial, String unit, String source,
            int line) implements Serializable {

        public boolean state() {
            return initial != null;
        }
    }

    /** A per-quarter random series: a fresh draw from {@code distribution} for every path and quarter. */
    public record Series(String name, Distribution distribution, String unit, String source, int line)
            implements Serializable {
    }

    public Model {
        items = List.copyOf(items);
        series = List.copyOf(series);
        reported = List.copyOf(reported);
        drivers = List.copyOf(drivers);
        scheduleColumns = List.copyOf(scheduleColumns);
        targets = List.copyOf(targets);
        injected = List.copyOf(injected);
        driverUnits = Map.copyOf(driverUnits);
        if (reported.isEmpty()) {
            throw new IllegalArgumentException("a model reports at least one item");
        }
    }

    /** The item the summary, the quarterly file and the charts are about: the first reported one. */
    public String primary() {
        return reported.get(0);
    }

    /** The unit of an item, series or driver; empty if none was declared. */
    public String unit(String name) {
        for (Item item : items) {
            if (item.name().equals(name)) {
                return item.unit();
            }
        }
        for (Series s : series) {
            if (s.name().equals(name)) {
                return s.unit();
            }
        }
        return driverUnits.getOrDefault(name, "");
    }

    /** The unit of the primary item, the one every money figure of the outputs is in. */
    public String primaryUnit() {
        return unit(primary());
    }

    public Item item(String name) {
        for (Item item : items) {
            if (item.name().equals(name)) {
                return item;
            }
        }
        return null;
    }

    public int driverIndex(String name) {
        return drivers.indexOf(name);
    }

    /** Whether the solver and default injections have an item to put cash into. */
    public boolean hasCash() {
        return item(CASH) != null;
    }

    /**
     * The same model with the case's event targets set: the items its shocks move and the items
     * its injections move. Cash is both, for the solver's injection and the default shocks.
     */
    public Model withTargets(List<String> shocked, List<String> injectedInto) {
        List<String> ordered = new ArrayList<>();
        List<String> orderedInjected = new ArrayList<>();
        for (Item item : items) {
            boolean cash = item.name().equals(CASH);
            if (shocked.contains(item.name()) || injectedInto.contains(item.name()) || cash) {
                ordered.add(item.name());
            }
            if (injectedInto.contains(item.name()) || cash) {
                orderedInjected.add(item.name());
            }
        }
        return new Model(file, items, series, breach, breachText, reported, drivers, scheduleColumns, ordered,
                orderedInjected, driverUnits);
    }

    /**
     * The same model with some states starting from given numbers instead of their initial
     * formulas: the realized state a forecast rolled forward starts from.
     *
     * @param values by item name; each must be an item with a state
     */
    public Model withInitialValues(Map<String, Double> values) {
        List<Item> started = new ArrayList<>();
        for (Item item : items) {
            Double value = values.get(item.name());
            if (value != null && !item.state()) {
                throw new IllegalArgumentException(item.name() + " has no state to start from " + value);
            }
            started.add(value == null ? item : new Item(item.name(), item.formula(), item.formulaText(),
                    new Expr.Num(value, STARTED_FROM_ACTUALS), item.unit(), item.source(), item.line()));
        }
        return new Model(file, started, series, breach, breachText, reported, drivers, scheduleColumns, targets,
                injected, driverUnits);
    }

    /** Index of each item in evaluation order. */
    public Map<String, Integer> itemIndexes() {
        Map<String, Integer> indexes = new HashMap<>();
        for (int k = 0; k < items.size(); k++) {
            indexes.put(items.get(k).name(), k);
        }
        return indexes;
    }
}
