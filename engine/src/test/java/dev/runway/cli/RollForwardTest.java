package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --as-of}: a forecast rolled forward starts from the realized state and simulates only the quarters after. */
class RollForwardTest {
    @TempDir
    Path tmp;

    /**
     * A model without randomness whose cash reads a schedule column two quarters back and the
     * quarter's number: rolled forward from its own cash at the end of quarter 3, it must give
     * exactly the quarters 4 to 6 of the run from the start, so lag reaches into the quarters rolled
     * past and {@code quarter} keeps the schedule's numbering.
     */
    private Path inputs() {
        return InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER, "base,opening_cash,constant,1000,,,,USD m,t")
                .file(InputReader.SCHEDULE, "scenario,quarter,label,inflow,outflow", "base,1,2026Q1,10,5",
                        "base,2,2026Q2,20,6", "base,3,2026Q3,40,7", "base,4,2026Q4,80,8", "base,5,2027Q1,160,9",
                        "base,6,2027Q2,320,10")
                .file(InputReader.MODEL, "item,formula,initial,unit,source",
                        "cash,\"prev(cash) + lag(inflow, 2) + 100 * quarter - outflow\",opening_cash,USD m,",
                        "breach,cash < 0,,,", "report,cash,,,")
                .writeTo(tmp.resolve("in"));
    }

    private static List<String> quarterly(Path out) throws IOException {
        return Files.readAllLines(out.resolve("base/quarterly.csv"), StandardCharsets.UTF_8);
    }

    private Path actuals(String... rows) throws IOException {
        return Files.writeString(tmp.resolve("actuals.csv"), "quarter,item,value,unit,source\n" + String.join("\n", rows)
                + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void rolledForwardFromItsOwnStateTheRunGivesTheSameQuarters() throws IOException {
        Path in = inputs();
        RunwayRun full = RunwayRun.of("simulate", "--inputs", in.toString(), "--paths", "100", "--out",
                tmp.resolve("full").toString());
        assertEquals(0, full.exitCode(), full.printed());
        List<String> all = quarterly(tmp.resolve("full"));
        // Quarter 3: 1000 + (0 + 100 - 5) + (0 + 200 - 6) + (10 + 300 - 7) = 1592.
        assertTrue(all.get(3).startsWith("3,2026Q3,1592.000,"), all.get(3));

        RunwayRun rolled = RunwayRun.of("simulate", "--inputs", in.toString(), "--paths", "100", "--actuals",
                actuals("2026Q3,cash,1592,USD m,the run from the start").toString(), "--as-of", "2026Q3", "--out",
                tmp.resolve("rolled").toString());
        assertEquals(0, rolled.exitCode(), rolled.printed());
        assertTrue(rolled.err().contains("note: --as-of 2026Q3: the forecast starts after 2026Q3 from cash 1,592 ("),
                rolled.printed());
        List<String> later = quarterly(tmp.resolve("rolled"));
        assertEquals(4, later.size(), "the header and quarters 2026Q4 to 2027Q2");
        for (int q = 1; q <= 3; q++) {
            assertEquals(all.get(q + 3).substring(all.get(q + 3).indexOf(',')), later.get(q).substring(later.get(q)
                    .indexOf(',')), "quarter " + q + " after 2026Q3");
            assertTrue(later.get(q).startsWith(q + ","), later.get(q));
        }
        String manifest = Files.readString(tmp.resolve("rolled/manifest.csv"));
        assertTrue(manifest.contains("as_of,\"2026Q3; started from cash 1,592 ("), manifest);
        assertTrue(manifest.contains("note:1,\"--as-of 2026Q3: the forecast starts after 2026Q3 from cash 1,592 ("),
                "the notes the run printed are in the manifest: " + manifest);
    }

    @Test
    void aForecastThatCannotStartFromWhatHappenedIsRefused() throws IOException {
        Path in = inputs();
        String out = tmp.resolve("out").toString();

        RunwayRun noActuals = RunwayRun.of("simulate", "--inputs", in.toString(), "--as-of", "2026Q3", "--out", out);
        assertEquals(2, noActuals.exitCode(), noActuals.printed());
        assertTrue(noActuals.err().contains("--as-of starts the forecast from the realized values of --actuals"),
                noActuals.printed());

        RunwayRun unknown = RunwayRun.of("simulate", "--inputs", in.toString(), "--actuals",
                actuals("2026Q2,cash,1400,USD m,x").toString(), "--as-of", "2026Q3", "--out", out);
        assertEquals(2, unknown.exitCode(), unknown.printed());
        assertTrue(unknown.err().contains("error: --as-of 2026Q3: the actuals give none of the model's states (cash)"),
                unknown.printed());

        RunwayRun notAQuarter = RunwayRun.of("simulate", "--inputs", in.toString(), "--actuals",
                actuals("2029Q1,cash,1,USD m,x").toString(), "--as-of", "2029Q1", "--out", out);
        assertEquals(2, notAQuarter.exitCode(), notAQuarter.printed());
        assertTrue(notAQuarter.err().contains("error: --as-of 2029Q1 is not a quarter of scenario base (2026Q1 to "
                + "2027Q2)"), notAQuarter.printed());

        RunwayRun last = RunwayRun.of("simulate", "--inputs", in.toString(), "--actuals",
                actuals("2027Q2,cash,1,USD m,x").toString(), "--as-of", "2027Q2", "--out", out);
        assertEquals(2, last.exitCode(), last.printed());
        assertTrue(last.err().contains("error: --as-of 2027Q2 is the last quarter of scenario base: no quarter is left"),
                last.printed());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
    }

    /** The reviewer's cases: where to start is checked before what to start from, and a state keeps its unit. */
    @Test
    void aWrongStartIsNamedBeforeAMissingStateAndAStateKeepsItsUnit() throws IOException {
        Path in = inputs();
        String out = tmp.resolve("out").toString();
        RunwayRun form = RunwayRun.of("simulate", "--inputs", in.toString(), "--actuals",
                actuals("2026Q3,cash,1592,USD m,x").toString(), "--as-of", "FY2026Q3", "--out", out);
        assertEquals(2, form.exitCode(), form.printed());
        assertTrue(form.err().contains("error: --as-of FY2026Q3 is not a quarter of scenario base (2026Q1 to 2027Q2); "
                + "did you mean 2026Q3, as its schedule labels it?"), form.printed());

        RunwayRun unit = RunwayRun.of("simulate", "--inputs", in.toString(), "--actuals",
                actuals("2026Q3,cash,1592000,USD k,x").toString(), "--as-of", "2026Q3", "--out", out);
        assertEquals(2, unit.exitCode(), unit.printed());
        assertTrue(unit.err().contains(":2: column 'unit': cash is in 'USD k' here but in 'USD m'"), unit.printed());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
    }

    /**
     * A season computed from {@code quarter} (as runway fit writes it) stays in step when the run is
     * rolled forward; a counter carried in a state would restart.
     */
    @Test
    void aSeasonFromTheQuarterNumberStaysInStepWhenRolledForward() throws IOException {
        Path in = InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER, "base,opening_cash,constant,1000,,,,USD m,t")
                .file(InputReader.SCHEDULE, "scenario,quarter,label,inflow", "base,1,2026Q1,1", "base,2,2026Q2,1",
                        "base,3,2026Q3,1", "base,4,2026Q4,1", "base,5,2027Q1,1", "base,6,2027Q2,1")
                .file(InputReader.MODEL, "item,formula,initial,unit,source",
                        "season,quarter + 0 - 4 * floor((quarter - 1 + 0) / 4),,,",
                        "cash,prev(cash) + inflow,opening_cash,USD m,", "breach,cash < 0,,,", "report,\"cash, season\",,,")
                .writeTo(tmp.resolve("season"));
        RunwayRun rolled = RunwayRun.of("simulate", "--inputs", in.toString(), "--paths", "10", "--actuals",
                actuals("2026Q3,cash,1003,USD m,x").toString(), "--as-of", "2026Q3", "--out", tmp.resolve("o").toString());
        assertEquals(0, rolled.exitCode(), rolled.printed());
        List<String> seasons = Files.readAllLines(tmp.resolve("o/base/item_quarterly.csv")).stream()
                .filter(line -> line.startsWith("season,")).map(line -> line.split(",")[3] + "=" + line.split(",")[4])
                .toList();
        assertEquals(List.of("2026Q4=4.000", "2027Q1=1.000", "2027Q2=2.000"), seasons);
    }

    /** A value that is not finite, owed to the realized state, is traced to the actuals, not to the model's initial column. */
    @Test
    void aStartThatBreaksAFormulaIsTracedToTheActuals() throws IOException {
        Path in = InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER, "base,opening_cash,constant,1000,,,,USD m,t")
                .file(InputReader.SCHEDULE, "scenario,quarter,label,inflow", "base,1,2026Q1,1", "base,2,2026Q2,1",
                        "base,3,2026Q3,1", "base,4,2026Q4,1")
                .file(InputReader.MODEL, "item,formula,initial,unit,source", "cash,prev(cash) + inflow,opening_cash,USD m,",
                        "root,sqrt(prev(cash)),,,", "breach,cash < 0,,,", "report,\"cash, root\",,,")
                .writeTo(tmp.resolve("sqrt"));
        RunwayRun run = RunwayRun.of("simulate", "--inputs", in.toString(), "--paths", "10", "--actuals",
                actuals("2026Q2,cash,-5,USD m,x").toString(), "--as-of", "2026Q2", "--out", tmp.resolve("o").toString());
        assertEquals(2, run.exitCode(), run.printed());
        assertTrue(run.err().contains("the realized value -5 that --as-of starts cash from (the actuals file)"),
                run.printed());
    }

    @Test
    void aBacktestWithNothingToScoreIsRefusedAndARolledForecastMayStream() throws IOException {
        Path in = inputs();
        Path onlyTheStart = actuals("2026Q3,cash,1592,USD m,x");
        RunwayRun nothing = RunwayRun.of("backtest", "--inputs", in.toString(), "--actuals", onlyTheStart.toString(),
                "--as-of", "2026Q3", "--out", tmp.resolve("out").toString());
        assertEquals(2, nothing.exitCode(), nothing.printed());
        assertTrue(nothing.err().contains("error: nothing to score: " + onlyTheStart + " has no value of an item the "
                + "model reports (cash) in a quarter the forecast covers (2026Q4 to 2027Q2)"), nothing.printed());

        RunwayRun streamed = RunwayRun.of("simulate", "--inputs", in.toString(), "--paths", "100", "--actuals",
                onlyTheStart.toString(), "--as-of", "2026Q3", "--statistics", "streaming", "--out",
                tmp.resolve("streamed").toString());
        assertEquals(0, streamed.exitCode(), streamed.printed());
    }

    @Test
    void actualsUpToTheStartAreTheStateAndTheLaterOnesAreScored() throws IOException {
        Path in = inputs();
        RunwayRun run = RunwayRun.of("backtest", "--inputs", in.toString(), "--paths", "100", "--actuals",
                actuals("2026Q2,cash,1400,USD m,x", "2026Q3,cash,1592,USD m,x", "2026Q4,cash,2000,USD m,x").toString(),
                "--as-of", "2026Q3", "--out", tmp.resolve("out").toString());
        assertEquals(0, run.exitCode(), run.printed());
        List<String> scored = Files.readAllLines(tmp.resolve("out/backtest.csv"));
        assertEquals(2, scored.size(), "the header and 2026Q4 only: " + scored);
        assertTrue(scored.get(1).startsWith("base,1,2026Q4,cash,USD m,2000.000,"), scored.get(1));
    }
}
