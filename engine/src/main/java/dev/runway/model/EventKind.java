package dev.runway.model;

import java.util.Locale;

/** What an event does to a path when it fires. */
public enum EventKind {
    /** {@code cash += amount}: a partner's equity or loan, an asset sale. */
    INJECTION,
    /** {@code cash -= amount}: a fine, a recall, a tariff bill. */
    CASH_SHOCK,
    /** {@code v += amount}: a persistent log change of sales volume. */
    VOLUME_SHOCK;

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
