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

    /**
     * The event seen from the end of quarter {@code quarters}, on a schedule rolled past them
     * ({@link Schedule#after}): empty if its window has ended by then (it happened or not, and the
     * realized state holds its effect), else its window renumbered and cut to the quarters left.
     * A scheduled event whose window had begun is taken not to have happened yet: its probability
     * becomes the chance that it happens in the quarters left given that it had not by then
     * (its quarter is uniform over the window).
     */
    public java.util.Optional<Event> after(int quarters) {
        if (lastQuarter <= quarters) {
            return java.util.Optional.empty();
        }
        int first = Math.max(firstQuarter, quarters + 1);
        double left = probability;
        if (!triggered && first > firstQuarter) {
            double window = lastQuarter - firstQuarter + 1;
            double gone = probability * (first - firstQuarter) / window;
            left = gone >= 1 ? 1.0 : probability * (lastQuarter - first + 1) / window / (1 - gone);
        }
        return java.util.Optional.of(new Event(name, kind, left, amount, first - quarters, lastQuarter - quarters,
                triggered, triggerBelow, target, source));
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
