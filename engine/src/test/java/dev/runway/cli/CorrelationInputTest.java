package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.Correlation;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** correlations.csv: inheritance by pair, the repair of a matrix that cannot hold together, and its report. */
class CorrelationInputTest {
    private static final String DRIVERS = "drivers.csv";
    private static final String CORRELATIONS = "correlations.csv";
    private static final String SCENARIOS = "scenarios.csv";

    @TempDir
    Path tmp;

    private static InputFolderFixture threeRandomDrivers() {
        return InputFolderFixture.minimal()
                .replace(DRIVERS, "base,volume_trend,", "base,volume_trend,normal,0,0.01,,,log change,test")
                .replace(DRIVERS, "base,contribution_margin,", "base,contribution_margin,uniform,0.1,0.3,,,share,test")
                .replace(DRIVERS, "base,savings_realization,", "base,savings_realization,pert,0.3,0.5,0.9,,share,test");
    }

    private static InputFolderFixture notPositiveDefinite() {
        return threeRandomDrivers()
                .append(CORRELATIONS, "base,volume_trend,contribution_margin,0.9")
                .append(CORRELATIONS, "base,volume_trend,savings_realization,0.9")
                .append(CORRELATIONS, "base,contribution_margin,savings_realization,-0.9");
    }

    @Test
    void aChildInheritsItsParentsPairsAndOverridesOneNamedInEitherOrder() throws IOException, InputException {
        Path inputs = threeRandomDrivers()
                .append(SCENARIOS, "kid,base,a child")
                .append(CORRELATIONS, "base,volume_trend,contribution_margin,0.5")
                .append(CORRELATIONS, "base,volume_trend,savings_realization,0.3")
                .append(CORRELATIONS, "kid,contribution_margin,volume_trend,-0.2")
                .writeTo(tmp.resolve("inputs"));
        CaseInputs read = InputReader.read(inputs);
        Scenario kid = read.scenario("kid").orElseThrow();
        assertEquals(2, kid.correlations().size(), kid.correlations().toString());
        for (Correlation c : kid.correlations()) {
            boolean trendMargin = "contribution_margin".equals(c.a()) || "contribution_margin".equals(c.b());
            assertEquals(trendMargin ? -0.2 : 0.3, c.rho(), 0.0, c.toString());
        }
        assertEquals(3, kid.copula().drivers().size());
        assertEquals(0.5, read.scenario("base").orElseThrow().correlations().get(0).rho(), 0.0);
    }

    @Test
    void aMatrixThatCannotHoldTogetherIsRepairedOnlyWhenAsked() throws IOException, InputException {
        Path inputs = notPositiveDefinite().writeTo(tmp.resolve("inputs"));
        assertThrows(InputException.class, () -> InputReader.read(inputs));
        Scenario repaired = InputReader.read(inputs, true).scenario("base").orElseThrow();
        var repair = repaired.copula().repair().orElseThrow();
        assertTrue(repair.frobeniusDistance() > 0.1, "a large inconsistency moves the matrix: " + repair);
        assertTrue(repaired.copula().normals().smallestEigenvalue() >= 1e-6 * (1 - 1e-9));
    }

    @Test
    void simulateWithRepairSaysHowFarTheMatrixMovedAndRecordsIt() throws IOException {
        Path inputs = notPositiveDefinite().writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("out");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString(), "--paths",
                "500", "--repair-correlations");
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.err().contains("note: the correlations of scenario base were not positive definite"),
                run::printed);
        String manifest = Files.readString(out.resolve("manifest.csv"));
        assertTrue(manifest.contains("correlation_repair:base,"), manifest);
        assertTrue(manifest.contains("correlation:base:volume_trend~contribution_margin,0.9"), manifest);
    }
}
