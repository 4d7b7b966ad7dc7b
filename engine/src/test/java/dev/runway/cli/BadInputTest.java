package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.runway.io.InputReader.CORRELATIONS;
import static dev.runway.io.InputReader.DRIVERS;
import static dev.runway.io.InputReader.EVENTS;
import static dev.runway.io.InputReader.SCENARIOS;
import static dev.runway.io.InputReader.SCHEDULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad input stops {@code simulate} with exit code 2, a message that points at the
 * file, line and column to fix, and nothing written: no --out folder, no hidden staging folder.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    /**
     * One broken input: how the minimal folder is broken, and where the error must point.
     *
     * @param line     the 1-based line named in the message, or 0 when the whole file is at fault
     * @param column   the column named in the message, or empty when the whole row is at fault
     * @param problems how many problems the run must report in all: one mistake brings no follow-on errors
     */
    record BadInput(String name, UnaryOperator<InputFolderFixture> breakIt, String file, int line, String column,
            String message, int problems) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static BadInput bad(String name, UnaryOperator<InputFolderFixture> breakIt, String file, int line,
            String column, String message) {
        return new BadInput(name, breakIt, file, line, column, message, 1);
    }

    /** Replaces the baseline row of a driver (drivers.csv lines 2..11, in the order of MODEL.md). */
    private static UnaryOperator<InputFolderFixture> driver(String driver, String distributionAndParameters) {
        return f -> f.replace(DRIVERS, "base," + driver + ",",
                "base," + driver + "," + distributionAndParameters + ",unit,test");
    }

    /** Makes volume_trend, contribution_margin and savings_realization random, so they can be correlated. */
    private static InputFolderFixture random(InputFolderFixture f) {
        return f.replace(DRIVERS, "base,volume_trend,", "base,volume_trend,normal,0,0.01,,,log change,test")
                .replace(DRIVERS, "base,contribution_margin,", "base,contribution_margin,uniform,0.1,0.3,,,share,test")
                .replace(DRIVERS, "base,savings_realization,", "base,savings_realization,pert,0.3,0.5,0.9,,share,test");
    }

    private static UnaryOperator<InputFolderFixture> event(String row) {
        return f -> f.append(EVENTS, row);
    }

    static Stream<BadInput> badInputs() {
        return Stream.of(
                bad("letters in a number: abc in p1", driver("opening_cash", "constant,abc,,,"),
                        DRIVERS, 2, "p1", "expected a number such as 12.5 or -3e2, found \"abc\""),
                bad("two decimal points: 1.5.2 in p2", driver("volume_trend", "normal,0,1.5.2,,"),
                        DRIVERS, 4, "p2", "found \"1.5.2\""),
                bad("a malformed amount in the schedule",
                        f -> f.replace(SCHEDULE, "base,2,", "base,2,Q2,500,5O,10,5,20,30"),
                        SCHEDULE, 3, "fixed_costs", "found \"5O\""),
                bad("an unknown driver name", f -> f.replace(DRIVERS, "base,volume_trend,",
                                "base,volume_trnd,constant,0,,,,log change,test"),
                        DRIVERS, 4, "driver", "unknown driver \"volume_trnd\""),
                bad("an unknown distribution", driver("contribution_margin", "tri,0.1,0.2,0.3,"),
                        DRIVERS, 7, "distribution", "unknown distribution \"tri\""),
                bad("an unknown scenario in drivers.csv",
                        f -> f.append(DRIVERS, "ghost,opening_cash,constant,1,,,,JPY bn,test"),
                        DRIVERS, 12, "scenario", "unknown scenario \"ghost\"; expected one of base"),
                bad("an unknown parent in scenarios.csv",
                        f -> f.append(SCENARIOS, "kid,nobody,orphan"),
                        SCENARIOS, 3, "parent", "unknown parent scenario \"nobody\""),
                bad("schedule.csv without the capex column",
                        f -> f.replace(SCHEDULE, "scenario,", InputFolderFixture.SCHEDULE_HEADER.replace(",capex", "")),
                        SCHEDULE, 1, "capex", "missing column"),
                bad("no scenarios.csv, so no scenario of the other files is unknown", f -> f.without(SCENARIOS),
                        SCENARIOS, 0, "", "missing file"),
                bad("scenarios.csv without the parent column, so no scenario of the other files is unknown",
                        f -> f.file(SCENARIOS, "scenario,description", "base,the only root"),
                        SCENARIOS, 1, "parent", "missing column"),
                bad("a header with the source column twice",
                        f -> f.replace(DRIVERS, "scenario,", InputFolderFixture.DRIVERS_HEADER + ",source"),
                        DRIVERS, 1, "source", "appears twice"),
                bad("a Latin-1 yen sign in a source cell",
                        f -> f.replace(DRIVERS, "base,min_liquidity,", "base,min_liquidity,constant,100,,,,JPY bn,"
                                + "\u00A5 floor").encodedAs(DRIVERS, StandardCharsets.ISO_8859_1),
                        DRIVERS, 3, "", "not UTF-8 text"),
                bad("normal with sd 0", driver("volume_trend", "normal,0,0,,"),
                        DRIVERS, 4, "p2", "sd must be > 0, found 0.0"),
                bad("normal with a negative sd", driver("volume_trend", "normal,0,-0.01,,"),
                        DRIVERS, 4, "p2", "sd must be > 0, found -0.01"),
                bad("uniform with min above max", driver("refinancing_share", "uniform,0.9,0.5,,"),
                        DRIVERS, 11, "p2", "min must be below max, found 0.9 and 0.5"),
                bad("triangular mode above max", driver("contribution_margin", "triangular,0.1,0.3,0.25,"),
                        DRIVERS, 7, "p2", "mode must lie between min and max"),
                bad("pert mode below min", driver("savings_realization", "pert,0.3,0.2,0.8,"),
                        DRIVERS, 8, "p2", "mode must lie between min and max"),
                bad("an event probability above 1", event("base,fine,cash_shock,1.2,constant,10,,,,1,2,,src"),
                        EVENTS, 2, "probability", "expected a probability in [0, 1], found 1.2"),
                bad("a negative event probability", event("base,fine,cash_shock,-0.1,constant,10,,,,1,2,,src"),
                        EVENTS, 2, "probability", "expected a probability in [0, 1], found -0.1"),
                bad("bernoulli with p above 1", driver("savings_delay", "bernoulli,1.5,,,"),
                        DRIVERS, 9, "p1", "probability must be in [0, 1], found 1.5"),
                bad("volume_persistence constant 1", driver("volume_persistence", "constant,1,,,"),
                        DRIVERS, 6, "distribution", "volume_persistence must lie in [0, 1)"),
                bad("volume_persistence uniform(0.5, 1.2)", driver("volume_persistence", "uniform,0.5,1.2,,"),
                        DRIVERS, 6, "distribution", "volume_persistence must lie in [0, 1)"),
                bad("savings_delay constant 1.5", driver("savings_delay", "constant,1.5,,,"),
                        DRIVERS, 9, "distribution", "savings_delay must be a whole number of quarters"),
                bad("savings_delay discrete_uniform from 0.5", driver("savings_delay", "discrete_uniform,0.5,2,,"),
                        DRIVERS, 9, "p1", "min must be a whole number from -1e9 to 1e9 (so the count of values fits the sampler), found 0.5"),
                new BadInput("a parent cycle a -> b -> a", f -> f.append(SCENARIOS, "a,b,one", "b,a,two"),
                        SCENARIOS, 3, "parent", "scenario a inherits from itself through a -> b -> a", 2),
                bad("a gap in the schedule: quarters 1, 2, 4",
                        f -> f.append(SCHEDULE, "base,4,Q4,500,50,10,5,20,30"),
                        SCHEDULE, 4, "quarter", "jumps from quarter 2 to 4"),
                bad("a gap in a schedule that a child inherits",
                        f -> f.append(SCENARIOS, "kid1,base,x").append(SCHEDULE, "base,4,Q4,500,50,10,5,20,30"),
                        SCHEDULE, 4, "quarter", "jumps from quarter 2 to 4"),
                bad("a row with too few fields, so its driver is not also missing",
                        f -> f.replace(DRIVERS, "base,opening_cash,", "base,opening_cash,constant,1000,,,,JPY bn"),
                        DRIVERS, 2, "", "expected 9 fields as in the header on line 1, found 8"),
                bad("a rank correlation above 1",
                        f -> random(f).append(CORRELATIONS, "base,volume_trend,contribution_margin,1.5"),
                        CORRELATIONS, 2, "rho", "expected a rank correlation in [-1, 1], found 1.5"),
                bad("a correlation with a constant driver",
                        f -> f.replace(DRIVERS, "base,contribution_margin,",
                                "base,contribution_margin,uniform,0.1,0.3,,,share,test")
                                .append(CORRELATIONS, "base,volume_trend,contribution_margin,0.5"),
                        CORRELATIONS, 2, "driver_a", "volume_trend is constant in scenario base"),
                bad("a driver correlated with itself",
                        f -> random(f).append(CORRELATIONS, "base,volume_trend,volume_trend,0.5"),
                        CORRELATIONS, 2, "driver_b", "cannot be correlated with itself"),
                bad("a matrix that is not symmetric",
                        f -> random(f).append(CORRELATIONS, "base,volume_trend,contribution_margin,0.5")
                                .append(CORRELATIONS, "base,contribution_margin,volume_trend,0.4"),
                        CORRELATIONS, 3, "rho", "not symmetric: line 2 sets"),
                bad("correlations that cannot hold together (not positive definite)",
                        f -> random(f).append(CORRELATIONS, "base,volume_trend,contribution_margin,0.9")
                                .append(CORRELATIONS, "base,volume_trend,savings_realization,0.9")
                                .append(CORRELATIONS, "base,contribution_margin,savings_realization,-0.9"),
                        CORRELATIONS, 2, "rho", "not positive definite (smallest eigenvalue -0."),
                bad("an event window beyond the horizon", event("base,late,cash_shock,,constant,10,,,,1,3,,src"),
                        EVENTS, 2, "last_quarter", "event late ends in quarter 3, but scenario base has 2 quarters"),
                bad("an event window beyond the horizon that a child inherits",
                        f -> f.append(SCENARIOS, "kid1,base,x")
                                .append(EVENTS, "base,shock,cash_shock,0.5,constant,10,,,,1,3,,src"),
                        EVENTS, 2, "last_quarter", "event shock ends in quarter 3"),
                bad("a first quarter of 1e20, which is no quarter rather than too large a number",
                        event("base,late,cash_shock,,constant,10,,,,1e20,2,,src"),
                        EVENTS, 2, "first_quarter", "expected a whole number from 1 to 10000, found \"1e20\""),
                bad("trigger_below on a cash_shock", event("base,fine,cash_shock,,constant,10,,,,1,2,500,src"),
                        EVENTS, 2, "trigger_below", "only injections can be triggered"),
                bad("two scenarios whose names differ only in case", f -> f.append(SCENARIOS, "Base,base,a child"),
                        SCENARIOS, 3, "scenario", "scenario Base differs from base (line 2) only in upper and lower "
                                + "case"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void simulateRefusesTheInputWithItsLocationAndWritesNothing(BadInput bad) throws IOException {
        Path inputs = bad.breakIt().apply(InputFolderFixture.minimal()).writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("results");

        RunwayRun run = simulate(inputs, out);

        assertEquals(2, run.exitCode(), run::printed);
        String location = inputs.resolve(bad.file()) + (bad.line() > 0 ? ":" + bad.line() : "") + ": "
                + (bad.column().isEmpty() ? "" : "column '" + bad.column() + "': ");
        assertTrue(run.err().contains(location), () -> "expected an error at " + location + "\n" + run.printed());
        String reported = run.err().substring(run.err().indexOf(location));
        String firstLine = reported.lines().findFirst().orElseThrow();
        assertTrue(firstLine.contains(bad.message()), () -> "expected \"" + bad.message() + "\" in " + firstLine);
        assertNothingWritten(out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void oneMistakeIsReportedWithoutFollowOnErrors(BadInput bad) {
        Path inputs = bad.breakIt().apply(InputFolderFixture.minimal()).writeTo(tmp.resolve("inputs"));

        RunwayRun run = simulate(inputs, tmp.resolve("results"));

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("have " + bad.problems() + " problem(s):"), run::printed);
        assertEquals(bad.problems(), run.err().lines().filter(line -> line.startsWith("  " + inputs)).count(),
                run::printed);
    }

    @Test
    void errorsInEveryFileAreAllReportedInOneRun() throws IOException {
        Path inputs = InputFolderFixture.minimal()
                .append(SCENARIOS, "base,,defined twice")
                .replace(DRIVERS, "base,opening_cash,", "base,opening_cash,constant,abc,,,,JPY bn,test")
                .append(EVENTS, "base,fine,cash_shock,1.5,constant,10,,,,1,2,,src")
                .replace(SCHEDULE, "base,2,", "base,2,Q2,500,fifty,10,5,20,30")
                .append(CORRELATIONS, "base,volume_trend,contribution_margin,1.5")
                .writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("results");

        RunwayRun run = simulate(inputs, out);

        assertEquals(2, run.exitCode(), run::printed);
        List<String> expected = List.of(
                inputs.resolve(SCENARIOS) + ":3: column 'scenario': ",
                inputs.resolve(DRIVERS) + ":2: column 'p1': ",
                inputs.resolve(SCHEDULE) + ":3: column 'fixed_costs': ",
                inputs.resolve(EVENTS) + ":2: column 'probability': ",
                inputs.resolve(CORRELATIONS) + ":2: column 'rho': ",
                // The pair is of two constant drivers: a mistake of its own, in the same round as its rho.
                inputs.resolve(CORRELATIONS) + ":2: column 'driver_a': volume_trend is constant",
                inputs.resolve(CORRELATIONS) + ":2: column 'driver_b': contribution_margin is constant");
        List<String> errorLines = run.err().lines().filter(line -> line.startsWith("  ")).map(String::strip).toList();
        assertEquals(expected.size(), errorLines.size(), run::printed);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(errorLines.get(i).startsWith(expected.get(i)), expected.get(i) + " in\n" + run.printed());
        }
        assertTrue(run.err().contains("have 7 problem(s)"), run::printed);
        assertNothingWritten(out);
    }

    /** The name becomes a folder under --out: 300 characters crashed with "File name too long". */
    @Test
    void aFileOfThousandsOfBrokenRowsShowsTheFirstHundredAndCountsTheRest() throws IOException {
        String[] broken = new String[2_000];
        for (int i = 0; i < broken.length; i++) {
            broken[i] = "base,volume_trend,normal,0,-" + (i + 1) + ",,,log change,test";
        }
        Path inputs = InputFolderFixture.minimal().append(DRIVERS, broken).writeTo(tmp.resolve("inputs"));

        RunwayRun run = RunwayRun.of("validate", "--inputs", inputs.toString());

        assertEquals(2, run.exitCode(), run::printed);
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.size() < 110, () -> lines.size() + " lines printed");
        int shown = (int) lines.stream().filter(line -> line.startsWith("  " + inputs.resolve(DRIVERS))).count();
        assertEquals(100, shown, run::printed);
        int all = Integer.parseInt(lines.get(0).replaceAll(".* have (\\d+) problem\\(s\\):", "$1"));
        assertTrue(lines.contains("  ... and " + (all - 100) + " more; fix the ones above and check again"), run::printed);
    }

    @Test
    void aScenarioNameOfThreeHundredCharactersIsRefusedWhereItIsDefinedAndOnlyThere() throws IOException {
        String name = "s".repeat(300);
        Path inputs = InputFolderFixture.minimal().writeTo(tmp.resolve("inputs"));
        for (String file : List.of(SCENARIOS, DRIVERS, SCHEDULE)) {
            Path path = inputs.resolve(file);
            Files.writeString(path, Files.readString(path).replaceAll("(?m)^base,", name + ","));
        }
        Path out = tmp.resolve("results");

        RunwayRun run = simulate(inputs, out);

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("have 1 problem(s):"), run::printed);
        assertTrue(run.err().contains(inputs.resolve(SCENARIOS) + ":2: column 'scenario': the name has 300 characters; "
                + "a scenario name may have at most 100, because it names the scenario's folder under --out."),
                run::printed);
        assertNothingWritten(out);
    }

    @Test
    void anUnknownScenarioOptionIsRefusedWithTheKnownScenarios() throws IOException {
        Path inputs = InputFolderFixture.minimal().append(SCENARIOS, "kid,base,a child")
                .writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("results");

        RunwayRun run = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--paths", "100", "--scenario", "nosuch");

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("unknown scenario(s) nosuch"), run::printed);
        assertTrue(run.err().contains("expected one of base, kid"), run::printed);
        assertNothingWritten(out);
    }

    /**
     * A Cauchy volume trend overflows exp(v) on some path: a clear input error at the driver's row,
     * found by the pre-flight before any path is drawn, not a crash.
     */
    @Test
    void cashThatOverflowsIsAnInputErrorAndNothingIsWritten() throws IOException {
        Path inputs = InputFolderFixture.minimal()
                .replace(DRIVERS, "base,volume_trend,", "base,volume_trend,student_t,0,1,1,,log change,test")
                .writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("results");

        RunwayRun run = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--paths", "20000");

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("is +infinity in quarter") || run.err().contains("is -infinity in quarter")
                || run.err().contains("is undefined (NaN) in quarter"), run::printed);
        assertTrue(run.err().contains(inputs.resolve(DRIVERS) + ":4: column 'distribution': "), run::printed);
        assertTrue(run.err().contains("the input most likely responsible is the driver volume_trend"), run::printed);
        assertNothingWritten(out);
    }

    @Test
    void zeroPathsIsAUsageError() throws IOException {
        Path inputs = InputFolderFixture.minimal().writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("results");

        RunwayRun run = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--paths", "0");

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("--paths must be from 1 to") && run.err().contains("found 0"), run::printed);
        assertNothingWritten(out);
    }

    private static RunwayRun simulate(Path inputs, Path out) {
        return RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(), "--paths", "200",
                "--threads", "2");
    }

    /** The run created nothing beside the inputs: no --out folder and no hidden staging folder. */
    private void assertNothingWritten(Path out) throws IOException {
        assertTrue(Files.notExists(out), out + " must not exist");
        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(List.of("inputs"), entries.map(p -> p.getFileName().toString()).toList(),
                    "only the inputs may be left in " + tmp);
        }
    }
}
