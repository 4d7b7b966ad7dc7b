package dev.runway.model;

import java.util.Locale;

/**
 * What an event does to a path when it fires: it moves a line item, its target, in the quarter it
 * fires, right after the item's formula, so everything computed from the item sees the move, and
 * an item with a state carries it on.
 */
public enum EventKind {
    /** {@code target += amount}, after shocks and triggers: a partner's equity or loan, an asset sale. */
    INJECTION(Model.CASH, 1.0, true),
    /** {@code target -= amount}: a fine, a recall, a tariff bill. */
    CASH_SHOCK(Model.CASH, -1.0, false),
    /** {@code target += amount}: a persistent log change of sales volume in the standard model. */
    VOLUME_SHOCK("volume", 1.0, false);

    private final String defaultTarget;
    private final double sign;
    private final boolean injection;

    /** Every kind states all three, so a new kind cannot leave how it moves its target to a default. */
    EventKind(String defaultTarget, double sign, boolean injection) {
        this.defaultTarget = defaultTarget;
        this.sign = sign;
        this.injection = injection;
    }

    /** The item this kind moves when the event names none. */
    public String defaultTarget() {
        return defaultTarget;
    }

    /** +1 if the amount is added to the target, -1 if it is taken from it. */
    public double sign() {
        return sign;
    }

    /**
     * True for money paid in: it moves its target after the quarter's shocks and triggers, counts
     * towards the path's injected total and its "an injection fired", and may be triggered by a
     * level ({@code trigger_below}). False for a shock: it moves its target before the triggers look.
     */
    public boolean injection() {
        return injection;
    }

    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventKind fromCsv(String name) {
        for (EventKind kind : values()) {
            if (kind.csvName().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
