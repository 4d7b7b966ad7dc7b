package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.runway.io.InputReader.DRIVERS;
import static dev.runway.io.InputReader.SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run publishes its output folder whole or not at all: earlier results and a user's own files
 * survive every failed or refused run.
 */
class OutputSafetyTest {

    private static final Path NISSAN = Path.of("../inputs/nissan");

    @TempDir
    Path tmp;

    /** The minimal folder with a child scenario, so there are two per-scenario output folders. */
    private Path goodInputs() {
        return InputFolderFixture.minimal()
                .append(SCENARIOS, "kid,base,a child with more cash")
                .append(DRIVERS, "kid,opening_cash,constant,2000,,,,JPY bn,test")
                .writeTo(tmp.resolve("inputs"));
    }

    private Path badInputs() {
        return InputFolderFixture.minimal()
                .replace(DRIVERS, "base,opening_cash,", "base,opening_cash,constant,abc,,,,JPY bn,test")
                .writeTo(tmp.resolve("bad-inputs"));
    }

    private static RunwayRun simulate(Path inputs, Path out) {
        return RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(), "--paths", "500",
                "--threads", "2", "--bins", "10");
    }

    /** Every file under a folder, by relative path, with its bytes. */
    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static void assertSameContents(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name + " changed"));
    }

    private List<String> entriesOfTmp() throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSuccessfulRunWritesTheSummaryTheManifestAndEveryScenariosFiles() throws IOException {
        Path out = tmp.resolve("results");

        RunwayRun run = simulate(goodInputs(), out);

        assertEquals(0, run.exitCode(), run::printed);
        assertEquals(List.of("base/quarterly.csv", "base/terminal.csv", "kid/quarterly.csv", "kid/terminal.csv",
                "manifest.csv", "summary.csv"), List.copyOf(contents(out).keySet()));
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"), StandardCharsets.UTF_8);
        // The contract's columns come first, in its order; more (the intervals) may follow.
        assertTrue(summary.get(0).startsWith("scenario,paths,seed,terminal_mean,terminal_p05,terminal_p50,terminal_p95,"
                + "breach_prob,first_breach_p50_quarter,injection_prob,injection_mean,"), summary.get(0));
        assertTrue(summary.get(0).contains(",terminal_p05_lo,terminal_p05_hi,"), summary.get(0));
        assertTrue(summary.get(0).contains(",breach_prob_lo,breach_prob_hi"), summary.get(0));
        assertEquals(List.of("base", "kid"), summary.stream().skip(1).map(row -> row.split(",")[0]).toList());
        List<String> quarterly = Files.readAllLines(out.resolve("kid/quarterly.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + 2, quarterly.size(), "a header and one row per quarter");
        assertTrue(quarterly.get(0).startsWith("quarter,label,mean,sd,p01,p05,p10,p25,p50,p75,p90,p95,p99,breach_prob,"
                + "cum_breach_prob,cvar05,"), quarterly.get(0));
        assertTrue(quarterly.get(0).contains(",p05_lo,p05_hi,"), quarterly.get(0));
        assertEquals(1 + 10, Files.readAllLines(out.resolve("base/terminal.csv")).size(), "a header and 10 bins");
        assertTrue(Files.readString(out.resolve("manifest.csv")).contains("sha256:drivers.csv,"));
        assertEquals(List.of("inputs", "results"), entriesOfTmp(), "no staging folder is left beside --out");
    }

    @Test
    void aFailedRunLeavesTheEarlierResultsByteIdentical() throws IOException {
        Path out = tmp.resolve("results");
        assertEquals(0, simulate(goodInputs(), out).exitCode());
        Map<String, byte[]> before = contents(out);

        RunwayRun failed = simulate(badInputs(), out);

        assertEquals(2, failed.exitCode(), failed::printed);
        assertTrue(failed.err().contains("Nothing was written."), failed::printed);
        assertSameContents(before, contents(out));
        assertEquals(List.of("bad-inputs", "inputs", "results"), entriesOfTmp());
    }

    @Test
    void aRefusedScenarioOptionLeavesTheEarlierResultsByteIdentical() throws IOException {
        Path out = tmp.resolve("results");
        Path inputs = goodInputs();
        assertEquals(0, simulate(inputs, out).exitCode());
        Map<String, byte[]> before = contents(out);

        RunwayRun refused = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--paths", "500", "--scenario", "nosuch");

        assertEquals(2, refused.exitCode(), refused::printed);
        assertSameContents(before, contents(out));
    }

    @Test
    void aSecondSuccessfulRunReplacesTheEarlierOutputAsAWhole() throws IOException {
        Path out = tmp.resolve("results");
        Path inputs = goodInputs();
        assertEquals(0, simulate(inputs, out).exitCode());

        RunwayRun again = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--paths", "300", "--threads", "2", "--scenario", "base");

        assertEquals(0, again.exitCode(), again::printed);
        assertEquals(List.of("base/quarterly.csv", "base/terminal.csv", "manifest.csv", "summary.csv"),
                List.copyOf(contents(out).keySet()), "the kid folder of the first run is gone");
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("\nbase,300,"));
        assertEquals(List.of("inputs", "results"), entriesOfTmp(), "no staging or previous folder is left");
    }

    @Test
    void anOutFolderOfTheUsersOwnFilesIsRefusedAndLeftUntouched() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("my-documents"));
        Files.writeString(out.resolve("thesis.txt"), "three years of work");
        Files.createDirectories(out.resolve("notes"));
        Files.writeString(out.resolve("notes/summary.csv"), "not a runway file");
        Map<String, byte[]> before = contents(out);

        RunwayRun run = simulate(goodInputs(), out);

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains(out + " holds files that are not a Runway output (no manifest.csv)"),
                run::printed);
        assertSameContents(before, contents(out));
        assertEquals(List.of("inputs", "my-documents"), entriesOfTmp());
    }

    @Test
    void anExistingEmptyOutFolderIsFilled() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("results"));

        RunwayRun run = simulate(goodInputs(), out);

        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(Files.isRegularFile(out.resolve("manifest.csv")));
    }

    @Test
    void validateListsTheNissanScenariosAndTheirHorizon() {
        RunwayRun run = RunwayRun.of("validate", "--inputs", NISSAN.toString());

        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("5 scenario(s), all valid"), run::printed);
        for (String scenario : List.of("status_quo", "re_nissan", "toyota_backstop", "tariff_shock", "funding_plan")) {
            assertTrue(run.out().lines().anyMatch(line -> line.startsWith(scenario + " — ")), scenario);
        }
        assertEquals(5, run.out().lines().filter(line -> line.contains("horizon: 12 quarters")).count(),
                run::printed);
        assertEquals("", run.err());
    }

    @Test
    void validateOnABadFolderExitsWithTwoAndTheError() {
        Path inputs = badInputs();

        RunwayRun run = RunwayRun.of("validate", "--inputs", inputs.toString());

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains(inputs.resolve("drivers.csv")
                + ":2: column 'p1': expected a number such as 12.5 or -3e2, found \"abc\""), run::printed);
        assertTrue(Arrays.stream(run.out().split("\n")).noneMatch(line -> line.contains("all valid")), run::printed);
    }
}
