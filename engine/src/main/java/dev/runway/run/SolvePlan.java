package dev.runway.run;

import dev.runway.analysis.InjectionSolver;
import dev.runway.model.CaseInputs;
import dev.runway.model.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a {@code solve} runs on its inputs: the scenario to rescue, checked with everything else
 * that needs the inputs (the sampling method, the cash item, the quarter, the heap its paths take)
 * before any work; then the search itself, on any back end, every amount on the same paths.
 */
public final class SolvePlan {
    private final SolveRequest request;
    private final Scenario scenario;
    private final List<String> problems;

    private SolvePlan(SolveRequest request, CaseInputs inputs) {
        this.request = request;
        List<String> found = new ArrayList<>();
        Optional<Scenario> named = inputs.scenario(request.scenario());
        if (named.isEmpty()) {
            found.add("unknown scenario " + request.scenario() + "; expected one of "
                    + String.join(", ", inputs.scenarios().stream().map(Scenario::name).toList()));
        }
        scenario = named.orElse(null);
        String methodProblem = scenario == null ? null : RunPlan.methodProblem(request.method(), scenario);
        if (methodProblem != null) {
            found.add(methodProblem);
        }
        String cashProblem = RunPlan.cashProblem("solve", inputs);
        if (cashProblem != null) {
            found.add(cashProblem);
        }
        if (scenario != null && (request.quarter() < 1 || request.quarter() > scenario.horizon())) {
            found.add("--quarter must be within 1.." + scenario.horizon() + ", found " + request.quarter());
        }
        if (found.isEmpty()) {
            // The search keeps one buffer of paths and a column of terminal values to sort.
            long need = Machine.times(request.paths(), RunPlan.bytesPerPath(scenario) + 8);
            String heapProblem = Machine.heapProblem(String.format(Locale.ROOT, "the solve's %,d paths of scenario %s",
                    request.paths(), scenario.name()), need);
            if (heapProblem != null) {
                found.add(heapProblem + "; " + Machine.heapAdvice("use fewer --paths", need));
            }
        }
        problems = List.copyOf(found);
    }

    /** The plan of a request (whose own {@link SolveRequest#problems} are none) on its inputs. */
    public static SolvePlan of(SolveRequest request, CaseInputs inputs) {
        if (!request.problems().isEmpty()) {
            throw new IllegalArgumentException("the request has problems: " + request.problems());
        }
        return new SolvePlan(request, inputs);
    }

    /** Every reason the request cannot run on these inputs, one message each; empty if it can. */
    public List<String> problems() {
        return problems;
    }

    public SolveRequest request() {
        return request;
    }

    /** The scenario to rescue; null if the inputs have none of its name. */
    public Scenario scenario() {
        return scenario;
    }

    /** The smallest injection for each of the request's {@link SolveRequest#targets}, in that order. */
    public List<InjectionSolver.Solution> solve(Engine engine) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the plan has problems: " + problems);
        }
        engine.prime(scenario);
        return new InjectionSolver(engine, scenario, request.seed(), request.method(), request.paths(),
                request.quarter()).solve(request.targets());
    }
}
