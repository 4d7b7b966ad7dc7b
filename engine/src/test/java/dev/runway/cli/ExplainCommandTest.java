package dev.runway.cli;

import dev.runway.analysis.Explain;
import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code runway explain} and {@code simulate --explain} on a one-quarter model, cash = start + shock
 * with shock ~ N(0, 1), in breach below 0: {@code often} (start 0.5) breaches on 31% of paths,
 * {@code rare} (start 3) on 0.13% (about 5 of 4,096), {@code never} (shock uniform on [0, 1]) never.
 */
class ExplainCommandTest {
    private static final String PATHS = "4096";

    @TempDir
    Path tmp;

    private Path inputs() {
        return InputFolderFixture.minimal()
                .file(InputReader.SCENARIOS, InputFolderFixture.SCENARIOS_HEADER, "often,,breaches on a third of paths",
                        "rare,often,breaches on one path in 740", "never,often,never breaches")
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER,
                        "often,start,constant,0.5,,,,USD m,test", "often,shock,normal,0,1,,,USD m,test",
                        "rare,start,constant,3,,,,USD m,test", "never,shock,uniform,0,1,,,USD m,test")
                .file(InputReader.SCHEDULE, "scenario,quarter,label", "often,1,Q1")
                .file(InputReader.MODEL, "item,formula,initial,unit,source", "cash,prev(cash) + shock,start,USD m,",
                        "breach,cash < 0,,,", "report,cash,,,")
                .writeTo(tmp.resolve("inputs"));
    }

    private RunwayRun run(String command, Path out, String... scenarios) {
        List<String> args = new ArrayList<>(List.of(command, "--inputs", inputs().toString(), "--out",
                out.toString(), "--paths", PATHS));
        for (String scenario : scenarios) {
            args.addAll(List.of("--scenario", scenario));
        }
        return RunwayRun.of(args.toArray(new String[0]));
    }

    @Test
    void explainWithNothingToCompareWritesNothingAndGivesEachScenariosCount() {
        Path out = tmp.resolve("out");

        RunwayRun run = run("explain", out, "rare", "never");

        assertEquals(RunwayCommand.INPUT_ERROR, run.exitCode(), run::printed);
        assertFalse(Files.exists(out), "nothing is written");
        assertTrue(run.err().contains("error: nothing to explain:"), run::printed);
        assertTrue(run.err().matches("(?s).*  rare: only \\d of the 4,096 paths breach; comparing breaching paths with "
                + "the others needs at least " + Explain.MIN_BREACHES + " of them \\(about [\\d,]+ paths would give "
                + "that many\\).*"), run::printed);
        assertTrue(run.err().contains("  never: none of the 4,096 paths breaches;"), run::printed);
        assertTrue(run.err().contains("Nothing was written."), run::printed);
    }

    @Test
    void explainExplainsTheScenariosThatCanBeAndSaysWhichCannot() throws IOException {
        Path out = tmp.resolve("out");

        RunwayRun run = run("explain", out);

        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("often: Most likely breach (0.5"), run::printed);
        assertTrue(run.out().contains("  separate breaching paths most: shock (KS 1, "), run::printed);
        assertTrue(run.out().matches("(?s).*  note: only \\d of the 4,096 paths breach.*"), run::printed);
        assertTrue(run.out().contains("never: no most likely breach was found."), run::printed);
        List<String> summary = Files.readAllLines(out.resolve("explain_summary.csv"), StandardCharsets.UTF_8);
        assertEquals(4, summary.size(), "a row per scenario: " + summary);
        assertTrue(summary.get(1).startsWith("often,4096,") && summary.get(1).endsWith("breach in Q1.\","),
                "often is explained, with no note: " + summary.get(1));
        assertTrue(summary.get(3).startsWith("never,4096,0,,,,,,,,"), "never has no design point: " + summary.get(3));
        List<String> inputs = Files.readAllLines(out.resolve("explain.csv"), StandardCharsets.UTF_8);
        assertTrue(inputs.stream().anyMatch(l -> l.startsWith("often,shock,driver,USD m,1,1.000000,")),
                "often's shock ranks first, its breaching paths fully apart: " + inputs);
        assertTrue(inputs.stream().anyMatch(l -> l.startsWith("rare,shock,driver,USD m,,,,")),
                "rare's shock is not compared: " + inputs);
    }

    @Test
    void simulateWritesTheExplanationOnlyWhenAskedAndThenWithItsNotesEvenWhenNothingCanBeCompared()
            throws IOException {
        Path plain = tmp.resolve("plain");
        Path asked = tmp.resolve("asked");

        RunwayRun without = run("simulate", plain, "never");
        RunwayRun with = RunwayRun.of("simulate", "--explain", "--inputs", inputs().toString(), "--out",
                asked.toString(), "--paths", PATHS, "--scenario", "never");

        assertEquals(0, without.exitCode(), without::printed);
        assertFalse(Files.exists(plain.resolve("explain_summary.csv")), "only when asked for");
        assertEquals(0, with.exitCode(), with::printed);
        assertTrue(with.out().contains("  note: none of the 4,096 paths breaches;"), with::printed);
        List<String> summary = Files.readAllLines(asked.resolve("explain_summary.csv"), StandardCharsets.UTF_8);
        assertTrue(summary.get(1).contains("\"none of the 4,096 paths breaches; comparing breaching paths with the "
                + "others needs at least " + Explain.MIN_BREACHES + " of them; no breach in "), summary.get(1));
    }

    @Test
    void theExplanationIsByteIdenticalAtOneAndTwoThreads() throws IOException {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        for (Path out : List.of(one, two)) {
            RunwayRun run = RunwayRun.of("explain", "--inputs", "../inputs/startup", "--scenario", "base", "--scenario",
                    "downturn", "--paths", PATHS, "--threads", out == one ? "1" : "2", "--out", out.toString());
            assertEquals(0, run.exitCode(), run::printed);
        }
        for (String file : List.of("explain.csv", "explain_timing.csv", "explain_summary.csv")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), file);
        }
    }
}
