package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputException;
import dev.runway.sim.ModelCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * A company's own cash model in model.csv: it runs with its own drivers, schedule columns and
 * units, and every mistake in it is an input error with its line, position and a caret, all at
 * once, before anything is simulated or written.
 */
class ModelLanguageTest {
    private static final String MODEL_HEADER = "item,formula,initial,unit,source";
    private static final String MODEL = "model.csv";

    @TempDir
    Path tmp;

    /** A small start-up: cash burns by opex less revenue, revenue grows with noise. */
    private static InputFolderFixture startup(String... modelRows) {
        List<String> model = new ArrayList<>(List.of(MODEL_HEADER));
        if (modelRows.length == 0) {
            model.addAll(List.of(
                    "cash,prev(cash) - burn,opening_cash,USD m,",
                    "z,\"normal(0, 1)\",,,",
                    "revenue,prev(revenue) * (1 + growth + 0.02 * z),start_revenue,USD m,",
                    "burn,opex - revenue,,USD m,",
                    "breach,cash < 50,,,",
                    "report,\"cash, revenue, burn\",,,"));
        } else {
            model.addAll(List.of(modelRows));
        }
        return InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER,
                        "base,opening_cash,constant,300,,,,USD m,test",
                        "base,start_revenue,constant,10,,,,USD m,test",
                        "base,growth,normal,0.05,0.02,,,share,test")
                .file(InputReader.SCHEDULE, "scenario,quarter,label,opex", "base,1,Q1,35", "base,2,Q2,36",
                        "base,3,Q3,37", "base,4,Q4,38")
                .file(InputReader.EVENTS, InputFolderFixture.EVENTS_HEADER)
                .file(MODEL, model.toArray(new String[0]));
    }

    private RunwayRun simulate(Path inputs, String... extra) {
        List<String> args = new ArrayList<>(List.of("simulate", "--inputs", inputs.toString(), "--out",
                tmp.resolve("out").toString(), "--paths", "4096"));
        args.addAll(List.of(extra));
        return RunwayRun.of(args.toArray(new String[0]));
    }

    private RunwayRun badModel(String... rows) {
        Path inputs = startup(rows).writeTo(tmp.resolve("inputs"));
        RunwayRun run = simulate(inputs);
        assertEquals(2, run.exitCode(), run::printed);
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
        return run;
    }

    @Test
    void aCustomModelRunsWithItsOwnNamesAndSaysItsUnitEverywhere() throws IOException {
        Path inputs = startup().writeTo(tmp.resolve("inputs"));
        RunwayRun run = simulate(inputs);
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("Money in USD m"), run::printed);
        assertFalse(run.out().contains("JPY"), run::printed);
        List<String> items = Files.readAllLines(tmp.resolve("out").resolve("item_summary.csv"));
        assertEquals(4, items.size(), items.toString());
        assertTrue(items.get(2).startsWith("base,revenue,USD m,"), items.toString());
        assertTrue(Files.readString(tmp.resolve("out").resolve("manifest.csv")).contains("unit,USD m"));
        assertTrue(Files.exists(tmp.resolve("out").resolve("base").resolve("item_quarterly.csv")));
    }

    @Test
    void anUnknownNameIsReportedUnderItsPlaceWithASuggestion() {
        RunwayRun run = badModel("cash,prev(cash) - burnn,opening_cash,USD m,", "burn,opex - start_revenue,,USD m,",
                "growth_unused,growth,,,", "breach,cash < 50,,,", "report,\"cash, burn, growth_unused\",,,");
        assertTrue(run.err().contains("model.csv:2:19: column 'formula': unknown name \"burnn\"; did you mean "
                + "\"burn\"?"), run::printed);
        assertTrue(run.err().contains("prev(cash) - burnn\n") && run.err().contains("              ^"),
                run::printed);
    }

    @Test
    void aCycleIsReportedWithTheLoopNamed() {
        RunwayRun run = badModel("cash,prev(cash) - burn,opening_cash,USD m,", "burn,opex - revenue,,USD m,",
                "revenue,burn * growth + start_revenue,,USD m,", "breach,cash < 50,,,", "report,cash,,,");
        assertTrue(run.err().contains("the items form a cycle: burn -> revenue -> burn"), run::printed);
    }

    @Test
    void everyMistakeOfTheModelIsReportedInOneRound() {
        RunwayRun run = badModel("cash,prev(cash) - max(burn),opening_cash,USD m,",
                "burn,\"exp(opex, 2) - prev(revenue)\",,USD m,", "revenue,start_revenue * growth,,USD m,",
                "breach,cash < 50,,,", "report,\"cash, revnue\",,,");
        assertTrue(run.err().contains("max takes two or more arguments, found 1"), run::printed);
        assertTrue(run.err().contains("exp takes 1 argument, found 2"), run::printed);
        assertTrue(run.err().contains("prev(revenue): revenue has no state: give it an initial value"), run::printed);
        assertTrue(run.err().contains("the reported item \"revnue\" is not a line item of the model; did you mean "
                + "\"revenue\"?"), run::printed);
        assertTrue(run.err().contains("have 4 problem(s)"), run::printed);
    }

    /** The driver used to win silently: burn read a constant 1 instead of the schedule's opex. */
    @Test
    void aDriverNamedLikeAScheduleColumnIsRefusedOnceAtTheDriver() {
        Path inputs = startup().append(InputReader.DRIVERS, "base,opex,constant,1,,,,USD m,test")
                .writeTo(tmp.resolve("inputs"));

        RunwayRun run = simulate(inputs);

        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("have 1 problem(s)"), run::printed);
        assertTrue(run.err().contains(inputs.resolve(InputReader.DRIVERS) + ":5: column 'driver': the driver opex has "
                + "the name of a column of schedule.csv"), run::printed);
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
    }

    @Test
    void aModelRowWithAStrayCommaIsReportedOnceAndNotAlsoAsAnUnknownNameWhereItIsUsed() {
        RunwayRun run = badModel("cash,prev(cash) - burn,opening_cash,USD m,", "burn,opex - start_revenue,,USD m,a, b",
                "breach,cash < 50,,,", "report,\"cash\",,,");
        assertTrue(run.err().contains("model.csv:3: expected 5 fields as in the header on line 1, found 6"),
                run::printed);
        assertTrue(run.err().contains("have 1 problem(s)"), run::printed);
    }

    @Test
    void moneyOfTwoUnitsCannotBeAdded() {
        RunwayRun run = badModel("cash,prev(cash) - burn + growth,opening_cash,USD m,", "burn,opex - start_revenue,,USD m,",
                "breach,cash < 50,,,", "report,cash,,,");
        assertTrue(run.err().contains("adds USD m and share"), run::printed);
    }

    @Test
    void aModelOfTenThousandLinesIsRefusedClearly() {
        String[] rows = new String[10_000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "item" + i + "," + (i == 0 ? "opex" : "item" + (i - 1) + " + 1") + ",,,";
        }
        RunwayRun run = badModel(rows);
        assertTrue(run.err().contains("the model has 10000 rows; at most 500 line items"), run::printed);
    }

    @Test
    void aValueThatStopsBeingFiniteOnEveryPathIsFoundBeforeTheRunAtTheInputItComesFrom() {
        RunwayRun run = badModel("cash,prev(cash) - burn,opening_cash,USD m,", "burn,opex - log(start_revenue - 10),,USD m,",
                "z,\"normal(0, 1)\",,,", "noise,growth * z,,,", "breach,cash < 50,,,", "report,\"cash, noise\",,,");
        assertTrue(run.err().contains("drivers.csv:3: column 'distribution': scenario base: burn is +infinity in "
                + "quarter 1 (Q1) on a pre-flight path"), run::printed);
        assertTrue(run.err().contains("burn = opex - log(start_revenue - 10)"), run::printed);
    }

    /**
     * A value that goes bad only for middle draws (log of a negative number when z lies in (1, 3)):
     * the pre-flight's extreme and middle paths miss it, the run meets it, and names the item, the
     * quarter, the path and the random series it comes from.
     */
    @Test
    void aValueThatStopsBeingFiniteOnSomePathsNamesTheItemTheQuarterThePathAndTheInput() {
        RunwayRun run = badModel("cash,prev(cash) - burn,opening_cash,USD m,", "burn,opex - start_revenue,,USD m,",
                "z,\"normal(0, 1)\",,,", "noise,\"if(z > 1 && z < 3, log(-z), 0) * growth\",,,",
                "breach,cash < 50,,,", "report,\"cash, noise\",,,");
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("model.csv:4: column 'formula': scenario base: noise is undefined (NaN) in "
                + "quarter 1 (Q1) on path "), run::printed);
        assertTrue(run.err().contains("model.csv line 5, noise = if(z > 1 && z < 3, log(-z), 0) * growth; the input most likely responsible is "
                + "the random series z, which drew "),
                run::printed);
        assertEquals(1, run.err().lines().filter(line -> line.startsWith("error: ")).count(), run::printed);
    }

    @Test
    void aNumberInAFormulaBeyondTheMagnitudeLimitIsRefusedUnderItsPlace() {
        RunwayRun run = badModel("cash,prev(cash) - burn * 1e300,opening_cash,USD m,",
                "burn,opex - start_revenue * growth,,USD m,", "breach,cash < 50,,,", "report,cash,,,");
        assertTrue(run.err().contains("model.csv:2:26: column 'formula': the number 1e300 must lie within ±1e15"),
                run::printed);
    }

    @Test
    void aRandomSeriesWhoseMeanOverflowsIsRefusedAtItsParameter() {
        RunwayRun run = badModel("cash,prev(cash) - burn,opening_cash,USD m,",
                "burn,opex - start_revenue * growth * z,,USD m,", "z,\"lognormal(800, 1)\",,,", "breach,cash < 50,,,",
                "report,cash,,,");
        assertTrue(run.err().contains("model.csv:4:14: column 'formula': lognormal(mean of ln X, sd of ln X): the mean "
                + "exp(800 + 1^2/2) = exp(800.50) is beyond 1e15"), run::printed);
    }

    /** Formulas that would be code in a script engine: each is a parse error, and nothing runs. */
    @ParameterizedTest
    @ValueSource(strings = {"System.exit(3)", "java.lang.Runtime.getRuntime().exec(\"\"touch pwned\"\")",
        "0; System.exit(3)", "1); } static { System.exit(3); } {(1", "opex /* */", "\\u0022", "new Object()",
        "opex.getClass()", "x = 1", "`id`", "${jndi:ldap://localhost/a}", "opex; start_revenue",
        "Math.exp(1)", "opex\\n+1", "'a'"})
    void aHostileFormulaIsAnInputErrorAndNeverRuns(String formula) {
        RunwayRun run = badModel("cash,prev(cash) - burn,opening_cash,USD m,",
                "burn,\"" + formula + "\",,USD m,", "breach,cash < 50,,,", "report,cash,,,");
        assertTrue(run.err().contains("model.csv:3:"), run::printed);
        assertFalse(Files.exists(Path.of("pwned")), "no command ran");
    }

    /** Names are data: the generated source holds indexes, never the user's text. */
    @Test
    void theGeneratedSourceHoldsNoNameOfTheUsers() throws InputException {
        Path inputs = startup("cash,prev(cash) - Runtime_exec,opening_cash,USD m,",
                "Runtime_exec,opex - start_revenue * growth,,USD m,", "breach,cash < 50,,,",
                "report,\"cash, Runtime_exec\",,,").writeTo(tmp.resolve("inputs"));
        CaseInputs read = InputReader.read(inputs);
        String source = ModelCompiler.source(read.model());
        assertFalse(source.contains("Runtime"), source);
        assertFalse(source.contains("opex") || source.contains("growth") || source.contains("cash"), source);
    }

    @Test
    void theShippedNissanModelFileGivesTheStandardModelsNumbersByteForByte() throws IOException {
        Path nissan = Path.of("..", "inputs", "nissan");
        Path standard = Files.createDirectories(tmp.resolve("standard"));
        try (Stream<Path> files = Files.list(nissan)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv") && !f.endsWith(MODEL)).toList()) {
                Files.copy(file, standard.resolve(file.getFileName()));
            }
        }
        for (String method : List.of("mc", "sobol")) {
            RunwayRun explicit = RunwayRun.of("simulate", "--inputs", nissan.toString(), "--out",
                    tmp.resolve("explicit-" + method).toString(), "--paths", "20000", "--method", method);
            RunwayRun builtIn = RunwayRun.of("simulate", "--inputs", standard.toString(), "--out",
                    tmp.resolve("builtin-" + method).toString(), "--paths", "20000", "--method", method);
            assertEquals(0, explicit.exitCode(), explicit::printed);
            assertEquals(0, builtIn.exitCode(), builtIn::printed);
            assertEquals(Files.readString(tmp.resolve("builtin-" + method).resolve("summary.csv")),
                    Files.readString(tmp.resolve("explicit-" + method).resolve("summary.csv")));
            for (String scenario : List.of("status_quo", "re_nissan", "toyota_backstop", "tariff_shock",
                    "funding_plan")) {
                assertEquals(Files.readString(tmp.resolve("builtin-" + method).resolve(scenario).resolve("quarterly.csv")),
                        Files.readString(tmp.resolve("explicit-" + method).resolve(scenario).resolve("quarterly.csv")),
                        scenario);
            }
        }
    }

    @Test
    void theShippedStartupCaseRunsInUsDollars() {
        RunwayRun run = RunwayRun.of("simulate", "--inputs", Path.of("..", "inputs", "startup").toString(), "--out",
                tmp.resolve("startup").toString(), "--paths", "8192");
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("Money in USD m"), run::printed);
    }

    private static final String EVENTS_WITH_TARGET = InputFolderFixture.EVENTS_HEADER.replace(",source", ",target,source");

    @Test
    void aVolumeShockOfAModelWithoutVolumeMustNameItsTarget() {
        Path inputs = startup().file(InputReader.EVENTS, EVENTS_WITH_TARGET,
                "base,slump,volume_shock,,constant,-0.1,,,,1,2,,,test").writeTo(tmp.resolve("inputs"));
        RunwayRun run = simulate(inputs);
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("events.csv:2: column 'kind': a volume_shock moves volume unless the target "
                + "column names another item"), run::printed);
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void aMisspelledTargetGetsASuggestion() {
        Path inputs = startup().file(InputReader.EVENTS, EVENTS_WITH_TARGET,
                "base,slump,cash_shock,,constant,5,,,,1,2,,revenu,test").writeTo(tmp.resolve("inputs"));
        RunwayRun run = simulate(inputs);
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("events.csv:2: column 'target': \"revenu\" is not a line item of "), run::printed);
        assertTrue(run.err().contains("did you mean \"revenue\"?"), run::printed);
    }
}
