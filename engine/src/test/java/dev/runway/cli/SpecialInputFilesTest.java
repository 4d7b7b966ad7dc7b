package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.runway.io.InputReader.DRIVERS;
import static dev.runway.io.InputReader.EVENTS;
import static dev.runway.io.InputReader.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An input file that is not a plain file of reasonable size is refused by name, before it is
 * read: a device, a pipe, a folder, a huge file, a dangling link or a file that may not be read.
 * Each run ends with exit code 2, one line naming the file and what it is, and nothing written;
 * none of them reads the file, waits on it or runs out of memory.
 */
class SpecialInputFilesTest {

    @TempDir
    Path tmp;

    /** A link out of the temporary folder is removed here, so cleaning the folder has nothing to warn about. */
    @AfterEach
    void removeLinkToASystemFile() throws IOException {
        Path drivers = tmp.resolve("inputs").resolve(DRIVERS);
        if (Files.isSymbolicLink(drivers)) {
            Files.delete(drivers);
        }
    }

    private Path inputs() {
        return InputFolderFixture.minimal().writeTo(tmp.resolve("inputs"));
    }

    @Test
    void driversLinkedToDevZeroIsRefusedAsADeviceWithoutReadingIt() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        Path inputs = inputs();
        Files.delete(inputs.resolve(DRIVERS));
        Files.createSymbolicLink(inputs.resolve(DRIVERS), zero);

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(DRIVERS) + ": is a character device (a symbolic link to /dev/zero), "
                + "not a regular file, so it is not read; expected a CSV file");
    }

    /** Opening a FIFO for reading waits for a writer: the check must come before the open. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeIsRefusedWithoutWaitingForAWriter() throws IOException, InterruptedException {
        Path inputs = inputs();
        Files.delete(inputs.resolve(DRIVERS));
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", inputs.resolve(DRIVERS).toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "needs mkfifo: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(DRIVERS) + ": is a named pipe (FIFO), not a regular file, so it is not "
                + "read; expected a CSV file");
    }

    @Test
    void aFolderNamedDriversCsvIsRefusedAsAFolder() throws IOException {
        Path inputs = inputs();
        Files.delete(inputs.resolve(DRIVERS));
        Files.createDirectory(inputs.resolve(DRIVERS));

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(DRIVERS) + ": is a folder, not a regular file, so it is not read; "
                + "expected a CSV file");
    }

    /** Sparse: the file says it is 3 GB but takes no disk space, and is refused by its size alone. */
    @Test
    void aThreeGigabyteFileIsRefusedByItsSizeBeforeItIsRead() throws IOException {
        Path inputs = inputs();
        try (RandomAccessFile file = new RandomAccessFile(inputs.resolve(DRIVERS).toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024);
        }

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(DRIVERS) + ": is 3,072 MB; input files may be at most 64 MB.");
    }

    @Test
    void aFileOneByteOverTheLimitIsRefusedWithItsExactSize() throws IOException {
        Path inputs = inputs();
        try (RandomAccessFile file = new RandomAccessFile(inputs.resolve(DRIVERS).toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024 + 1);
        }

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(DRIVERS) + ": is 67,108,865 bytes; input files may be at most 64 MB.");
    }

    /**
     * A file that holds more than its size says (as a file still being written does) is read only
     * up to the limit. Linux's page map of a process is such a file: its size is 0, its content
     * hundreds of gigabytes.
     */
    @Test
    void aFileThatHoldsMoreThanItsSizeSaysIsReadOnlyUpToTheLimit() throws IOException {
        Path pagemap = Path.of("/proc/self/pagemap");
        assumeTrue(Files.isReadable(pagemap), "needs Linux's /proc/self/pagemap");
        Path inputs = inputs();
        Files.delete(inputs.resolve(DRIVERS));
        Files.createSymbolicLink(inputs.resolve(DRIVERS), pagemap);

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(DRIVERS) + ": holds more than 64 MB (a symbolic link to /proc/self/pagemap)"
                + " although its size was 0 bytes when it was opened");
    }

    /** The example: toyota_backstop silently lost its rescue and equalled re_nissan. */
    @Test
    void aDanglingEventsLinkIsAnErrorNotAFolderWithoutEvents() throws IOException {
        Path inputs = inputs();
        Files.delete(inputs.resolve(EVENTS));
        Files.createSymbolicLink(inputs.resolve(EVENTS), Path.of("shared", "events.csv"));

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(EVENTS) + ": a symbolic link to " + Path.of("shared", "events.csv")
                + ", which does not exist; point the link at the CSV file, or remove it");
    }

    @Test
    void aDanglingModelLinkIsAnErrorNotTheStandardModel() throws IOException {
        Path inputs = inputs();
        Files.createSymbolicLink(inputs.resolve(MODEL), Path.of("nowhere.csv"));

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(MODEL) + ": a symbolic link to nowhere.csv, which does not exist;");
    }

    @Test
    void aLoopOfLinksIsAnError() throws IOException {
        Path inputs = inputs();
        Files.delete(inputs.resolve(EVENTS));
        Files.createSymbolicLink(inputs.resolve(EVENTS), Path.of("other.csv"));
        Files.createSymbolicLink(inputs.resolve("other.csv"), Path.of(EVENTS));

        RunwayRun run = simulate(inputs);

        assertRefused(run, inputs.resolve(EVENTS) + ": a symbolic link to other.csv, which cannot be followed "
                + "(a loop of links");
    }

    /** Root reads every file, so this can only be shown as another user. */
    @Test
    void anOptionalFileThatMayNotBeReadIsAnErrorNotAbsent() throws IOException {
        Path inputs = inputs();
        Path events = inputs.resolve(EVENTS);
        Files.setPosixFilePermissions(events, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(events), "the current user (root?) reads files without permission");

        RunwayRun run = simulate(inputs);

        assertRefused(run, events + ": cannot be read: permission denied;");
    }

    private RunwayRun simulate(Path inputs) {
        return RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", tmp.resolve("results").toString(),
                "--paths", "100", "--threads", "1");
    }

    /** Exit code 2, exactly one problem, reported in the given words, and nothing written. */
    private void assertRefused(RunwayRun run, String message) throws IOException {
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("have 1 problem(s):"), run::printed);
        assertTrue(run.err().contains("\n  " + message), () -> "expected \"" + message + "\" in\n" + run.printed());
        assertTrue(Files.notExists(tmp.resolve("results")), run::printed);
        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(List.of("inputs"), entries.map(p -> p.getFileName().toString()).toList(), run::printed);
        }
    }
}
