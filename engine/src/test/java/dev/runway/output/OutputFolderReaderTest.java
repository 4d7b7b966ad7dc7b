package dev.runway.output;

import dev.runway.analysis.Explain;
import dev.runway.analysis.InjectionSolver;
import dev.runway.output.OutputFolderReader.BreachLevel;
import dev.runway.output.OutputFolderReader.MalformedOutputException;
import dev.runway.output.OutputFolderReader.RunResults;
import dev.runway.output.OutputFolderReader.ScenarioResults;
import dev.runway.output.OutputFolderReader.Solve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.runway.output.OutputFolderFixture.ALPHA;
import static dev.runway.output.OutputFolderFixture.ALPHA_DESCRIPTION;
import static dev.runway.output.OutputFolderFixture.BETA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An output folder reads back into the numbers its CSV files hold; optional files are optional. */
class OutputFolderReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheSummaryQuartersHistogramAndManifestOfEveryScenario() throws IOException {
        RunResults results = OutputFolderReader.read(OutputFolderFixture.plain().writeTo(tmp.resolve("out")));

        assertEquals(List.of(ALPHA, BETA), results.scenarios().stream().map(ScenarioResults::name).toList());
        ScenarioResults alpha = results.scenarios().get(0);
        assertEquals(ALPHA_DESCRIPTION, alpha.description());
        assertEquals(0.719360, alpha.summary().breachProb().value());
        assertEquals(0.716567, alpha.summary().breachProb().low());
        assertEquals(0.722136, alpha.summary().breachProb().high());
        assertEquals(3, alpha.summary().firstBreachP50Quarter().getAsInt());
        assertTrue(Double.isNaN(alpha.summary().injectionMean()), "an empty injection_mean reads as NaN");
        assertEquals(403.231, results.scenarios().get(1).summary().injectionMean());
        assertEquals(4, alpha.quarters().size());
        assertEquals("FY2025Q3", alpha.label(3));
        assertEquals(2000 - 350 * 4 - 1.645 * 600, alpha.lastQuarter().percentile(5).value(), 1e-9);
        assertEquals(10, alpha.terminal().size());
        assertEquals(4000, alpha.terminal().stream().mapToLong(OutputFolderReader.Bin::count).sum());
        assertEquals("mc", results.manifestValue("sampling_method"));
    }

    @Test
    void optionalFilesAreReadWhenPresentAndAbsentOtherwise() throws IOException {
        RunResults without = OutputFolderReader.read(OutputFolderFixture.plain().writeTo(tmp.resolve("plain")));
        RunResults with = OutputFolderReader.read(OutputFolderFixture.withOptionalFiles().writeTo(tmp.resolve("full")));

        assertFalse(without.hasSolve());
        assertFalse(without.scenarios().get(0).hasSensitivity());
        assertTrue(without.scenarios().get(0).solve().isEmpty());
        assertTrue(with.hasSolve());
        ScenarioResults alpha = with.scenarios().get(0);
        assertTrue(alpha.hasSensitivity());
        assertFalse(with.scenarios().get(1).hasSensitivity(), "only alpha has a sensitivity.csv");
        assertEquals(5, alpha.sensitivity().size());
        assertTrue(alpha.sensitivity().get(2).isEvent());
        assertTrue(Double.isNaN(alpha.sensitivity().get(2).breachProbAtP10()), "event rows have empty P10/P90 cells");
        assertEquals(3, alpha.solve().size());
        assertEquals(1, with.scenarios().get(1).solve().size());
    }

    @Test
    void solveQuartersGivenAsNumbersReadAsTheirLabels() throws IOException {
        RunResults results = OutputFolderReader.read(OutputFolderFixture.withOptionalFiles().writeTo(tmp.resolve("o")));
        List<Solve> solve = results.scenarios().get(0).solve();

        assertEquals("FY2025Q1", solve.get(1).quarter());
        assertEquals("FY2025Q2", solve.get(2).quarter());
        assertEquals(InjectionSolver.Status.SOLVED, solve.get(1).status());
        assertEquals(1234.5, solve.get(1).injection());
        assertTrue(Double.isNaN(solve.get(0).injection()), "out of reach has no injection");
    }

    @Test
    void breachLevelIsTheConstantOrTheMeanTheRunWroteInTheManifest() throws IOException {
        RunResults results = OutputFolderReader.read(OutputFolderFixture.plain().writeTo(tmp.resolve("out")));

        BreachLevel alpha = results.scenarios().get(0).breachLevel();
        BreachLevel beta = results.scenarios().get(1).breachLevel();
        assertEquals(1000.0, alpha.value());
        assertTrue(alpha.constant());
        assertEquals(900.0, beta.value(), "the mean of normal(900, 50)");
        assertFalse(beta.constant());
        assertEquals("normal(900.0, 50.0)", beta.distribution());
        // The level is what the run wrote, never parsed out of a driver's description.
        Map<String, String> described = Map.of("source:gamma:driver:min_liquidity", "constant(1000.0); About a month");
        assertFalse(OutputFolderReader.breachLevel(described, "gamma").known());
        assertFalse(OutputFolderReader.breachLevel(Map.of("breach_level:gamma", "a level of 1,000"), "gamma").known());
        assertFalse(OutputFolderReader.breachLevel(Map.of("breach_level:gamma", "NaN"), "gamma").known());
    }

    @Test
    void aCellThatIsNotANumberIsReportedWithItsFileLineAndColumn() throws IOException {
        Path out = OutputFolderFixture.plain().writeTo(tmp.resolve("out"));
        Path summary = out.resolve("summary.csv");
        Files.writeString(summary, Files.readString(summary).replace(",0.183930,", ",abc,"));

        MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> OutputFolderReader.read(out));

        assertTrue(e.getMessage().contains("summary.csv:3: column 'breach_prob': expected a number, found 'abc'"),
                e.getMessage());
    }

    /** Every status the solver can reach is written in words the reader reads back as that status. */
    @ParameterizedTest
    @EnumSource(InjectionSolver.Status.class)
    void everySolverStatusReadsBackFromTheWordsWrittenForIt(InjectionSolver.Status status) throws IOException {
        Path out = OutputFolderFixture.withOptionalFiles().writeTo(tmp.resolve(status.name()));
        Path solve = out.resolve("solve.csv");
        Files.writeString(solve, Files.readString(solve).replace(",already met", "," + status.label()));

        assertEquals(status, OutputFolderReader.read(out).scenarios().get(1).solve().get(0).status());
    }

    @Test
    void aSolverStatusInOtherWordsIsReportedWithTheWordsExpected() throws IOException {
        Path out = OutputFolderFixture.withOptionalFiles().writeTo(tmp.resolve("out"));
        Path solve = out.resolve("solve.csv");
        Files.writeString(solve, Files.readString(solve).replace(",already met", ",met"));

        MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> OutputFolderReader.read(out));

        assertTrue(e.getMessage().contains("solve.csv:5: column 'status': expected solved, already met or out of reach, "
                + "found 'met'"), e.getMessage());
    }

    @Test
    void aFolderWithoutAManifestIsNotAnOutputFolder() throws IOException {
        Path out = OutputFolderFixture.plain().writeTo(tmp.resolve("out"));
        Files.delete(out.resolve("manifest.csv"));

        MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> OutputFolderReader.read(out));

        assertTrue(e.getMessage().contains("has no manifest.csv"), e.getMessage());
    }

    @Test
    void aMissingScenarioFileNamesTheFile() throws IOException {
        Path out = OutputFolderFixture.plain().writeTo(tmp.resolve("out"));
        Files.delete(out.resolve(BETA).resolve("terminal.csv"));

        MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> OutputFolderReader.read(out));

        assertTrue(e.getMessage().contains("terminal.csv is missing"), e.getMessage());
    }

    /**
     * The explanation's three files for alpha: a ranked driver (of {@code explainScenario}), a series
     * with its design-point values only, and two quarters.
     */
    private static Path withExplanation(Path out, String explainScenario) throws IOException {
        Files.writeString(out.resolve("explain.csv"), String.join(",", OutputFiles.ExplainCsv.SCHEMA.header()) + "\n"
                + explainScenario + ",margin,driver,share,1,0.400000,-1.000000,0.180000,0.190000,0.200000,0.190000,"
                + "0.200000,0.210000,,,0.050000,0.300000,0.600000,0.200000,0.550000,0.900000,0.190000,0.200000,0.750000\n"
                + "alpha,z,series,sd,,,,,,,,,,,,,,,,,,-0.100000,0.000000,0.250000\n");
        Files.writeString(out.resolve("explain_timing.csv"), String.join(",",
                OutputFiles.ExplainTimingCsv.SCHEMA.header()) + "\nalpha,1,FY2025Q1,3,0.250000,0.250000\n"
                + "alpha,2,FY2025Q2,9,0.750000,1.000000\n");
        Files.writeString(out.resolve("explain_summary.csv"), String.join(",",
                OutputFiles.ExplainSummaryCsv.SCHEMA.header()) + "\nalpha,4000,12,0.393000,1.200000,0.115070,2,"
                + "FY2025Q2,310,\"Most likely breach (1.2 sd ...)\",\n");
        return out;
    }

    @Test
    void theExplanationReadsBackIntoTheRowsItWasWrittenFrom() throws IOException {
        Path out = withExplanation(OutputFolderFixture.plain().writeTo(tmp.resolve("out")), ALPHA);

        RunResults results = OutputFolderReader.read(out);

        assertEquals(List.of(ALPHA), List.copyOf(results.explanations().keySet()), "beta was not explained");
        OutputFolderReader.Explanation alpha = results.explanations().get(ALPHA);
        assertEquals(12, alpha.breachingPaths());
        assertEquals(1.2, alpha.distance());
        assertEquals("Most likely breach (1.2 sd ...)", alpha.sentence());
        assertEquals("", alpha.note());
        assertEquals(List.of("margin"), alpha.compared().stream().map(Explain.Row::input).toList());
        Explain.Row series = alpha.inputs().get(1);
        assertEquals(0, series.rank());
        assertTrue(Double.isNaN(series.separation()) && Double.isNaN(series.breaching().p50()), "not compared");
        assertEquals(-0.1, series.atDesignPoint());
        assertEquals(new Explain.Percentiles(0.05, 0.3, 0.6), alpha.inputs().get(0).breachingPit());
        assertEquals(new Explain.Timing(2, "FY2025Q2", 9, 0.75, 1.0), alpha.timing().get(1));
        assertEquals(results.explanations(), results.inFolder(tmp).explanations(), "a re-homed folder keeps them");
    }

    @Test
    void anExplainedScenarioThatIsNotInTheSummaryIsReportedWithItsLine() throws IOException {
        Path out = withExplanation(OutputFolderFixture.plain().writeTo(tmp.resolve("out")), "gamma");

        MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> OutputFolderReader.read(out));

        assertTrue(e.getMessage().contains("explain.csv:2: column 'scenario': expected a scenario of summary.csv "
                + "(alpha, beta), found 'gamma'"), e.getMessage());
    }

    @Test
    void anExplanationWithoutItsInputsNamesTheMissingFile() throws IOException {
        Path out = withExplanation(OutputFolderFixture.plain().writeTo(tmp.resolve("out")), ALPHA);
        Files.delete(out.resolve("explain.csv"));

        MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> OutputFolderReader.read(out));

        assertTrue(e.getMessage().contains("explain.csv is missing"), e.getMessage());
    }
}
