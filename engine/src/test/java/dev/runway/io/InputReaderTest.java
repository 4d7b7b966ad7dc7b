package dev.runway.io;

import dev.runway.model.CaseInputs;
import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.EventKind;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputReaderTest {

    /** The shipped case; tests run from the engine module's folder. */
    private static final Path NISSAN = Path.of("../inputs/nissan");

    private static Scenario scenario(CaseInputs inputs, String name) {
        return inputs.scenario(name).orElseThrow(() -> new AssertionError("no scenario " + name));
    }

    private static Map<String, Event> eventsByName(Scenario scenario) {
        return scenario.events().stream().collect(Collectors.toMap(Event::name, e -> e));
    }

    private static List<InputError> errorsOf(Path folder) {
        return assertThrows(InputException.class, () -> InputReader.read(folder)).errors();
    }

    @Nested
    class TheShippedNissanCase {

        @Test
        void hasItsFiveScenariosInFileOrderEachOverTwelveQuarters() throws InputException {
            CaseInputs inputs = InputReader.read(NISSAN);

            assertEquals(List.of("status_quo", "re_nissan", "toyota_backstop", "tariff_shock", "funding_plan"),
                    inputs.scenarios().stream().map(Scenario::name).toList());
            for (Scenario scenario : inputs.scenarios()) {
                assertEquals(12, scenario.horizon(), scenario.name());
                assertEquals("FY2025Q1", scenario.schedule().labels().get(0), scenario.name());
                assertEquals("FY2027Q4", scenario.schedule().labels().get(11), scenario.name());
            }
        }

        @Test
        void toyotaBackstopInheritsReNissansSavingsRealizationAndAddsItsOwnTriggeredInjection()
                throws InputException {
            CaseInputs inputs = InputReader.read(NISSAN);
            Scenario reNissan = scenario(inputs, "re_nissan");
            Scenario toyota = scenario(inputs, "toyota_backstop");

            assertEquals(Distribution.of(DistributionKind.PERT, 0.8, 0.95, 1.05),
                    toyota.driver("savings_realization"));
            assertEquals(reNissan.drivers(), toyota.drivers());
            assertTrue(reNissan.events().isEmpty());
            assertEquals(List.of("toyota_injection"), toyota.events().stream().map(Event::name).toList());
            Event injection = toyota.events().get(0);
            assertEquals(EventKind.INJECTION, injection.kind());
            assertEquals(0.5, injection.probability());
            assertEquals(Distribution.of(DistributionKind.TRIANGULAR, 200, 300, 713), injection.amount());
            assertEquals(2, injection.firstQuarter());
            assertEquals(12, injection.lastQuarter());
            assertTrue(injection.triggered());
            assertEquals(1200.0, injection.triggerBelow());
        }

        @Test
        void tariffShockInheritsEveryDriverOfStatusQuoAndAddsTheTariffEvents() throws InputException {
            CaseInputs inputs = InputReader.read(NISSAN);
            Scenario statusQuo = scenario(inputs, "status_quo");
            Scenario tariff = scenario(inputs, "tariff_shock");

            assertEquals(statusQuo.drivers(), tariff.drivers());
            assertEquals(statusQuo.driverSources(), tariff.driverSources());
            assertArrayEquals(statusQuo.schedule().column("debt_maturity"), tariff.schedule().column("debt_maturity"));
            Map<String, Event> events = eventsByName(tariff);
            assertEquals(EventKind.CASH_SHOCK, events.get("us_tariff_bill").kind());
            assertEquals(1.0, events.get("us_tariff_bill").probability(), "an empty probability means 1");
            assertFalse(events.get("us_tariff_bill").triggered());
            assertEquals(EventKind.VOLUME_SHOCK, events.get("us_tariff_volume").kind());
            assertEquals(Distribution.of(DistributionKind.PERT, -0.06, -0.03, -0.01),
                    events.get("us_tariff_volume").amount());
        }

        @Test
        void aChildRowOverridesItsParentsRowOfTheSameDriverAndKeepsTheOthers() throws InputException {
            CaseInputs inputs = InputReader.read(NISSAN);
            Scenario statusQuo = scenario(inputs, "status_quo");
            Scenario reNissan = scenario(inputs, "re_nissan");

            assertEquals(Distribution.of(DistributionKind.NORMAL, -0.007, 0.004),
                    statusQuo.driver("volume_trend"));
            assertEquals(Distribution.of(DistributionKind.NORMAL, -0.003, 0.003),
                    reNissan.driver("volume_trend"));
            assertEquals(Distribution.of(DistributionKind.DISCRETE_UNIFORM, 1, 3),
                    statusQuo.driver("savings_delay"));
            assertEquals(Distribution.constant(0), reNissan.driver("savings_delay"));
            assertEquals(Distribution.constant(2200), reNissan.driver("opening_cash"));
            assertEquals(statusQuo.driver("refinancing_share"), reNissan.driver("refinancing_share"));
        }

        @Test
        void recordsTheSha256OfEveryFileItRead() throws Exception {
            CaseInputs inputs = InputReader.read(NISSAN);

            assertEquals(List.of("correlations.csv", "drivers.csv", "events.csv", "model.csv", "scenarios.csv", "schedule.csv"),
                    List.copyOf(inputs.fileHashes().keySet()));
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(NISSAN.resolve("drivers.csv"))));
            assertEquals(expected, inputs.fileHashes().get("drivers.csv"));
        }
    }

    @Nested
    class ASmallFolder {
        @TempDir
        Path tmp;

        @Test
        void theMinimalBaselineIsOneRootScenarioOverTwoQuarters() throws InputException {
            CaseInputs inputs = InputReader.read(InputFolderFixture.minimal().writeTo(tmp));

            assertEquals(1, inputs.scenarios().size());
            Scenario base = inputs.scenarios().get(0);
            assertEquals("base", base.name());
            assertEquals(List.of("Q1", "Q2"), base.schedule().labels());
            assertEquals(Distribution.constant(1000), base.driver("opening_cash"));
            assertTrue(base.events().isEmpty());
        }

        @Test
        void eventsAndCorrelationsFilesAreOptional() throws InputException {
            Path folder = InputFolderFixture.minimal().without(InputReader.EVENTS)
                    .without(InputReader.CORRELATIONS).writeTo(tmp);

            CaseInputs inputs = InputReader.read(folder);

            assertTrue(inputs.scenarios().get(0).events().isEmpty());
            assertEquals(List.of("drivers.csv", "scenarios.csv", "schedule.csv"),
                    List.copyOf(inputs.fileHashes().keySet()));
        }

        @Test
        void aChildOverridesDriversEventsAndScheduleRowsByKeyAndInheritsTheRest() throws InputException {
            Path folder = InputFolderFixture.minimal()
                    .append(InputReader.SCENARIOS, "kid,base,overrides one row of each kind")
                    .append(InputReader.DRIVERS, "kid,opening_cash,constant,2000,,,,JPY bn,kid's own")
                    .append(InputReader.EVENTS,
                            "base,fine,cash_shock,0.5,constant,10,,,,1,2,,base fine",
                            "base,sale,injection,1,constant,50,,,,2,2,,base sale",
                            "kid,fine,cash_shock,0.5,constant,20,,,,1,1,,kid fine")
                    .append(InputReader.SCHEDULE, "kid,2,Q2-kid,600,50,10,5,20,30")
                    .writeTo(tmp);

            CaseInputs inputs = InputReader.read(folder);
            Scenario base = scenario(inputs, "base");
            Scenario kid = scenario(inputs, "kid");

            assertEquals(Distribution.constant(2000), kid.driver("opening_cash"));
            assertEquals("kid's own", kid.driverSources().get("opening_cash"));
            assertEquals(Distribution.constant(1000), base.driver("opening_cash"));
            assertEquals(base.driver("min_liquidity"), kid.driver("min_liquidity"));

            Map<String, Event> kidEvents = eventsByName(kid);
            assertEquals(2, kid.events().size());
            assertEquals(Distribution.constant(20), kidEvents.get("fine").amount());
            assertEquals(1, kidEvents.get("fine").lastQuarter());
            assertEquals(Distribution.constant(50), kidEvents.get("sale").amount());
            assertEquals(Distribution.constant(10), eventsByName(base).get("fine").amount());

            assertEquals(List.of("Q1", "Q2-kid"), kid.schedule().labels());
            assertArrayEquals(new double[] {500, 600}, kid.schedule().column("base_revenue"));
            assertArrayEquals(new double[] {500, 500}, base.schedule().column("base_revenue"));
        }

        @Test
        void aChildCanExtendItsParentsScheduleWithLaterQuarters() throws InputException {
            Path folder = InputFolderFixture.minimal()
                    .append(InputReader.SCENARIOS, "longer,base,one more quarter")
                    .append(InputReader.SCHEDULE, "longer,3,Q3,700,50,10,5,20,30")
                    .writeTo(tmp);

            CaseInputs inputs = InputReader.read(folder);

            assertEquals(2, scenario(inputs, "base").horizon());
            assertEquals(3, scenario(inputs, "longer").horizon());
            assertArrayEquals(new double[] {500, 500, 700}, scenario(inputs, "longer").schedule().column("base_revenue"));
        }

        @Test
        void commentAndBlankLinesAreSkippedWhereverTheyAre() throws InputException {
            Path folder = InputFolderFixture.minimal()
                    .prepend(InputReader.DRIVERS, "# a comment, with \"an unbalanced quote", "", "   # indented")
                    .append(InputReader.DRIVERS, "", "# a trailing comment", "   ")
                    .prepend(InputReader.SCHEDULE, "# quarterly amounts")
                    .writeTo(tmp);

            Scenario base = InputReader.read(folder).scenarios().get(0);

            assertEquals(Distribution.constant(0.6), base.driver("refinancing_share"));
            assertEquals(2, base.horizon());
        }

        @Test
        void errorLinesCountThePhysicalLinesIncludingCommentsAndBlankOnes() {
            // Three lines before the header and two before the bad row: the bad row is physical line 3 + 11 + 2 + 1.
            Path folder = InputFolderFixture.minimal()
                    .prepend(InputReader.DRIVERS, "# drivers", "", "# more")
                    .append(InputReader.DRIVERS, "", "# a bad row follows",
                            "base,opening_cash,constant,1000,,,,JPY bn")
                    .writeTo(tmp);

            List<InputError> errors = errorsOf(folder);

            assertEquals(1, errors.size(), errors::toString);
            InputError error = errors.get(0);
            assertEquals(tmp.resolve("drivers.csv").toString(), error.file());
            assertEquals(17, error.line());
            assertEquals("expected 9 fields as in the header on line 4, found 8", error.message());
        }

        @Test
        void aBadCellIsReportedWithItsFileLineAndColumn() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "base,contribution_margin,",
                            "base,contribution_margin,triangular,0.1,0.3,0.25,,share,test")
                    .writeTo(tmp);

            List<InputError> errors = errorsOf(folder);

            assertEquals(1, errors.size(), errors::toString);
            InputError error = errors.get(0);
            assertEquals(tmp.resolve("drivers.csv").toString(), error.file());
            assertEquals(7, error.line());
            assertEquals("p2", error.column());
            assertTrue(error.message().contains("mode must lie between min and max"), error.message());
            assertTrue(error.toString().startsWith(tmp.resolve("drivers.csv") + ":7: column 'p2': "),
                    error.toString());
        }

        @Test
        void errorsOfEveryFileAreCollectedTogether() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,abc,,,,JPY bn,x")
                    .append(InputReader.EVENTS, "base,fine,cash_shock,2,constant,10,,,,1,2,,x")
                    .replace(InputReader.SCHEDULE, "base,2,", "base,2,Q2,500,fifty,10,5,20,30")
                    .writeTo(tmp);

            List<String> locations = errorsOf(folder).stream()
                    .map(e -> Path.of(e.file()).getFileName() + ":" + e.line() + ":" + e.column()).toList();

            assertEquals(List.of("drivers.csv:2:p1", "schedule.csv:3:fixed_costs", "events.csv:2:probability"),
                    locations);
        }

        @Test
        void aQuotedFieldKeepsItsCommasAndDoubledQuotes() throws InputException {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "base,opening_cash,",
                            "base,opening_cash,constant,1000,,,,JPY bn,\"Annual report, p. 12, \"\"cash\"\"\"")
                    .writeTo(tmp);

            Scenario base = InputReader.read(folder).scenarios().get(0);

            assertEquals("Baseline, the only root", base.description());
            assertEquals("Annual report, p. 12, \"cash\"", base.driverSources().get("opening_cash"));
            assertEquals(Distribution.constant(1000), base.driver("opening_cash"));
        }

        @Test
        void aSpaceBeforeAQuotedFieldIsIgnoredAndTheQuotedCommaKept() throws InputException {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,1000,,,,test, \"a, b\"")
                    .writeTo(tmp);

            Scenario base = InputReader.read(folder).scenarios().get(0);

            assertEquals("a, b", base.driverSources().get("opening_cash"));
        }

        @Test
        void aParentLoopIsReportedByEachScenarioOnItAndNotByAScenarioBelowIt() {
            Path folder = InputFolderFixture.minimal()
                    .append(InputReader.SCENARIOS, "a,b,one", "b,a,two", "c,a,below the loop")
                    .writeTo(tmp);

            List<InputError> errors = errorsOf(folder);

            assertEquals(List.of("3:parent", "4:parent"),
                    errors.stream().map(e -> e.line() + ":" + e.column()).toList(), errors::toString);
            assertTrue(errors.get(0).message().contains("a -> b -> a"), errors.get(0).message());
            assertTrue(errors.get(1).message().contains("b -> a -> b"), errors.get(1).message());
        }

        @Test
        void aScheduleStartingAtQuarterTwoAsksForQuarterOne() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.SCHEDULE, "base,2,", "base,3,Q3,500,50,10,5,20,30")
                    .replace(InputReader.SCHEDULE, "base,1,", "base,2,Q2,500,50,10,5,20,30")
                    .writeTo(tmp);

            List<InputError> errors = errorsOf(folder);

            assertEquals(1, errors.size(), errors::toString);
            InputError error = errors.get(0);
            assertEquals(tmp.resolve("schedule.csv").toString(), error.file());
            assertEquals(2, error.line());
            assertEquals("quarter", error.column());
            assertTrue(error.message().contains("starts at quarter 2"), error.message());
            assertTrue(error.message().contains("add quarter 1"), error.message());
            assertFalse(error.message().contains("quarter 0"), error.message());
        }

        @Test
        void aByteOrderMarkBeforeTheHeaderIsIgnored() throws InputException {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.SCENARIOS, "scenario,", "\uFEFF" + InputFolderFixture.SCENARIOS_HEADER)
                    .writeTo(tmp);

            assertEquals("base", InputReader.read(folder).scenarios().get(0).name());
        }

        @Test
        void aMissingRequiredFileIsReportedByName() {
            Path folder = InputFolderFixture.minimal().without(InputReader.SCHEDULE).writeTo(tmp);

            List<InputError> errors = errorsOf(folder);

            InputError missing = errors.get(0);
            assertEquals(tmp.resolve("schedule.csv").toString(), missing.file(), errors::toString);
            assertEquals(0, missing.line(), "a whole file has no line");
            assertTrue(missing.message().startsWith("missing file; expected a CSV with the columns "
                    + InputFolderFixture.SCHEDULE_HEADER), missing.message());
        }
    }

    /** Every check whose inputs are known runs, whatever else failed, and a mistake is reported once. */
    @Nested
    class ErrorsInOneRound {
        @TempDir
        Path tmp;

        private Set<String> locations(Path folder) {
            return errorsOf(folder).stream().map(e -> Path.of(e.file()).getFileName() + ":" + e.line() + ":" + e.column())
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        @Test
        void rejectedRowsDoNotHideAMissingDriverAGapInTheQuartersOrAnEventPastTheLastQuarter() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,abc,,,,JPY bn,x")
                    .replace(InputReader.DRIVERS, "base,min_liquidity,", "# no min_liquidity")
                    .replace(InputReader.DRIVERS, "base,volume_trend,", "base,volume_trend,normal,0,-1,,,log change,x")
                    .replace(InputReader.SCHEDULE, "base,2,", "base,2,Q2,500,fifty,10,5,20,30")
                    .append(InputReader.SCHEDULE, "base,4,Q4,500,50,10,5,20,30")
                    .append(InputReader.EVENTS, "base,late,cash_shock,,constant,10,,,,1,9,,x",
                            "base,bad,cash_shock,2,constant,10,,,,1,9,,x")
                    .writeTo(tmp);

            assertEquals(new TreeSet<>(List.of("drivers.csv:2:p1", "drivers.csv:4:p2", "schedule.csv:3:fixed_costs",
                    "scenarios.csv:2:scenario", "schedule.csv:4:quarter", "events.csv:2:last_quarter",
                    "events.csv:3:probability", "events.csv:3:last_quarter")), locations(folder));
        }

        @Test
        void anEventPastTheLastQuarterOfAScheduleWithAGapSaysWhereTheScheduleEnds() {
            Path folder = InputFolderFixture.minimal()
                    .append(InputReader.SCHEDULE, "base,4,Q4,500,50,10,5,20,30")
                    .append(InputReader.EVENTS, "base,late,cash_shock,,constant,10,,,,1,5,,x")
                    .writeTo(tmp);

            List<InputError> errors = errorsOf(folder);

            assertEquals(2, errors.size(), errors::toString);
            assertEquals("event late ends in quarter 5, but scenario base's schedule ends at quarter 4",
                    errors.get(1).message());
        }

        @Test
        void aHeaderWithoutAColumnStillHasTheOtherCellsOfItsRowsChecked() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "scenario,", InputFolderFixture.DRIVERS_HEADER.replace(",unit,", ",units,"))
                    .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,abc,,,,JPY bn,x")
                    .writeTo(tmp);

            assertEquals(new TreeSet<>(List.of("drivers.csv:1:unit", "drivers.csv:2:p1")), locations(folder));
        }

        @Test
        void aScheduleHeaderWithoutAnAmountColumnStillHasItsQuartersChecked() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.SCHEDULE, "scenario,", InputFolderFixture.SCHEDULE_HEADER.replace(",capex,", ",capx,"))
                    .append(InputReader.SCHEDULE, "base,4,Q4,500,50,10,5,20,30")
                    .writeTo(tmp);

            assertEquals(new TreeSet<>(List.of("schedule.csv:1:capex", "schedule.csv:4:quarter")), locations(folder));
        }

        @Test
        void aHeaderWithoutTheColumnsThatPlaceARowBlamesNoScenarioForRowsItLacks() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "scenario,", InputFolderFixture.DRIVERS_HEADER.replace("scenario,", "scen,"))
                    .replace(InputReader.SCENARIOS, "scenario,", "scenario,parents,description")
                    .writeTo(tmp);

            assertEquals(new TreeSet<>(List.of("drivers.csv:1:scenario", "scenarios.csv:1:parent")), locations(folder));
        }

        /** An unquoted comma in a source is common; the row's driver still counts, so other gaps still show. */
        @Test
        void aRowWithAStrayCommaStillCountsAsItsDriverAndHidesNoOtherMissingDriver() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,1000,,,,JPY bn,a, b")
                    .replace(InputReader.DRIVERS, "base,min_liquidity,", "# no min_liquidity")
                    .writeTo(tmp);

            assertEquals(new TreeSet<>(List.of("drivers.csv:2:", "scenarios.csv:2:scenario")), locations(folder));
        }

        @Test
        void aRowThatDoesNotParseStillCountsAsItsDriverWhereItsLeadingCellsSaySo() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,1000,,,,JPY bn,\"a")
                    .replace(InputReader.DRIVERS, "base,min_liquidity,", "# no min_liquidity")
                    .writeTo(tmp);

            assertEquals(new TreeSet<>(List.of("drivers.csv:2:", "scenarios.csv:2:scenario")), locations(folder));
        }

        @Test
        void aScheduleRowWithAStrayCommaStillHoldsItsQuarterSoAGapElsewhereShows() {
            Path folder = InputFolderFixture.minimal()
                    .replace(InputReader.SCHEDULE, "base,2,", "base,2,Q2,500,50,10,5,20,30,")
                    .append(InputReader.SCHEDULE, "base,4,Q4,500,50,10,5,20,30")
                    .writeTo(tmp);

            assertEquals(new TreeSet<>(List.of("schedule.csv:3:", "schedule.csv:4:quarter")), locations(folder));
        }

        @Test
        void aRowLostFromScenariosCsvLeavesItsChildrenWithoutAnUnknownParent() {
            Path folder = InputFolderFixture.minimal()
                    .append(InputReader.SCENARIOS, "mid,base", "kid,mid,below the lost row")
                    .writeTo(tmp);

            assertEquals(new TreeSet<>(List.of("scenarios.csv:3:")), locations(folder));
        }
    }
}
