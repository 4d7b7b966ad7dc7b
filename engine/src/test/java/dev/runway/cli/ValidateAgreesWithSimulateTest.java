package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.runway.io.InputReader.DRIVERS;
import static dev.runway.io.InputReader.EVENTS;
import static dev.runway.io.InputReader.SCHEDULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code validate} says "all valid" only for inputs {@code simulate} runs: for each input that
 * used to pass validate and then crash, overflow or run wrong in simulate (issue 10), both exit
 * with 2, name the same file, line and column, print no stack trace and write nothing.
 */
class ValidateAgreesWithSimulateTest {

    @TempDir
    Path tmp;

    /** A broken input, and the cell both commands must name. */
    record Broken(String name, UnaryOperator<InputFolderFixture> breakIt, String file, int line, String column) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Replaces the baseline row of a driver (drivers.csv lines 2..11). */
    private static UnaryOperator<InputFolderFixture> driver(String driver, String distributionAndParameters) {
        return f -> f.replace(DRIVERS, "base," + driver + ",",
                "base," + driver + "," + distributionAndParameters + ",unit,test");
    }

    private static UnaryOperator<InputFolderFixture> event(String row) {
        return f -> f.append(EVENTS, row);
    }

    static Stream<Broken> brokenInputs() {
        return Stream.of(
                new Broken("discrete_uniform 0..2147483647, whose count overflowed an int and drew negative values",
                        driver("min_liquidity", "discrete_uniform,0,2147483647,,"), DRIVERS, 3, "p2"),
                new Broken("savings_delay discrete_uniform 0..2147483647, an index out of bounds",
                        driver("savings_delay", "discrete_uniform,0,2147483647,,"), DRIVERS, 9, "p2"),
                new Broken("savings_delay beyond the longest schedule",
                        driver("savings_delay", "discrete_uniform,0,20000,,"), DRIVERS, 9, "distribution"),
                new Broken("opening_cash 1e308", driver("opening_cash", "constant,1e308,,,"), DRIVERS, 2, "p1"),
                new Broken("a schedule cell 1e308",
                        f -> f.replace(SCHEDULE, "base,1,", "base,1,Q1,1e308,50,10,5,20,30"), SCHEDULE, 2,
                        "base_revenue"),
                new Broken("an event amount 1e308", event("base,fine,cash_shock,1,constant,1e308,,,,1,2,,src"),
                        EVENTS, 2, "p1"),
                new Broken("a trigger level 1e308", event("base,rescue,injection,1,constant,10,,,,1,2,1e308,src"),
                        EVENTS, 2, "trigger_below"),
                new Broken("lognormal(800, 1), whose mean is exp(800)",
                        driver("restructuring_overrun", "lognormal,800,1,,"), DRIVERS, 10, "p1"),
                new Broken("normal with sd 1e200, whose variance overflows",
                        driver("volume_trend", "normal,0,1e200,,"), DRIVERS, 4, "p2"),
                new Broken("Student's t with df 1e300, whose table did not converge",
                        driver("volume_trend", "student_t,0,1,1e300,"), DRIVERS, 4, "p3"),
                new Broken("beta(1e50, 1e50), whose table did not converge",
                        driver("refinancing_share", "beta,1e50,1e50,,"), DRIVERS, 11, "p1"),
                new Broken("a Cauchy trend whose extreme draws overflow exp(volume)",
                        driver("volume_trend", "student_t,0,1000,1,"), DRIVERS, 4, "distribution"),
                new Broken("an event probability of 1.5", event("base,fine,cash_shock,1.5,constant,10,,,,1,2,,src"),
                        EVENTS, 2, "probability"),
                new Broken("NaN for opening_cash", driver("opening_cash", "constant,NaN,,,"), DRIVERS, 2, "p1"),
                new Broken("Infinity in the schedule",
                        f -> f.replace(SCHEDULE, "base,2,", "base,2,Q2,500,Infinity,10,5,20,30"), SCHEDULE, 3,
                        "fixed_costs"),
                new Broken("1e999 for a trigger level", event("base,rescue,injection,1,constant,10,,,,1,2,1e999,src"),
                        EVENTS, 2, "trigger_below"),
                new Broken("a trend whose extreme draws overflow exp(volume)",
                        f -> driver("volume_trend", "normal,0,30,,").apply(f)
                                .append(SCHEDULE, "base,3,Q3,500,50,10,5,20,30"), DRIVERS, 4, "distribution"),
                new Broken("a volume shock that overflows exp(volume)",
                        event("base,boom,volume_shock,1,constant,800,,,,2,2,,src"), EVENTS, 2, "distribution"),
                new Broken("cash so large on extreme paths that its statistics overflow",
                        driver("volume_trend", "normal,0,24,,"), DRIVERS, 4, "distribution"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInputs")
    void validateAndSimulateRefuseTheInputAtTheSameCell(Broken broken) {
        Path inputs = broken.breakIt().apply(InputFolderFixture.minimal()).writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("results");
        String cell = inputs.resolve(broken.file()) + ":" + broken.line() + ": column '" + broken.column() + "': ";

        RunwayRun validate = RunwayRun.of("validate", "--inputs", inputs.toString());
        RunwayRun simulate = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--paths", "2000");

        for (RunwayRun run : new RunwayRun[] {validate, simulate}) {
            assertEquals(2, run.exitCode(), run::printed);
            assertEquals("  " + cell, firstError(run, inputs).substring(0, cell.length() + 2), run::printed);
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run::printed);
            assertFalse(run.out().contains("all valid"), run::printed);
        }
        assertEquals(firstError(validate, inputs), firstError(simulate, inputs));
        assertFalse(Files.exists(out), "simulate wrote " + out);
    }

    /** The first line of the run's errors that names a file of the inputs. */
    private static String firstError(RunwayRun run, Path inputs) {
        return run.err().lines().filter(line -> line.startsWith("  " + inputs)).findFirst()
                .orElseThrow(() -> new AssertionError("no error names a file of " + inputs + "\n" + run.printed()));
    }
}
