package dev.runway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.runway.io.InputReader.CORRELATIONS;
import static dev.runway.io.InputReader.DRIVERS;
import static dev.runway.io.InputReader.EVENTS;
import static dev.runway.io.InputReader.MODEL;
import static dev.runway.io.InputReader.SCENARIOS;
import static dev.runway.io.InputReader.SCHEDULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@code validate} reports every mistake of a folder, however many files they are spread
 * over: a mistake never hides another that does not depend on it. (A broken folder used to take
 * three rounds: the schedule's gap and the event past the horizon came only after the cell
 * errors were fixed, and a model.csv error hid the schedule's cells and the missing drivers.)
 */
class ErrorsInOneRoundTest {

    /** The shipped case, with a model.csv; tests run from the engine module's folder. */
    private static final Path NISSAN = Path.of("../inputs/nissan");

    @TempDir
    Path tmp;

    @Test
    void oneValidateReportsEveryIndependentMistakeOfTheFolderAndNoFollowOnError() throws IOException {
        Path inputs = copy(NISSAN, tmp.resolve("nissan"));
        // model.csv: a formula that does not parse, and in another row a name that does not resolve.
        change(inputs, MODEL, "revenue,base_revenue * growth,", "revenue,base_revenue * * growth,");
        change(inputs, MODEL, "fixed_spend,fixed_costs + capex,", "fixed_spend,fixed_costs + capx,");
        // drivers.csv: two bad cells, and min_liquidity moved from the root to one child.
        change(inputs, DRIVERS, "status_quo,opening_cash,constant,2200,", "status_quo,opening_cash,constant,abc,");
        change(inputs, DRIVERS, "re_nissan,savings_realization,pert,0.8,0.95,1.05,",
                "re_nissan,savings_realization,pert,0.8,0.7,1.05,");
        change(inputs, DRIVERS, "status_quo,min_liquidity,", "re_nissan,min_liquidity,");
        // schedule.csv: a bad amount, and quarter 5 left out (the line kept as a comment, so lines keep their numbers).
        change(inputs, SCHEDULE, "status_quo,3,FY2025Q3,3078.7,572.4,", "status_quo,3,FY2025Q3,3078.7,fifty,");
        change(inputs, SCHEDULE, "status_quo,5,", "# status_quo,5,");
        // events.csv: a window past the last quarter, and a probability above 1.
        change(inputs, EVENTS, "tariff_shock,us_tariff_bill,cash_shock,,pert,150,300,450,,1,4,",
                "tariff_shock,us_tariff_bill,cash_shock,,pert,150,300,450,,1,14,");
        change(inputs, EVENTS, "funding_plan,ukef_guaranteed_loan,injection,0.7,",
                "funding_plan,ukef_guaranteed_loan,injection,1.7,");
        // correlations.csv: a rank correlation below -1.
        change(inputs, CORRELATIONS, "status_quo,savings_realization,restructuring_overrun,-0.3,",
                "status_quo,savings_realization,restructuring_overrun,-1.3,");
        // scenarios.csv: a scenario whose parent does not exist.
        Files.writeString(inputs.resolve(SCENARIOS), Files.readString(inputs.resolve(SCENARIOS)) + "orphan,nobody,lost\n");

        RunwayRun run = RunwayRun.of("validate", "--inputs", inputs.toString());

        assertEquals(2, run.exitCode(), run::printed);
        Set<String> expected = new TreeSet<>(List.of(
                MODEL + ":6:24: column 'formula': expected a number, a name or '('",
                MODEL + ":13:27: column 'formula': unknown name \"capx\"",
                DRIVERS + ":4: column 'p1': expected a number such as 12.5 or -3e2, found \"abc\"",
                DRIVERS + ":16: column 'p2': ",
                SCHEDULE + ":11: column 'fixed_costs': expected a number such as 12.5 or -3e2, found \"fifty\"",
                SCHEDULE + ":14: column 'quarter': scenario status_quo's schedule jumps from quarter 4 to 6",
                EVENTS + ":7: column 'last_quarter': event us_tariff_bill ends in quarter 14, but scenario tariff_shock's "
                        + "schedule ends at quarter 12",
                EVENTS + ":10: column 'probability': expected a probability in [0, 1], found 1.7",
                CORRELATIONS + ":8: column 'rho': expected a rank correlation in [-1, 1], found -1.3",
                SCENARIOS + ":4: column 'scenario': scenario status_quo has no min_liquidity",
                SCENARIOS + ":7: column 'scenario': scenario tariff_shock has no min_liquidity",
                SCENARIOS + ":8: column 'scenario': scenario funding_plan has no min_liquidity",
                SCENARIOS + ":9: column 'parent': unknown parent scenario \"nobody\""));
        List<String> reported = run.err().lines().filter(line -> line.startsWith("  " + inputs))
                .map(line -> line.substring(("  " + inputs + "/").length())).toList();
        Set<String> missing = expected.stream()
                .filter(start -> reported.stream().noneMatch(line -> line.startsWith(start)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(missing.isEmpty(), () -> "not reported in this round: " + missing + "\n" + run.printed());
        assertEquals(expected.size(), reported.size(), () -> "follow-on errors besides the expected ones:\n"
                + run.printed());
        assertTrue(run.err().contains("have " + expected.size() + " problem(s)"), run::printed);
    }

    @Test
    void aModelRowThatDoesNotParseHidesNeitherAnUnknownNameNorACycleInOtherRows() throws IOException {
        Path inputs = copy(NISSAN, tmp.resolve("nissan"));
        change(inputs, MODEL, "revenue,base_revenue * growth,", "revenue,base_revenue * * growth,");
        change(inputs, MODEL, "fixed_spend,fixed_costs + capex,", "fixed_spend,fixed_costs + capx,");
        change(inputs, MODEL, "growth,exp(volume),", "growth,exp(volume) + 0 * contribution,");

        List<String> reported = errors(RunwayRun.of("validate", "--inputs", inputs.toString()), inputs);

        assertEquals(3, reported.size(), reported::toString);
        assertTrue(reported.get(0).startsWith(MODEL + ":6:24: column 'formula': expected a number"), reported::toString);
        assertTrue(reported.get(1).startsWith(MODEL + ":13:27: column 'formula': unknown name \"capx\""),
                reported::toString);
        assertTrue(reported.get(2).contains("the items form a cycle: ") && reported.get(2).contains("growth")
                && reported.get(2).contains("contribution"), reported::toString);
    }

    /** A formula or a breach rule that does not parse is reported once: not again as an unknown name or a missing rule. */
    @Test
    void aModelRowThatDoesNotParseIsNotAlsoAnUnknownNameWhereItIsUsed() throws IOException {
        Path inputs = copy(NISSAN, tmp.resolve("nissan"));
        change(inputs, MODEL, "growth,exp(volume),", "growth,exp(volume,");
        change(inputs, MODEL, "breach,cash < min_liquidity,", "breach,cash < < min_liquidity,");

        List<String> reported = errors(RunwayRun.of("validate", "--inputs", inputs.toString()), inputs);

        assertEquals(2, reported.size(), reported::toString);
        assertTrue(reported.get(0).startsWith(MODEL + ":11:"), reported::toString);
        assertTrue(reported.get(1).startsWith(MODEL + ":17:"), reported::toString);
    }

    /** The errors of a run, each without the folder's path. */
    private static List<String> errors(RunwayRun run, Path inputs) {
        assertEquals(2, run.exitCode(), run::printed);
        return run.err().lines().filter(line -> line.startsWith("  " + inputs))
                .map(line -> line.substring(("  " + inputs + "/").length())).toList();
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    /** Replaces the one line of a file that starts with {@code start} by the same line starting with {@code by}. */
    private static void change(Path folder, String file, String start, String by) throws IOException {
        Path path = folder.resolve(file);
        List<String> lines = Files.readAllLines(path);
        List<String> matching = lines.stream().filter(line -> line.startsWith(start)).toList();
        assertEquals(1, matching.size(), () -> "lines of " + file + " starting with " + start + ": " + matching);
        Files.write(path, lines.stream().map(line -> line.startsWith(start) ? by + line.substring(start.length())
                : line).toList());
    }
}
