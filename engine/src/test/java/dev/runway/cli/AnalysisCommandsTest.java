package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sensitivity and solve commands from the command line, on the shipped Nissan case and a few of their own. */
class AnalysisCommandsTest {
    private static final String NISSAN = Path.of("../inputs/nissan").toString();

    @TempDir
    Path tmp;

    @Test
    void sensitivityWritesARowPerRandomDriverAndEventRankedByInfluence() throws IOException {
        Path out = tmp.resolve("out");
        RunwayRun run = RunwayRun.of("sensitivity", "--inputs", NISSAN, "--out", out.toString(), "--paths", "8192",
                "--scenario", "toyota_backstop");
        assertEquals(0, run.exitCode(), run::printed);
        List<String> rows = Files.readAllLines(out.resolve("toyota_backstop/sensitivity.csv"));
        assertEquals("driver,spearman,variance_share,breach_prob_at_p10,breach_prob_at_p90,value_at_p10,value_at_p90,"
                + "terminal_mean_at_p10,terminal_mean_at_p90", rows.get(0));
        // toyota_backstop has five random drivers (its savings delay is fixed at 0) and one event.
        assertEquals(1 + 5 + 1, rows.size(), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(row -> row.startsWith("event:toyota_injection,")), String.join("\n", rows));
        double previous = 1.0;
        for (String row : rows.subList(1, rows.size())) {
            double rho = Math.abs(Double.parseDouble(row.split(",")[1]));
            assertTrue(rho <= previous, "ranked by |spearman|: " + row);
            previous = rho;
        }
    }

    @Test
    void solvePrintsTheInjectionAskedForAndTheStandardTargets() {
        RunwayRun run = RunwayRun.of("solve", "--inputs", NISSAN, "--scenario", "toyota_backstop", "--paths", "8192",
                "--max-breach-prob", "0.07", "--quarter", "2");
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("quarter 2 (FY2025Q2)"), run::printed);
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("7.00%") && line.endsWith("<- asked")),
                run::printed);
        assertEquals(4, run.out().lines().filter(line -> line.matches("\\d+\\.\\d\\d% .*")).count(), run::printed);
    }

    @Test
    void aSolveQuarterOutsideTheHorizonIsRefusedBeforeAnyWork() {
        Path out = tmp.resolve("out");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", NISSAN, "--out", out.toString(), "--solve",
                "--solve-quarter", "13");
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("--solve-quarter must be within 1..12"), run::printed);
        assertTrue(Files.notExists(out));
        RunwayRun unknown = RunwayRun.of("solve", "--inputs", NISSAN, "--scenario", "nosuch");
        assertEquals(2, unknown.exitCode(), unknown::printed);
        assertTrue(unknown.err().contains("unknown scenario nosuch"), unknown::printed);
    }

    @Test
    void solveSaysEveryProblemWithTheInputsInOneRound() {
        // No item named cash to inject into, and a quarter past the horizon: both are said before any work.
        Path inputs = InputFolderFixture.withoutCash().writeTo(tmp.resolve("inputs"));
        RunwayRun run = RunwayRun.of("solve", "--inputs", inputs.toString(), "--scenario", "base", "--quarter", "99");
        assertEquals(2, run.exitCode(), run::printed);
        List<String> lines = run.err().lines().toList();
        assertEquals(2, lines.size(), run::printed);
        assertTrue(lines.get(0).startsWith("error: solve looks for an injection into the item named cash, and "),
                run::printed);
        assertTrue(lines.get(1).startsWith("error: --quarter must be within 1.."), run::printed);
        assertEquals("", run.out(), run::printed);
    }
}
