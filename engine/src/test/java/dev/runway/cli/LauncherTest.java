package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.output.ResultWriter;
import dev.runway.output.ShellCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code bin/runway} launcher runs the jar from any folder, and every command a hint prints is
 * the one the user ran: the launcher's name, {@code java -jar <jar>}, or {@code runway}.
 */
class LauncherTest {
    /** Tests run in engine/; the launcher is at the top of the repository. */
    private static final Path LAUNCHER = Path.of("../bin/runway").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target/runway.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    private String savedCommand;

    @BeforeEach
    void saveTheProperty() {
        savedCommand = System.getProperty(Launcher.PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (savedCommand == null) {
            System.clearProperty(Launcher.PROPERTY);
        } else {
            System.setProperty(Launcher.PROPERTY, savedCommand);
        }
    }

    private record Process(int exitCode, String out, String err) {
    }

    private static Process run(Path workingFolder, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile());
        builder.environment().remove("JAVA_OPTS");
        java.lang.Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher finished");
        return new Process(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theLauncherIsAnExecutableShellScript() throws IOException {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " must be executable (git mode 755)");
        assertTrue(Files.readAllLines(LAUNCHER).get(0).equals("#!/bin/sh"), "a POSIX shell script");
    }

    @Test
    void withoutTheJarTheLauncherSaysInOneLineHowToBuildIt() throws IOException, InterruptedException {
        Path copy = tmp.resolve("checkout/bin/runway");
        Files.createDirectories(copy.getParent());
        Files.copy(LAUNCHER, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));

        Process run = run(tmp, copy.toString(), "--version");

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: ") && run.err().contains("runway.jar is missing")
                && run.err().contains("mvn -B -q package -DskipTests"), run.err());
    }

    @Test
    void theLauncherRunsTheJarFromAnyFolderAndThroughASymlink() throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(JAR), "needs the jar: mvn package");
        String version = "runway " + ResultWriter.engineVersion();

        Process direct = run(tmp, LAUNCHER.toString(), "--version");
        assertEquals(0, direct.exitCode(), direct.err());
        assertEquals(version, direct.out().strip());

        Path link = Files.createSymbolicLink(tmp.resolve("rw"), LAUNCHER);
        try {
            Process linked = run(tmp, link.toString(), "--version");
            assertEquals(0, linked.exitCode(), linked.err());
            assertEquals(version, linked.out().strip());
        } finally {
            // Removed here: JUnit warns when it has to delete a link to outside its folder.
            Files.delete(link);
        }
    }

    @Test
    void everyHintPrintsTheCommandTheUserRan() {
        System.setProperty(Launcher.PROPERTY, "bin/runway");
        Path inputs = InputFolderFixture.minimal()
                .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,lots,,,,JPY bn,test")
                .writeTo(tmp.resolve("my inputs"));

        RunwayRun validate = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out",
                tmp.resolve("out").toString());
        assertTrue(validate.err().contains("checks them without running: bin/runway validate --inputs '" + inputs
                + "'\n"), validate::printed);

        RunwayRun typo = RunwayRun.of("simulate", "--pahts", "10");
        assertTrue(typo.err().contains("For the options, run: bin/runway simulate --help"), typo::printed);

        RunwayRun help = RunwayRun.of("simulate", "--help");
        assertTrue(help.out().startsWith("Usage: bin/runway simulate "), help::printed);
        assertTrue(help.out().contains("  bin/runway simulate --scenario status_quo"), help::printed);
        RunwayRun top = RunwayRun.of("--help");
        assertTrue(top.out().contains("  bin/runway simulate --report"), top::printed);
        assertTrue(top.out().contains("  bin/runway help simulate"), top::printed);

        RunwayRun report = RunwayRun.of("report", "--out", tmp.resolve("nothing here").toString());
        assertTrue(report.err().contains("first run: bin/runway simulate --out '"), report::printed);

        List<String> printed = new ArrayList<>(List.of(validate.err(), typo.err(), help.out(), top.out(),
                report.err()));
        for (String text : printed) {
            assertTrue(!text.contains("'runway ") && !text.contains("  runway "), "a bare runway in:\n" + text);
        }
    }

    @Test
    void outsideTheLauncherAndAJarTheHintsSayRunway() {
        System.clearProperty(Launcher.PROPERTY);
        // The tests load the classes from a folder, not a jar: there is no jar to name.
        assertEquals("runway", Launcher.prefix());
        assertEquals("runway validate --inputs 'a b'", Launcher.command("validate --inputs "
                + ShellCommand.word("a b")));
        assertEquals("'it'\\''s'", ShellCommand.word("it's"));
    }

    @Test
    void aHintWithAQuotedPrefixPastesAsItIsPrinted() throws IOException {
        // A launcher in a folder with a quote in its name: the prefix is already quoted for the shell.
        String prefix = "'./it'\\''s/bin/runway'";
        System.setProperty(Launcher.PROPERTY, prefix);
        Path missing = tmp.resolve("nothing here");

        RunwayRun report = RunwayRun.of("report", "--out", missing.toString());
        assertTrue(report.err().endsWith("; first run: " + prefix + " simulate --out '" + missing + "'\n"),
                report::printed);

        Path user = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(user.resolve("notes.txt"), "mine");
        RunwayRun refused = RunwayRun.of("report", "--out", user.toString());
        assertTrue(refused.err().contains("(" + prefix + " simulate --report --out DIR)"), refused::printed);

        for (String text : List.of(report.err(), refused.err())) {
            assertTrue(!text.contains("'" + prefix), "the command wrapped in quotes:\n" + text);
        }
        IOException unread = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> dev.runway.output.OutputFolderReader.read(missing));
        assertTrue(unread.getMessage().endsWith("first run: " + prefix + " simulate --out '" + missing + "'"),
                unread.getMessage());
    }
}
