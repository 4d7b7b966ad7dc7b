package dev.runway.run;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputException;
import dev.runway.sample.SamplingMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A solve is checked by the run layer as a simulation is: its request says every option out of
 * range, its plan every problem with the inputs, all at once, before any work.
 */
class SolveRequestTest {
    private static final Path NISSAN = Path.of("../inputs/nissan");

    @TempDir
    Path tmp;

    private static SolveRequest request(String scenario, double target, int quarter, int paths, int threads) {
        return new SolveRequest(scenario, target, null, quarter, paths, RunRequest.DEFAULT_SEED, SamplingMethod.MC,
                threads);
    }

    @Test
    void aSolveRequestListsEveryOptionOutOfRangeInTheOrderTheCommandLineSaysThem() {
        SolveRequest request = new SolveRequest("base", 5, "5", 1, 0, 1, SamplingMethod.MC, 0);
        List<String> problems = request.problems();
        assertEquals(3, problems.size(), problems::toString);
        assertEquals("--max-breach-prob must be a probability between 0 and 1 (exclusive), such as 0.05 for 5%, "
                + "found 5", problems.get(0));
        // The bounds of a simulation's --paths and --threads, not a copy of them.
        assertEquals(RunRequest.builder().paths(0).build().problems().get(0), problems.get(1));
        assertEquals(Machine.threadsProblem(0), problems.get(2));
    }

    @Test
    void theTargetAskedForJoinsTheStandardOnesOnceInIncreasingOrder() {
        assertArrayEquals(new double[] {0.01, 0.05, 0.10}, request("base", 0.05, 1, 100, 1).targets());
        assertArrayEquals(new double[] {0.01, 0.05, 0.07, 0.10}, request("base", 0.07, 1, 100, 1).targets());
    }

    @Test
    void aPlanNamesAnUnknownScenarioWithTheOnesThereAre() throws InputException {
        CaseInputs inputs = InputReader.read(NISSAN);
        List<String> problems = SolvePlan.of(request("nosuch", 0.05, 1, 100, 1), inputs).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("unknown scenario nosuch; expected one of status_quo, "), problems::toString);
    }

    @Test
    void aPlanListsEveryProblemWithTheInputsAtOnce() throws InputException {
        // A model whose money is not named cash, so there is no item to inject into; and a quarter past the horizon.
        Path folder = InputFolderFixture.withoutCash().writeTo(tmp);
        CaseInputs inputs = InputReader.read(folder);
        int horizon = inputs.scenarios().get(0).horizon();
        SolvePlan plan = SolvePlan.of(request("base", 0.05, horizon + 1, 100, 1), inputs);
        assertEquals(List.of("solve looks for an injection into the item named cash, and " + inputs.model().file()
                + " has none; name the item that holds the company's cash 'cash'",
                "--quarter must be within 1.." + horizon + ", found " + (horizon + 1)), plan.problems());
        assertThrows(IllegalStateException.class, () -> plan.solve(null), "a plan with problems never runs");
    }

    @Test
    void aRequestWithProblemsHasNoPlan() throws InputException {
        CaseInputs inputs = InputReader.read(NISSAN);
        assertThrows(IllegalArgumentException.class, () -> SolvePlan.of(request("status_quo", 0, 1, 100, 1), inputs));
    }
}
