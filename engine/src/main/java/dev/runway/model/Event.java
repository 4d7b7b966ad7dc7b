package dev.runway.model;

import java.io.Serializable;

/**
 * An event that happens at most once per path: on with {@code probability}, with an amount drawn
 * from {@code amount}, in a quarter drawn uniformly from the window, or, when {@code triggered},
 * in the first quarter of the window whose cash before injections is below {@code triggerBelow}.
 *
 * @param firstQuarter 1-based, inclusive
 * @param lastQuarter  1-based, inclusive
 * @param target       the line item it moves ({@link EventKind#defaultTarget} unless the input names one)
 */
public record Event(String name, EventKind kind, double probability, Distribution amount, int firstQuarter,
        int lastQuarter, boolean triggered, double triggerBelow, String target, String source) implements Serializable {

    public Event {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("event " + name + ": probability must be in [0, 1], found " + probability);
        }
        if (firstQuarter < 1 || lastQuarter < firstQuarter) {
            throw new IllegalArgumentException("event " + name + ": the window must satisfy 1 <= first_quarter <= "
                    + "last_quarter, found " + firstQuarter + ".." + lastQuarter);
        }
        if (triggered && !kind.injection()) {
            throw new IllegalArgumentException("event " + name + ": only injections can have trigger_below");
        }
        if (triggered && !Double.isFinite(triggerBelow)) {
            throw new IllegalArgumentException("event " + name + ": trigger_below must be finite, found " + triggerBelow);
        }
    }

    /** An event that fires in a random quarter of its window. */
    public static Event scheduled(String name, EventKind kind, double probability, Distribution amount,
            int firstQuarter, int lastQuarter) {
        return new Event(name, kind, probability, amount, firstQuarter, lastQuarter, false, Double.NaN,
                kind.defaultTarget(), "");
    }

    /** An injection that fires in the first quarter of its window whose cash before injections is below the trigger. */
    public static Event triggeredInjection(String name, double probability, Distribution amount, int firstQuarter,
            int lastQuarter, double triggerBelow) {
        return new Event(name, EventKind.INJECTION, probability, amount, firstQuarter, lastQuarter, true,
                triggerBelow, Model.CASH, "");
    }
}
