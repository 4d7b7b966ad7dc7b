package dev.runway.fit;

import dev.runway.model.FiscalQuarter;
import dev.runway.model.History;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A series is an item or a formula over items, evaluated quarter by quarter over the history. */
class SeriesFormulaTest {
    private static final FiscalQuarter START = new FiscalQuarter(2020, 1);

    /**
     * revenue 100, 110, ... in FY2020Q1..FY2022Q4 (lines 2..13); cost 50, 52, ... over the same
     * quarters (lines 14..25) except FY2021Q2, the sixth.
     */
    private static History history() {
        List<History.Fact> facts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            facts.add(new History.Fact("revenue", START.plus(i), 100 + 10 * i, "JPY bn", "test", 2 + i));
        }
        for (int i = 0; i < 12; i++) {
            if (i != 5) {
                facts.add(new History.Fact("cost", START.plus(i), 50 + 2 * i, "JPY bn", "test", 14 + i));
            }
        }
        return new History("h.csv", "00", facts);
    }

    @Test
    void anItemIsItsValuesOverEveryQuarterItHas() throws FitException {
        Series series = SeriesFormula.parse("revenue", history()).over(null, null);
        assertEquals(START, series.from());
        assertEquals(12, series.size());
        assertEquals(110, series.values()[1]);
        assertEquals("JPY bn", series.unit());
        assertEquals(List.of(3), series.lines().get(1));
    }

    /** lag(x, k) is x k quarters earlier, so the default window starts k quarters after the item's first. */
    @Test
    void aLagStartsTheDefaultWindowWhereItsInputsBegin() throws FitException {
        Series series = SeriesFormula.parse("log(revenue / lag(revenue, 4))", history()).over(null, null);
        assertEquals(START.plus(4), series.from());
        assertEquals(START.plus(11), series.to());
        assertEquals(Math.log(140.0 / 100), series.values()[0], 1e-15);
        assertEquals(List.of(2, 6), series.lines().get(0));
        assertEquals("", series.unit());
        Series prev = SeriesFormula.parse("revenue - prev(revenue)", history()).over(null, null);
        assertEquals(START.plus(1), prev.from());
        assertArrayEquals(new double[] {10, 10, 10}, java.util.Arrays.copyOf(prev.values(), 3));
    }

    @Test
    void conditionsChooseABranchAndOnlyItIsEvaluated() throws FitException {
        Series series = SeriesFormula.parse("if(revenue > 150, revenue, -revenue)", history())
                .over(START.plus(4), START.plus(6));
        assertArrayEquals(new double[] {-140, -150, 160}, series.values());
    }

    /** A quarter of the window without an input is an error at the row after the gap, naming the quarter. */
    @Test
    void aGapInTheWindowIsAnErrorNamingTheMissingQuarter() {
        FitException e = assertThrows(FitException.class,
                () -> SeriesFormula.parse("cost / revenue", history()).over(null, null));
        assertEquals("h.csv:20: column 'quarter': the series \"cost / revenue\" in FY2021Q2 needs cost of FY2021Q2, "
                + "which h.csv does not have: its cost rows jump from FY2021Q1 (line 18) to FY2021Q3 (line 20); the "
                + "window is FY2020Q1–FY2022Q4. Add the row, or start after it (--from FY2021Q3), or end before it "
                + "(--to FY2021Q1)", e.getMessage());
    }

    @Test
    void aGapOutsideTheWindowDoesNotMatter() throws FitException {
        Series series = SeriesFormula.parse("cost / revenue", history()).over(START.plus(6), null);
        assertEquals(6, series.size());
    }

    @Test
    void aWindowBeyondTheHistoryNamesTheItemsLastRow() {
        FitException e = assertThrows(FitException.class,
                () -> SeriesFormula.parse("revenue", history()).over(START, START.plus(12)));
        assertTrue(e.getMessage().contains("needs revenue of FY2023Q1, after the last revenue row of h.csv (FY2022Q4, "
                + "line 13)"), e.getMessage());
    }

    @Test
    void anUnknownItemIsNamedWithTheClosestOne() {
        FitException e = assertThrows(FitException.class, () -> SeriesFormula.parse("revnue / cost", history()));
        assertEquals("--series \"revnue / cost\", at character 1: unknown item \"revnue\"; did you mean \"revenue\"? The "
                + "names in a series are items of h.csv: its items are cost, revenue", e.getMessage());
    }

    @Test
    void aMalformedFormulaSaysWhatWasExpectedWhere() {
        FitException e = assertThrows(FitException.class, () -> SeriesFormula.parse("revenue / (cost", history()));
        assertTrue(e.getMessage().startsWith("--series \"revenue / (cost\", at character 16: expected"), e.getMessage());
        FitException condition = assertThrows(FitException.class, () -> SeriesFormula.parse("revenue > 1", history()));
        assertTrue(condition.getMessage().contains("this is a condition"), condition.getMessage());
        FitException lag = assertThrows(FitException.class, () -> SeriesFormula.parse("lag(revenue, cost)", history()));
        assertTrue(lag.getMessage().contains("whole number of quarters"), lag.getMessage());
        FitException distribution = assertThrows(FitException.class,
                () -> SeriesFormula.parse("normal(0, 1)", history()));
        assertTrue(distribution.getMessage().contains("is a distribution"), distribution.getMessage());
    }

    @Test
    void aValueThatIsNotFiniteIsAnErrorNamingItsQuarter() {
        FitException e = assertThrows(FitException.class,
                () -> SeriesFormula.parse("log(revenue - 110)", history()).over(null, null));
        assertTrue(e.getMessage().startsWith("h.csv:2: the series \"log(revenue - 110)\" is undefined (NaN) in FY2020Q1"),
                e.getMessage());
    }
}
