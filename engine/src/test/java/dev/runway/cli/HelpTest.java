package dev.runway.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's help prints whole (a stray % in a description makes picocli print it raw, with a warning). */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "validate", "sensitivity", "explain", "solve", "report", "fit"})
    void helpPrintsEveryOptionWithoutAWarning(String command) {
        PrintStream original = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        RunwayRun run;
        try {
            run = RunwayRun.of(command, "--help");
        } finally {
            System.setErr(original);
        }
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("Usage: runway " + command), run::printed);
        String printed = warnings.toString(StandardCharsets.UTF_8) + run.err();
        assertFalse(printed.contains("WARN"), printed);
    }
}
