package dev.runway.output;

import dev.runway.report.Report;
import dev.runway.cli.RunwayCommand;
import dev.runway.io.InputFolderFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.runway.io.InputReader.DRIVERS;
import static dev.runway.io.InputReader.SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing survives a kill at any instant. A child JVM publishes a new run over an earlier one
 * and halts itself (no shutdown hooks, no clean-up: a kill -9) at each step. The output folder
 * then holds the whole earlier run or the whole new one, except between the two renames, when it
 * is missing; the next run puts the earlier one back, and removes every temporary folder.
 */
class PublishKillTest {

    @TempDir
    static Path tmp;
    /** Two scenarios, 500 paths. */
    private static Path earlierRun;
    /** One of them, 300 paths: other files, other numbers. */
    private static Path newRun;

    @BeforeAll
    static void simulateTwoRuns() {
        Path inputs = InputFolderFixture.minimal()
                .append(SCENARIOS, "kid,base,a child with more cash")
                .append(DRIVERS, "kid,opening_cash,constant,2000,,,,JPY bn,test")
                .writeTo(tmp.resolve("inputs"));
        earlierRun = simulate(inputs, "earlier", "--paths", "500");
        newRun = simulate(inputs, "new", "--paths", "300", "--scenario", "base");
    }

    private static Path simulate(Path inputs, String name, String... options) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--threads", "1", "--bins", "10"));
        args.addAll(Arrays.asList(options));
        CommandLine command = RunwayCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(new StringWriter()));
        command.setErr(new PrintWriter(err, true));
        assertEquals(0, command.execute(args.toArray(new String[0])), err.toString());
        return out;
    }

    /** Halfway through the files, then after every step of publishing. */
    static Stream<String> stops() {
        return Stream.concat(Stream.of(PublishUntilKilled.HALFWAY),
                Arrays.stream(OutputFolder.Step.values()).map(Enum::name));
    }

    @ParameterizedTest
    @MethodSource("stops")
    void aKillAtAnyStepLeavesTheWholeEarlierOrTheWholeNewRunAndTheNextRunCleansUp(String stop) throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("killed-at-" + stop));
        Path out = copy(earlierRun, parent.resolve("out"));
        boolean swapped = !stop.equals(PublishUntilKilled.HALFWAY)
                && OutputFolder.Step.valueOf(stop).compareTo(OutputFolder.Step.NEW_MOVED_IN) >= 0;
        Map<String, String> expected = files(swapped ? newRun : earlierRun);
        assertNotEquals(files(earlierRun), files(newRun));

        killPublishingAt(stop, out);

        if (stop.equals(OutputFolder.Step.OLD_MOVED_ASIDE.name())) {
            assertFalse(Files.exists(out), "between the two renames, and only then, the folder is missing");
        } else {
            assertEquals(expected, files(out), "the folder holds one whole run");
        }
        List<String> notes = new ArrayList<>();
        OutputFolder.of(out, notes::add).recover();
        assertEquals(expected, files(out), "after the next run's recovery: " + notes);
        assertEquals(List.of("out"), entries(parent), "every temporary folder is gone: " + notes);
        assertNull(OutputFolder.of(out, notes::add).replaceProblem(), "the folder is a Runway output again");
    }

    @Test
    void betweenTheTwoRenamesTheNextRunwayCommandPutsTheEarlierRunBackAndSaysSo() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("report-after-kill"));
        Path out = copy(earlierRun, parent.resolve("out"));
        killPublishingAt(OutputFolder.Step.OLD_MOVED_ASIDE.name(), out);
        assertFalse(Files.exists(out));

        CommandLine report = RunwayCommand.commandLine();
        StringWriter err = new StringWriter();
        report.setOut(new PrintWriter(new StringWriter()));
        report.setErr(new PrintWriter(err, true));
        int exit = report.execute("report", "--out", out.toString());

        assertEquals(0, exit, err.toString());
        assertTrue(err.toString().contains("note: put back " + out + " from .out.previous-"), err.toString());
        assertTrue(err.toString().contains("note: removed .out.writing-"), err.toString());
        assertFalse(err.toString().contains("error"), err.toString());
        Map<String, String> run = files(out);
        run.keySet().removeIf(file -> Report.isReportFile(file) || file.equals(FileRecord.NAME));
        Map<String, String> earlier = files(earlierRun);
        earlier.remove(FileRecord.NAME);
        assertEquals(earlier, run, "the earlier run is back, now with its report");
        assertTrue(Files.exists(out.resolve(Report.PAGE)));
        assertEquals(List.of("out"), entries(parent));
    }

    @Test
    void aPlainKillWhileWritingLeavesNothingBehindForTheNextRunToCleanUp() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("exited"));
        Path out = copy(earlierRun, parent.resolve("out"));

        int exit = runChild(PublishUntilKilled.EXIT + OutputFolder.Step.FILES_WRITTEN.name(), out);

        assertEquals(PublishUntilKilled.EXITED, exit);
        assertEquals(files(earlierRun), files(out));
        assertEquals(List.of("out"), entries(parent), "the shutdown hook removed the unfinished folder");
    }

    /** Runs {@link PublishUntilKilled} to publish the new run over {@code out} and die at {@code stop}. */
    private static void killPublishingAt(String stop, Path out) throws IOException, InterruptedException {
        assertEquals(PublishUntilKilled.KILLED, runChild(stop, out), "the child dies at " + stop);
    }

    private static int runChild(String stop, Path out) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PublishUntilKilled.class.getName(), out.toString(),
                newRun.toString(), stop).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return child.waitFor();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return to;
    }

    /** Every file under a folder, by relative path, with its bytes as text. */
    static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(FileRecord.relative(folder, file),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            // The lock file beside an output stays by design (deleting a lock file races).
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> !(name.startsWith(".") && name.endsWith(".lock"))).sorted().toList();
        }
    }
}
