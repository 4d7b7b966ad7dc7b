package dev.runway.run;

import dev.runway.analysis.Analyses;
import dev.runway.sample.SamplingMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.DoubleStream;

/**
 * Everything a {@code solve} is asked to do, and what is wrong with it: {@link #problems} lists
 * every option out of range, before the inputs are read ({@link SolvePlan} checks the rest
 * against the inputs). The paths and the threads are held to the bounds a run's are.
 *
 * @param scenario    the scenario to rescue
 * @param target      the breach probability to reach (--max-breach-prob)
 * @param typedTarget the target as it was typed, to quote when it is out of range; null to quote the number
 * @param quarter     the quarter the injection arrives in
 * @param paths       the paths of every run of the search
 */
public record SolveRequest(String scenario, double target, String typedTarget, int quarter, int paths, long seed,
        SamplingMethod method, int threads) {
    public SolveRequest {
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(method);
    }

    /** Every option out of range, one message each (without the {@code error: }); empty if none is. */
    public List<String> problems() {
        List<String> found = new ArrayList<>();
        if (!(target > 0 && target < 1)) {
            found.add("--max-breach-prob must be a probability between 0 and 1 (exclusive), such as 0.05 for 5%, found "
                    + (typedTarget == null ? String.valueOf(target) : typedTarget));
        }
        String pathsProblem = RunRequest.pathsProblem(paths);
        if (pathsProblem != null) {
            found.add(pathsProblem);
        }
        String threadsProblem = Machine.threadsProblem(threads);
        if (threadsProblem != null) {
            found.add(threadsProblem);
        }
        return List.copyOf(found);
    }

    /** The target asked for among the standard ones ({@link Analyses#targets}), in increasing order, each once. */
    public double[] targets() {
        return DoubleStream.concat(DoubleStream.of(target), DoubleStream.of(Analyses.targets())).distinct().sorted()
                .toArray();
    }
}
