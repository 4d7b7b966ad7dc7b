package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.run.Machine;
import dev.runway.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A usage error is two lines, {@code error: ...} with the value found and where the options are
 * listed, and exit code 2; never the whole help, a stack trace, or a run that starts and dies.
 * Resource options are checked against this machine before any work.
 */
class UsageErrorTest {
    private static final String NISSAN = Path.of("../inputs/nissan").toString();

    @TempDir
    Path tmp;

    /** Runs simulate into a fresh folder under tmp with the given options. */
    private RunwayRun simulate(String... options) {
        List<String> args = new ArrayList<>(List.of("simulate", "--inputs", NISSAN, "--out",
                tmp.resolve("out").toString()));
        args.addAll(List.of(options));
        return RunwayRun.of(args.toArray(new String[0]));
    }

    /** The error's two lines, exit code 2, no help, and nothing written. */
    private void assertUsageError(RunwayRun run, String command, String... phrases) throws IOException {
        assertEquals(2, run.exitCode(), run::printed);
        List<String> lines = run.err().lines().toList();
        assertEquals(2, lines.size(), run::printed);
        assertTrue(lines.get(0).startsWith("error: "), run::printed);
        for (String phrase : phrases) {
            assertTrue(lines.get(0).contains(phrase), "'" + phrase + "' in\n" + run.printed());
        }
        assertEquals("For the options, run: runway " + command + " --help", lines.get(1), run::printed);
        assertFalse(run.out().contains("Usage:") || run.err().contains("Usage:"), run::printed);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "nothing written");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--paths   | 0          | --paths must be from 1 to | found 0",
        "--paths   | abc        | --paths must be a whole number | found 'abc'",
        "--threads | 0          | --threads must be from 1 to | found 0",
        "--statistics | foo     | --statistics must be auto, exact or streaming | found 'foo'",
        "--method  | quasi      | --method must be one of mc, antithetic, lhs, sobol | found 'quasi'",
        "--bins    | 2000000000 | --bins must be from 1 to 10000 | found 2000000000"})
    void aBadValueIsOneLineWithTheValueFound(String option, String value, String expected, String found)
            throws IOException {
        assertUsageError(simulate(option, value), "simulate", expected, found);
    }

    @Test
    void anUnknownOptionGetsADidYouMean() throws IOException {
        assertUsageError(simulate("--pahts", "5000"), "simulate", "unknown option --pahts; did you mean --paths?");
    }

    @Test
    void anUnknownCommandGetsADidYouMean() {
        RunwayRun run = RunwayRun.of("simulte");
        assertEquals(2, run.exitCode(), run::printed);
        assertEquals(List.of("error: unknown command 'simulte'; did you mean simulate?",
                "For the commands, run: runway --help"), run.err().lines().toList());
    }

    @Test
    void aBreachProbabilityOutsideZeroToOneSaysWhatItFoundAndWhatIsExpected() throws IOException {
        RunwayRun run = RunwayRun.of("solve", "--inputs", NISSAN, "--scenario", "toyota_backstop",
                "--max-breach-prob", "5");
        assertUsageError(run, "solve", "--max-breach-prob must be a probability between 0 and 1", "such as 0.05",
                "found 5");
    }

    @Test
    void solveChecksItsThreadsAgainstTheMachine() throws IOException {
        RunwayRun run = RunwayRun.of("solve", "--inputs", NISSAN, "--scenario", "toyota_backstop", "--threads",
                "40000");
        assertUsageError(run, "solve", "--threads must be from 1 to " + Machine.maxThreads(), "found 40000");
    }

    @Test
    void solveChecksItsPathsAgainstTheHeapBeforeSearching() {
        RunwayRun run = RunwayRun.of("solve", "--inputs", NISSAN, "--scenario", "toyota_backstop", "--paths",
                String.valueOf(RunRequest.MAX_PATHS));
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().startsWith("error: the solve's 2,147,479,551 paths of scenario toyota_backstop: "),
                run::printed);
        assertTrue(run.err().contains("heap free") && run.err().contains("use fewer --paths"), run::printed);
        assertEquals(1, run.err().lines().count(), run::printed);
    }

    @Test
    void sensitivityChecksItsOptionsAsSimulateDoes() throws IOException {
        RunwayRun run = RunwayRun.of("sensitivity", "--inputs", NISSAN, "--out", tmp.resolve("out").toString(),
                "--bins", "2000000000");
        assertUsageError(run, "sensitivity", "--bins must be from 1 to 10000", "found 2000000000");
    }

    @Test
    void fortyThousandThreadsAreRefusedNamingTheCores() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        assertUsageError(simulate("--threads", "40000"), "simulate", "this machine has " + cores + " core(s)",
                "found 40000");
    }

    @Test
    void aMemoryBeyondTheHeapIsRefusedInsteadOfOverflowing() throws IOException {
        // 9e12 MB times 2^20 overflowed a long: the analyses then ran on one path, the same answer for every target.
        RunwayRun run = simulate("--memory", "9000000000000", "--solve");
        assertUsageError(run, "simulate", "--memory must be from 1 to " + Machine.heapLimitMegabytes() + " MB",
                "heap limit, -Xmx", "found 9000000000000");
    }

    @Test
    void exactStatisticsPastTheHeapFailBeforeSimulating() throws IOException {
        // Two billion paths of 313 bytes: far past any test heap. Before the check this died of OutOfMemoryError.
        RunwayRun run = simulate("--paths", String.valueOf(RunRequest.MAX_PATHS), "--statistics", "exact",
                "--scenario", "status_quo");
        assertEquals(2, run.exitCode(), run::printed);
        String error = run.err().lines().filter(line -> line.startsWith("error: ")).findFirst().orElse("");
        assertTrue(error.contains("exact statistics of scenario status_quo") && error.contains("MB needed")
                && error.contains("heap free") && error.contains("--statistics streaming"), run::printed);
        assertEquals(1, run.err().lines().count(), run::printed);
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void precisionThatCouldGrowPastTheHeapIsRefusedBeforeSimulating() {
        RunwayRun run = simulate("--precision", "0.01pp", "--max-paths", String.valueOf(RunRequest.MAX_PATHS),
                "--memory", String.valueOf(Machine.heapLimitMegabytes()), "--scenario", "status_quo");
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().startsWith("error: --precision's growth of scenario status_quo"), run::printed);
        assertTrue(run.err().contains("use a lower --max-paths or --memory"), run::printed);
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void theAnalysesRefuseToRunOnFewerPathsThanTheyNeed() {
        // 60 quarters of cash: 553 bytes a path, 1,218 for the analyses, so 1 MB holds 860 of them. They
        // used to run on whatever fitted, down to one path; now the run stops before any work.
        List<String> rows = new ArrayList<>(List.of(InputFolderFixture.SCHEDULE_HEADER));
        for (int q = 1; q <= 60; q++) {
            rows.add("base," + q + ",Q" + q + ",500,50,10,5,20,30");
        }
        Path inputs = InputFolderFixture.minimal().file(InputReader.SCHEDULE, rows.toArray(new String[0]))
                .writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("out");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(), "--memory",
                "1", "--solve", "--paths", "5000");
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().startsWith("error: --memory 1 MB holds only 860 path(s) of the analyses of scenario base"
                + " (1218 bytes each); they need at least 1,000"), run::printed);
        assertTrue(Files.notExists(out), "nothing written");
    }
}
