package dev.runway.sim;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-flight walks every scenario over extreme but legal draws before any work, and reports a
 * value that stops being finite (or grows past what the statistics can sum) at the input cell it
 * traces to, once per cell. It draws from no random stream, so a run after it is the same.
 */
class PreflightTest {
    @TempDir
    Path tmp;

    private CaseInputs read(InputFolderFixture folder) throws InputException {
        return InputReader.read(folder.writeTo(tmp.resolve("inputs")));
    }

    private InputError onlyError(InputFolderFixture folder) throws InputException {
        List<InputError> errors = Preflight.check(read(folder));
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    @Test
    void theShippedCasesPassThePreflight() throws InputException {
        for (String name : List.of("nissan", "startup")) {
            assertEquals(List.of(), Preflight.check(InputReader.read(Path.of("..", "inputs", name))), name);
        }
    }

    @Test
    void fatTailedSurprisesThatNoRunCanBreakPassThePreflight() throws Exception {
        // The start-up's quarterly revenue surprise as a Student's t with 3 degrees of freedom: at the
        // quantile tables' ends (a chance of 6e-16) one quarter's draw is about 3,600 and exp() of it
        // overflows; at the pilot's 7 sd (1.3e-12, rarer than any run of practical size draws) it is not.
        Path inputs = tmp.resolve("fat-tails");
        Files.createDirectories(inputs);
        try (var files = Files.list(Path.of("..", "inputs", "startup"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                Files.copy(file, inputs.resolve(file.getFileName()));
            }
        }
        Path model = inputs.resolve("model.csv");
        String text = Files.readString(model);
        Files.writeString(model, text.replace("\"normal(0, 0.04)\"", "\"student_t(0, 0.03, 3)\""));
        assertTrue(Files.readString(model).contains("student_t(0, 0.03, 3)"));

        assertEquals(List.of(), Preflight.check(InputReader.read(inputs)));
    }

    @Test
    void anOverflowThatOnlyAnExtremeDrawReachesIsFoundAtTheDriversRow() throws InputException {
        // exp(volume) with a trend drawn 7 sd out, 280 per quarter: infinite by the third quarter on that path.
        InputError error = onlyError(InputFolderFixture.minimal()
                .replace(InputReader.DRIVERS, "base,volume_trend,", "base,volume_trend,normal,0,40,,,log change,test")
                .append(InputReader.SCHEDULE, "base,3,Q3,500,50,10,5,20,30"));
        assertEquals(tmp.resolve("inputs").resolve(InputReader.DRIVERS).toString(), error.file());
        assertEquals(4, error.line());
        assertEquals("distribution", error.column());
        assertTrue(error.message().contains("growth is +infinity in quarter 3 (Q3) on a pre-flight path"),
                error::message);
    }

    @Test
    void aReportedItemBeyondWhatTheStatisticsCanSumIsFoundAtTheInputItComesFrom() throws InputException {
        // exp(2 x 7 x 24) = 1e146: finite, but its square summed over many paths is not.
        InputError error = onlyError(InputFolderFixture.minimal()
                .replace(InputReader.DRIVERS, "base,volume_trend,", "base,volume_trend,normal,0,24,,,log change,test"));
        assertEquals(4, error.line());
        assertTrue(error.message().contains("cash reaches "), error::message);
        assertTrue(error.message().contains("Beyond ±1e140, the squares the statistics sum over the paths overflow"),
                error::message);
    }

    @Test
    void aCellThatSeveralScenariosInheritIsReportedOnce() throws InputException {
        InputError error = onlyError(InputFolderFixture.minimal()
                .append(InputReader.SCENARIOS, "kid,base,inherits everything", "grandkid,kid,and again")
                .append(InputReader.EVENTS, "base,boom,volume_shock,1,constant,800,,,,2,2,,src"));
        assertEquals(tmp.resolve("inputs").resolve(InputReader.EVENTS).toString(), error.file());
        assertEquals(2, error.line());
        assertTrue(error.message().startsWith("scenario base: "), error::message);
    }

    @Test
    void aRunAfterThePreflightDrawsExactlyWhatItDrawsWithoutIt() throws InputException {
        CaseInputs nissan = InputReader.read(Path.of("..", "inputs", "nissan"));
        Scenario scenario = nissan.scenario("toyota_backstop").orElseThrow();
        try (Simulation simulation = new Simulation(2)) {
            PathResults before = simulation.run(scenario, 11L, SamplingMethod.SOBOL,
                    PathResults.of(scenario, 2 * Simulation.BLOCK_SIZE), new AtomicLong());
            assertEquals(List.of(), Preflight.check(nissan));
            PathResults after = simulation.run(scenario, 11L, SamplingMethod.SOBOL,
                    PathResults.of(scenario, 2 * Simulation.BLOCK_SIZE), new AtomicLong());
            for (int r = 0; r < before.values.length; r++) {
                for (int q = 0; q < before.values[r].length; q++) {
                    assertArrayEquals(before.values[r][q], after.values[r][q]);
                }
            }
            assertArrayEquals(before.injected, after.injected);
        }
    }

    @Test
    void thePilotPutsEveryInputLowHighAndInTheMiddleAllTogetherAndEachAlone() {
        int dimensions = 5;
        Preflight.PilotInputs pilot = new Preflight.PilotInputs(dimensions, dimensions, 4);
        for (int d = 0; d < dimensions; d++) {
            assertEquals(-1, pilot.level(0, d));
            assertEquals(1, pilot.level(1, d));
            assertEquals(0, pilot.level(2, d));
            for (int other = 0; other < dimensions; other++) {
                assertEquals(other == d ? -1 : 0, pilot.level(3 + 2 * d, other));
                assertEquals(other == d ? 1 : 0, pilot.level(4 + 2 * d, other));
            }
        }
        double[] uniforms = new double[PathKernel.CHUNK];
        pilot.startChunk(0, PathKernel.CHUNK);
        pilot.uniforms(0, uniforms, PathKernel.CHUNK);
        assertTrue(uniforms[0] > 0 && uniforms[0] < 1.3e-12, () -> "low " + uniforms[0]);
        assertTrue(uniforms[1] < 1 && uniforms[1] > 1 - 1.3e-12, () -> "high " + uniforms[1]);
    }

    @Test
    void aSeriesMovesByTheExtremeOfItsSumWhereEveryInputMovesAndByTheFullExtremeAlone() {
        // Two driver dimensions, then one series over 16 quarters.
        Preflight.PilotInputs pilot = new Preflight.PilotInputs(18, 2, 16);
        assertEquals(7.0, pilot.normal(1, 0));
        assertEquals(1.75, pilot.normal(1, 2), "7 / sqrt(16): the sum of 16 quarters 7 sd out");
        assertEquals(-7.0, pilot.normal(3 + 2 * 5, 5), "a quarter of the series alone goes the full way");
    }

    @Test
    void thePilotWalksWholeChunksAndAtMostAMillionPathQuarters() {
        assertEquals(PathKernel.CHUNK, Preflight.paths(10, 12));
        assertEquals(8 * PathKernel.CHUNK, Preflight.paths(1000, 12));
        assertEquals(PathKernel.CHUNK, Preflight.paths(10_000, 10_000));
        int paths = Preflight.paths(1_000_000, 40);
        assertTrue(paths % PathKernel.CHUNK == 0 && (long) paths * 40 <= 1 << 20, () -> paths + " paths");
    }
}
