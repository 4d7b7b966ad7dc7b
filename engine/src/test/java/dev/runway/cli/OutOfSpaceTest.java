package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A write that fails midway, for real: the command runs in a child JVM whose files may not grow
 * past a few kilobytes ({@code ulimit -f}; the JVM ignores SIGXFSZ, so a write past it fails with
 * "File too large", as it would with "No space left on device"). The command stops with one line
 * naming the file, exit 2, and the earlier results are exactly as they were.
 */
class OutOfSpaceTest {

    @TempDir
    Path tmp;
    private Path inputs;
    private Path out;

    @BeforeEach
    void simulateAnEarlierRun() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash's ulimit");
        inputs = InputFolderFixture.minimal().writeTo(tmp.resolve("inputs"));
        out = tmp.resolve("results");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(), "--paths", "200",
                "--threads", "1");
        assertEquals(0, run.exitCode(), run::printed);
    }

    @Test
    void aReportThatRunsOutOfSpaceChangesNothingAndSaysWhichFileInOneLine() throws Exception {
        Map<String, String> before = files(out);

        Child report = runLimited(64, "report", "--out", out.toString());

        assertEquals(RunwayCommand.INPUT_ERROR, report.exit(), report.err());
        assertTrue(Pattern.matches("error: writing charts/[a-z_-]+\\.(png|svg) in " + Pattern.quote(out.toString())
                + " failed: File too large; nothing was written, and the earlier results in "
                + Pattern.quote(out.toString()) + " are unchanged\\.\n", report.err()), report.err());
        assertEquals(before, files(out), "no chart and no page half-written into the run");
        assertEquals(List.of("inputs", "results"), entries(tmp), "no temporary folder is left");
    }

    @Test
    void aSimulateThatRunsOutOfSpaceLeavesTheEarlierResultsAndSaysWhichFileInOneLine() throws Exception {
        Map<String, String> before = files(out);

        Child simulate = runLimited(1, "simulate", "--inputs", inputs.toString(), "--out", out.toString(), "--paths",
                "300", "--threads", "1");

        assertEquals(RunwayCommand.INPUT_ERROR, simulate.exit(), simulate.err());
        assertTrue(Pattern.matches("error: writing [a-z_/]+\\.csv in " + Pattern.quote(out.toString()) + " failed: "
                + "File too large; nothing was written, and the earlier results in " + Pattern.quote(out.toString())
                + " are unchanged\\.\n", simulate.err()), simulate.err());
        assertEquals(before, files(out));
        assertEquals(List.of("inputs", "results"), entries(tmp));
    }

    private record Child(int exit, String err) {
    }

    /** Runs the command line in a JVM whose files may not grow past {@code kilobytes}. */
    private static Child runLimited(int kilobytes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -f " + kilobytes + " && exec \"$@\"",
                "bash", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), RunwayCommand.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Child(child.waitFor(), err);
    }

    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            // The lock file beside an output stays by design (deleting a lock file races).
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> !(name.startsWith(".") && name.endsWith(".lock"))).sorted().toList();
        }
    }
}
