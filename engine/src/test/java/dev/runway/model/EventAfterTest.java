package dev.runway.model;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventAfterTest {
    private static final Distribution AMOUNT = Distribution.of(DistributionKind.CONSTANT, 100);

    @Test
    void anEventWhoseWindowEndedIsGoneAndALaterOneIsRenumbered() {
        Event shock = Event.scheduled("shock", EventKind.CASH_SHOCK, 0.6, AMOUNT, 2, 5);
        assertEquals(Optional.empty(), shock.after(5));
        Event later = shock.after(1).orElseThrow();
        assertEquals(1, later.firstQuarter());
        assertEquals(4, later.lastQuarter());
        assertEquals(0.6, later.probability(), "a window that had not begun keeps its probability");
    }

    /**
     * An event on with probability 0.6 in a quarter uniform over 2..5, seen from the end of quarter
     * 3: it happened by then with probability 0.6 * 2/4 = 0.3; in quarters 4 and 5 with 0.3; so,
     * given that it had not happened, with 0.3 / 0.7 in the two quarters left.
     */
    @Test
    void aWindowUnderWayKeepsTheChanceThatItHappensLaterGivenItHadNot() {
        Event shock = Event.scheduled("shock", EventKind.CASH_SHOCK, 0.6, AMOUNT, 2, 5);
        Event cut = shock.after(3).orElseThrow();
        assertEquals(1, cut.firstQuarter());
        assertEquals(2, cut.lastQuarter());
        assertEquals(0.3 / 0.7, cut.probability(), 1e-15);
        Event certain = Event.scheduled("sure", EventKind.CASH_SHOCK, 1.0, AMOUNT, 1, 4).after(2).orElseThrow();
        assertEquals(1.0, certain.probability(), 1e-15, "a sure event that had not happened happens in the rest");
        Event triggered = Event.triggeredInjection("rescue", 0.5, AMOUNT, 1, 6, 500).after(2).orElseThrow();
        assertEquals(0.5, triggered.probability(), "a triggered injection waits for its level, not a quarter");
        assertTrue(triggered.triggered());
        assertEquals(4, triggered.lastQuarter());
    }
}
