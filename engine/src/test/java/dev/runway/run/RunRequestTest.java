package dev.runway.run;

import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request and the plan say every problem at once, so a caller (the Spark job) can print them all. */
class RunRequestTest {
    private static final Path NISSAN = Path.of("../inputs/nissan");

    @Test
    void aRequestListsEveryOptionOutOfRange() {
        RunRequest request = RunRequest.builder().paths(0).bins(0).statistics("fast").threads(0).build();
        List<String> problems = request.problems();
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("--statistics must be auto, exact or streaming, found 'fast'"),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("--paths must be from 1 to " + RunRequest.MAX_PATHS)));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("--threads must be from 1 to ")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("--bins must be from 1 to " + RunRequest.MAX_BINS)));
    }

    @Test
    void theReportImpliesTheAnalysesAndTheDefaultsPass() {
        RunRequest request = RunRequest.builder().report(true).build();
        assertTrue(request.problems().isEmpty(), request.problems()::toString);
        assertTrue(request.sensitivity() && request.solve());
        assertTrue(request.memoryMb() >= 1 && request.memoryMb() <= RunRequest.DEFAULT_MEMORY_MB);
    }

    @Test
    void aPlanListsEveryProblemWithTheInputs() throws InputException {
        CaseInputs inputs = InputReader.read(NISSAN);
        Scenario first = inputs.scenarios().get(0);
        RunRequest request = RunRequest.builder().inputs(NISSAN).scenarios(List.of(first.name(), "no_such_scenario"))
                .solve(true).solveQuarter(first.horizon() + 1).build();
        List<String> problems = RunPlan.of(request, inputs).problems();
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("unknown scenario(s) no_such_scenario in "), problems::toString);
        assertTrue(problems.get(1).startsWith("--solve-quarter must be within 1.." + first.horizon()), problems::toString);
    }

    @Test
    void autoStreamsAScenarioWhosePathsDoNotFitTheMemory() throws InputException {
        CaseInputs inputs = InputReader.read(NISSAN);
        Scenario scenario = inputs.scenarios().get(0);
        long bytes = RunPlan.bytesPerPath(scenario);
        int fits = (int) ((1L << 20) / bytes);
        RunPlan small = RunPlan.of(RunRequest.builder().paths(fits).memoryMb(1L).build(), inputs);
        RunPlan large = RunPlan.of(RunRequest.builder().paths(fits + 1).memoryMb(1L).build(), inputs);
        assertFalse(small.streaming(scenario));
        assertTrue(large.streaming(scenario));
    }
}
