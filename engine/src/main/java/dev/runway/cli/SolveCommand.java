package dev.runway.cli;

import dev.runway.analysis.InjectionSolver;
import dev.runway.model.CaseInputs;
import dev.runway.output.Numbers;
import dev.runway.run.Engine;
import dev.runway.run.InputOptions;
import dev.runway.run.LocalEngine;
import dev.runway.run.RunRequest;
import dev.runway.run.SolvePlan;
import dev.runway.run.SolveRequest;
import dev.runway.sample.SamplingMethod;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code runway solve}: the capital a rescue needs to bring a scenario's breach probability under a target. Parses
 * the options into a {@link SolveRequest}, runs its {@link SolvePlan} on this machine's threads, and prints the table.
 */
@Command(name = "solve", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Finds the smallest up-front injection (in the unit of the model's cash, in --quarter) that brings a scenario's horizon breach "
                + "probability to or under --max-breach-prob, and the same for 1%%, 5%% and 10%% in one table.",
            "",
            "Every amount tried runs on the same paths (common random numbers), so the breach probability falls as the "
                + "amount grows and the search converges (to 0.5 bn). The interval is the range of amounts the 95%% "
                + "interval of the breach probability allows: how far another set of paths could move the answer.",
            ""},
        footerHeading = "%nExample:%n",
        footer = {"  ${COMMAND-FULL-NAME} --scenario toyota_backstop \\",
            "      --max-breach-prob 0.05 --quarter 2"})
public final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Option(names = "--scenario", paramLabel = "NAME", required = true, description = "The scenario to rescue.")
    String scenarioName;

    @Option(names = "--max-breach-prob", paramLabel = "P", defaultValue = "0.05",
            description = "The breach probability to reach (default: ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--quarter", paramLabel = "Q", defaultValue = "1",
            description = "The quarter the injection arrives in (default: ${DEFAULT-VALUE}).")
    int quarter;

    @Option(names = "--paths", paramLabel = "N", defaultValue = "100000",
            description = "Paths of every run of the search (default: ${DEFAULT-VALUE}).")
    int paths;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + RunRequest.DEFAULT_SEED,
            description = "Seed of the random streams (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--method", paramLabel = "M", defaultValue = "mc",
            description = "Sampling method, as for simulate (default: ${DEFAULT-VALUE}).")
    SamplingMethod method;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores; at most 4 per "
            + "core).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String typedTarget = spec.findOption("--max-breach-prob").originalStringValues().stream()
                .reduce((first, last) -> last).orElse(null);
        SolveRequest request = new SolveRequest(scenarioName, target, typedTarget, quarter, paths, seed, method, threads);
        if (!request.problems().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), request.problems().get(0));
        }
        CaseInputs caseInputs = inputs.read(err, Launcher.prefix());
        if (caseInputs == null) {
            return RunwayCommand.INPUT_ERROR;
        }
        SolvePlan plan = SolvePlan.of(request, caseInputs);
        if (!plan.problems().isEmpty()) {
            plan.problems().forEach(problem -> err.println("error: " + problem));
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        List<InjectionSolver.Solution> solutions;
        try (Engine engine = new LocalEngine(threads)) {
            solutions = plan.solve(engine);
        }
        out.printf(Locale.ROOT, "%s: up-front injection in quarter %d (%s), %,d paths, seed %d; amounts in %s%n%n",
                scenarioName, quarter, plan.scenario().schedule().labels().get(quarter - 1), paths, seed,
                caseInputs.model().unit("cash"));
        out.printf(Locale.ROOT, "%-16s %-14s %-22s %s%n", "breach prob <=", "injection", "95% interval", "breach with it");
        for (InjectionSolver.Solution solution : solutions) {
            out.printf(Locale.ROOT, "%-16s %-14s %-22s %s%s%n", percent(solution.target()), amount(solution),
                    interval(solution), percent(solution.breachAtInjection()),
                    solution.target() == target ? "   <- asked" : "");
        }
        out.flush();
        return 0;
    }

    private static String amount(InjectionSolver.Solution solution) {
        return switch (solution.status()) {
            case ALREADY_MET -> "none needed";
            case OUT_OF_REACH -> "out of reach";
            case SOLVED -> String.format(Locale.ROOT, "%,.6g", solution.injection());
        };
    }

    private static String interval(InjectionSolver.Solution solution) {
        return switch (solution.status()) {
            case OUT_OF_REACH -> "-";
            case SOLVED, ALREADY_MET -> String.format(Locale.ROOT, "%,.6g - %,.6g", solution.low(), solution.high());
        };
    }

    private static String percent(double share) {
        return Numbers.percent(share, 2);
    }
}
