package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import dev.runway.output.OutputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.runway.io.InputReader.DRIVERS;
import static dev.runway.io.InputReader.SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
            // The lock file beside an output stays by design (deleting a lock file races).
            return entries.map(p -> p.getFileName().toString()).filter(name -> !(name.startsWith(".") && name.endsWith(".lock"))).sorted().toList();
        }
    }

    @Test
    void aSuccessfulRunWritesTheSummaryTheManifestAndEveryScenariosFiles() throws IOException {
        Path out = tmp.resolve("results");

        RunwayRun run = simulate(goodInputs(), out);

        assertEquals(0, run.exitCode(), run::printed);
        assertEquals(List.of("base/quarterly.csv", "base/terminal.csv", "files.csv", "kid/quarterly.csv",
                "kid/terminal.csv", "manifest.csv", "summary.csv"), List.copyOf(contents(out).keySet()));
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
        assertEquals(List.of("base/quarterly.csv", "base/terminal.csv", "files.csv", "manifest.csv", "summary.csv"),
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
        assertEquals("error: " + out + " holds the folder notes/, which no Runway run wrote (it has no files.csv, "
                + "so it is not a Runway output folder); Runway replaces an output folder only when it holds exactly "
                + "the files its last run wrote (files.csv). Choose another --out, or empty the folder.\n", run.err());
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

    // Deleting the user's files (issue 10): the examples.

    @Test
    void aPathThroughAMissingFolderAndDotDotIsCheckedAsTheFolderItMeans() throws IOException {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("thesis.txt"), "three years of work");
        Map<String, byte[]> before = contents(victim);

        RunwayRun run = simulate(goodInputs(), victim.resolve("nonexistent").resolve(".."));

        assertEquals(2, run.exitCode(), run::printed);
        assertEquals("error: " + victim + "/nonexistent/.. (that is, " + victim + ") holds thesis.txt, which no "
                + "Runway run wrote (it has no files.csv, so it is not a Runway output folder); Runway replaces an "
                + "output folder only when it holds exactly the files its last run wrote (files.csv). Choose another "
                + "--out, or empty the folder.\n", run.err());
        assertSameContents(before, contents(victim));
        assertEquals(List.of("inputs", "victim"), entriesOfTmp());
    }

    @Test
    void theCurrentFolderThroughATypoAndDotDotIsRefused() {
        // Only the check runs here: a run that got it wrong would replace the folder the tests run in.
        OutputFolder typo = OutputFolder.of(Path.of("typo", ".."), note -> { });

        String problem = typo.replaceProblem();

        assertEquals(Path.of("").toAbsolutePath(), typo.path());
        assertTrue(problem != null && problem.startsWith("typo/.. (that is, " + Path.of("").toAbsolutePath()
                + ") holds "), problem);
    }

    @Test
    void aFolderThatHoldsAManifestAmongTheUsersFilesIsRefusedWhole() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(out.resolve("manifest.csv"), "key,value\nmy,packing list\n");
        Files.writeString(out.resolve("budget.xlsx"), "numbers");
        Files.createDirectories(out.resolve("photos"));
        Files.writeString(out.resolve("photos/1.jpg"), "jpeg");
        Map<String, byte[]> before = contents(out);

        RunwayRun run = simulate(goodInputs(), out);

        assertEquals(2, run.exitCode(), run::printed);
        assertEquals("error: " + out + " has a manifest.csv but no files.csv: an older Runway wrote it without "
                + "recording its files, so Runway cannot tell whether everything in it is its own. Choose another "
                + "--out, or move or delete " + out + " yourself.\n", run.err());
        assertSameContents(before, contents(out));
    }

    @Test
    void aFileTheUserPutIntoAnEarlierOutputIsNamedAndNothingIsReplaced() throws IOException {
        Path out = tmp.resolve("results");
        Path inputs = goodInputs();
        assertEquals(0, simulate(inputs, out).exitCode());
        Files.writeString(out.resolve("notes.txt"), "my notes on the run");
        Map<String, byte[]> before = contents(out);

        RunwayRun run = simulate(inputs, out);

        assertEquals(2, run.exitCode(), run::printed);
        assertEquals("error: " + out + " holds notes.txt, which no Runway run wrote; Runway replaces an output folder "
                + "only when it holds exactly the files its last run wrote (files.csv). Choose another --out, or move "
                + "the file.\n", run.err());
        assertSameContents(before, contents(out));
    }

    @Test
    void anEmptyFolderTheUserAddedToAnEarlierOutputIsNamed() throws IOException {
        Path out = tmp.resolve("results");
        Path inputs = goodInputs();
        assertEquals(0, simulate(inputs, out).exitCode());
        Files.createDirectories(out.resolve("base/drafts"));

        RunwayRun run = simulate(inputs, out);

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().startsWith("error: " + out + " holds the folder base/drafts/, which no Runway run wrote;"),
                run::printed);
        assertTrue(Files.isDirectory(out.resolve("base/drafts")));
    }

    @Test
    void anEditedOrDeletedFileOfAnEarlierOutputIsNamed() throws IOException {
        Path out = tmp.resolve("results");
        Path inputs = goodInputs();
        assertEquals(0, simulate(inputs, out).exitCode());
        String summary = Files.readString(out.resolve("summary.csv"));
        Files.writeString(out.resolve("summary.csv"), summary.replace("base,500,", "base,501,"));

        RunwayRun edited = simulate(inputs, out);

        assertEquals(2, edited.exitCode(), edited::printed);
        assertTrue(edited.err().startsWith("error: summary.csv in " + out + " has changed since Runway wrote it (its "
                + "SHA-256 is not the one files.csv records);"), edited::printed);
        Files.writeString(out.resolve("summary.csv"), summary);
        Files.delete(out.resolve("kid/terminal.csv"));

        RunwayRun deleted = simulate(inputs, out);

        assertEquals(2, deleted.exitCode(), deleted::printed);
        assertTrue(deleted.err().startsWith("error: " + out + " no longer holds kid/terminal.csv, which its run wrote "
                + "(files.csv lists it);"), deleted::printed);
        assertTrue(Files.exists(out.resolve("kid/quarterly.csv")));
    }

    @Test
    void aRunWithoutReportSaysTheEarlierReportWentWithItsRunAndHowToDrawOne() throws IOException {
        Path out = tmp.resolve("results");
        Path inputs = goodInputs();
        RunwayRun withReport = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--paths", "200", "--threads", "2", "--report");
        assertEquals(0, withReport.exitCode(), withReport::printed);
        assertTrue(Files.exists(out.resolve("report.html")));

        RunwayRun without = simulate(inputs, out);

        assertEquals(0, without.exitCode(), without::printed);
        assertEquals(List.of("note: the report.html and charts in " + out + " described the earlier run and were "
                + "replaced with it; draw this run's with: runway report --out " + out),
                without.err().lines().filter(line -> line.startsWith("note:")).toList());
        assertFalse(Files.exists(out.resolve("report.html")));

        RunwayRun report = RunwayRun.of("report", "--out", out.toString());

        assertEquals(0, report.exitCode(), report::printed);
        assertTrue(Files.exists(out.resolve("report.html")));
        assertTrue(Files.readString(out.resolve("files.csv")).contains("\nreport.html,"),
                "the report is recorded with the run's files");
        assertTrue(Files.readString(out.resolve("files.csv")).contains("\ncharts/base-fan.png,"));
        RunwayRun again = simulate(inputs, out);
        assertEquals(0, again.exitCode(), "a reported run is still a Runway output: " + again.printed());
    }

    @Test
    void aReportIntoAFolderWithTheUsersFileIsRefusedAndChangesNothing() throws IOException {
        Path out = tmp.resolve("results");
        assertEquals(0, simulate(goodInputs(), out).exitCode());
        Files.writeString(out.resolve("notes.txt"), "my notes on the run");
        Map<String, byte[]> before = contents(out);

        RunwayRun report = RunwayRun.of("report", "--out", out.toString());

        assertEquals(2, report.exitCode(), report::printed);
        assertEquals("error: " + out + " holds notes.txt, which no Runway run wrote; runway report draws only into a "
                + "folder that holds exactly the files its run wrote (files.csv), so that the report is published "
                + "with them. Draw it into another --out (runway simulate --report --out DIR), or move the file.\n", report.err());
        assertSameContents(before, contents(out));
    }

    @Test
    void aReportOnAnOutputOfAnOlderRunwayWithoutARecordIsRefused() throws IOException {
        Path out = tmp.resolve("results");
        assertEquals(0, simulate(goodInputs(), out).exitCode());
        Files.delete(out.resolve("files.csv"));
        Map<String, byte[]> before = contents(out);

        RunwayRun report = RunwayRun.of("report", "--out", out.toString());

        assertEquals(2, report.exitCode(), report::printed);
        assertEquals("error: " + out + " has a manifest.csv but no files.csv: an older Runway wrote it without "
                + "recording its files, so Runway cannot tell whether everything in it is its own. Draw it into "
                + "another --out (runway simulate --report --out DIR), or move or delete " + out + " yourself.\n", report.err());
        assertSameContents(before, contents(out));
    }

    // Crash residue (issue 10): a run's temporary folders, left by a kill, are cleaned by the next run.

    @Test
    void theNextSimulateRemovesWhatAKilledRunLeftAndSaysSo() throws IOException {
        Path out = tmp.resolve("results");
        Path inputs = goodInputs();
        assertEquals(0, simulate(inputs, out).exitCode());
        Path leftover = Files.createDirectories(tmp.resolve(".results.writing-999999999-0a1b2c3d"));
        Files.createFile(leftover.resolve(OutputFolder.MARKER));
        Files.writeString(leftover.resolve("summary.csv"), "half a fi");

        RunwayRun run = simulate(inputs, out);

        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.err().startsWith("note: removed .results.writing-999999999-0a1b2c3d beside " + out + ": the "
                + "unfinished files of a Runway run (process 999999999) that was stopped before it finished\n"),
                run::printed);
        assertEquals(List.of("inputs", "results"), entriesOfTmp());
    }

    // Stack traces (issue 10): --out where nothing can be written is a one-line error before any work.

    @Test
    void anOutUnderARegularFileIsOneLineBeforeAnyWork() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "a file, not a folder");

        RunwayRun run = simulate(goodInputs(), file.resolve("results"));

        assertEquals(2, run.exitCode(), run::printed);
        assertEquals("error: cannot create " + file.resolve("results") + ": " + file + " is a file, not a folder. "
                + "Choose another --out.\n", run.err());
        assertEquals("a file, not a folder", Files.readString(file));
    }

    @Test
    void anOutInAFolderWithoutWritePermissionIsOneLineBeforeAnyWork() throws IOException {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(canWriteInto(locked), "this user writes into any folder (root): permissions cannot be tested");

            RunwayRun run = simulate(goodInputs(), locked.resolve("results"));

            assertEquals(2, run.exitCode(), run::printed);
            assertEquals("error: cannot create " + locked.resolve("results") + ": " + locked + " is not writable "
                    + "(permission denied). Choose another --out, or make " + locked + " writable.\n", run.err());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean canWriteInto(Path folder) {
        try {
            Files.delete(Files.createFile(folder.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void anOutNameTooLongForTheFileSystemIsOneLineBeforeAnyWork() throws IOException {
        Path inputs = goodInputs();
        for (int length : new int[] {300, 240}) {
            RunwayRun run = simulate(inputs, tmp.resolve("r".repeat(length)));

            assertEquals(2, run.exitCode(), run::printed);
            assertEquals(1, run.err().lines().count(), run::printed);
            assertTrue(run.err().startsWith("error: the folder name rrrrrrrrrrrrrrrrrrrr… in --out is " + length
                    + " bytes long; file systems allow 255, and Runway adds 30 for the temporary folders beside it, "
                    + "so at most 225. Choose a shorter --out."), run::printed);
        }
        assertEquals(0, simulate(inputs, tmp.resolve("r".repeat(225))).exitCode(), "225 bytes fit");
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

    @Test
    void aReportDoesNotPublishAnOlderRunOverOneThatFinishedWhileItDrew() throws IOException {
        Path out = tmp.resolve("results");
        Path inputs = goodInputs();
        assertEquals(0, RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(), "--paths",
                "500", "--threads", "2", "--bins", "10", "--seed", "1").exitCode());
        Map<String, Map<String, byte[]>> newer = new TreeMap<>();
        ReportCommand command = new ReportCommand();
        // While the report is drawn (its files are written, not yet published), a run with another seed finishes.
        command.listener = step -> {
            if (step == OutputFolder.Step.FILES_WRITTEN) {
                RunwayRun seed2 = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                        "--paths", "500", "--threads", "2", "--bins", "10", "--seed", "2");
                assertEquals(0, seed2.exitCode(), seed2::printed);
                try {
                    newer.put("seed 2", contents(out));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine report = new picocli.CommandLine(command);
        report.setErr(new java.io.PrintWriter(err));

        int exit = report.execute("--out", out.toString());

        assertEquals(2, exit, err::toString);
        assertEquals("error: --out " + out + " changed while the report was drawn (another run published into it); "
                + "nothing was written, and that run's results stay. Run the report again: runway report --out "
                + out + "\n", err.toString());
        assertTrue(Files.readString(out.resolve("manifest.csv")).contains("seed,2"), "the newer run is in --out");
        assertSameContents(newer.get("seed 2"), contents(out));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of("inputs", "results"), siblings.map(p -> p.getFileName().toString()).filter(name -> !name.equals(".results.lock")).sorted().toList());
        }
    }
}
