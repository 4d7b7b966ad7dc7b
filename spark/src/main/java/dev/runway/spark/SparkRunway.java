package dev.runway.spark;

import dev.runway.analysis.Analyses;
import dev.runway.cli.SimulateCommand;
import dev.runway.cli.UsageErrors;
import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import dev.runway.report.OutputFolder;
import dev.runway.report.ResultWriter;
import dev.runway.report.RunInfo;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathResults;
import dev.runway.sim.Preflight;
import dev.runway.stats.ScenarioStatistics;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

/**
 * {@code runway-spark}: the {@code simulate} of the engine, with the paths simulated on a Spark
 * cluster. Inputs are read and checked on the driver, scenarios broadcast, blocks of paths run as
 * tasks, statistics taken and files written on the driver in the engine's formats: for the same
 * inputs, seed and paths, the files are byte-identical to a local {@code runway simulate} (the
 * manifest's execution lines aside). With exact statistics the driver holds every path of one
 * scenario at a time (about 117 bytes a path); with streaming ones only each task's histograms and
 * sums come back, so a run can have as many paths as the cluster has time for.
 */
@Command(name = "runway-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs 'runway simulate' with the paths simulated on Apache Spark.",
            "Submit it with spark-submit (the master comes from there), or run it here with --master local[*]."})
public final class SparkRunway implements Callable<Integer> {
    @Option(names = "--inputs", defaultValue = "inputs/nissan", description = "Input folder (default: ${DEFAULT-VALUE}).")
    Path inputs;

    @Option(names = "--out", defaultValue = "outputs/nissan-spark", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--paths", defaultValue = "100000", description = "Paths per scenario (default: ${DEFAULT-VALUE}).")
    int paths;

    @Option(names = "--seed", defaultValue = "20250513", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--method", defaultValue = "mc", description = "mc, antithetic, lhs or sobol (default: ${DEFAULT-VALUE}).")
    SamplingMethod method;

    @Option(names = "--scenario", description = "Run only this scenario; repeat for several (default: all).")
    List<String> scenarioNames = new ArrayList<>();

    @Option(names = "--bins", defaultValue = "50", description = "Bins of the terminal histogram (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--statistics", defaultValue = "auto",
            description = "exact (the driver gathers every path of a scenario), streaming (tasks send histograms and "
                + "sums; memory independent of --paths; percentiles within 0.049%%), or auto (default): exact unless "
                + "the paths would need more than --memory — as for 'runway simulate', with the same results.")
    String statisticsMode;

    @Option(names = "--memory", defaultValue = "2048",
            description = "Driver memory (MB) exact statistics may use before auto streams (default: ${DEFAULT-VALUE}).")
    long memoryMb;

    @Option(names = "--master", description = "Spark master, e.g. local[*]; by default the one spark-submit gives.")
    String master;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Tasks per scenario (default: 4 per core of the cluster).")
    int partitions;

    @Option(names = "--inject-failure-in-block", defaultValue = "-1", hidden = true,
            description = "Fault injection for tests: the first attempt of the task holding this block fails.")
    int failBlock;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new SparkRunway()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrors());
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = new PrintWriter(System.err, true);
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        CaseInputs caseInputs;
        try {
            caseInputs = InputReader.read(inputs);
            // The same checks as the command line's before its first draw, so a doomed job fails on the driver.
            List<InputError> preflight = Preflight.check(caseInputs);
            if (!preflight.isEmpty()) {
                throw new InputException(preflight);
            }
        } catch (InputException e) {
            err.println("error: the inputs in " + inputs + " have " + e.errors().size() + " problem(s):");
            e.lines().forEach(err::println);
            return 2;
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario scenario : caseInputs.scenarios()) {
            if (scenarioNames.isEmpty() || scenarioNames.contains(scenario.name())) {
                scenarios.add(scenario);
            }
        }
        List<String> problems = new ArrayList<>();
        for (String name : scenarioNames) {
            if (caseInputs.scenario(name).isEmpty()) {
                problems.add("unknown scenario " + name);
            }
        }
        for (Scenario scenario : scenarios) {
            String methodProblem = SimulateCommand.methodProblem(method, scenario);
            if (methodProblem != null) {
                problems.add(methodProblem);
            }
        }
        OutputFolder output = OutputFolder.of(out, note -> err.println("note: " + note));
        output.recover();
        String outProblem = output.replaceProblem();
        if (outProblem != null) {
            problems.add(outProblem);
        }
        if (paths < 1 || paths > SimulateCommand.MAX_PATHS || bins < 1 || memoryMb < 1
                || !List.of("auto", "exact", "streaming").contains(statisticsMode)) {
            problems.add("--paths must be from 1 to " + SimulateCommand.MAX_PATHS + ", --bins and --memory at least 1, "
                    + "--statistics auto, exact or streaming");
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("error: " + problem));
            err.println("Nothing was written.");
            return 2;
        }
        SparkConf conf = new SparkConf().setAppName("runway");
        if (master != null) {
            conf.setMaster(master);
        }
        List<ScenarioStatistics> statistics = new ArrayList<>();
        boolean streamed = false;
        int parallelism;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            parallelism = spark.defaultParallelism();
            int tasks = partitions > 0 ? partitions : 4 * parallelism;
            for (Scenario scenario : scenarios) {
                boolean streaming = "streaming".equals(statisticsMode) || ("auto".equals(statisticsMode)
                        && (long) paths * SimulateCommand.bytesPerPath(scenario) > memoryMb * 1024 * 1024);
                if (streaming) {
                    statistics.add(SparkSimulation.stream(spark, scenario, seed, method, paths, tasks, failBlock, bins));
                    streamed = true;
                    continue;
                }
                PathResults results = SparkSimulation.run(spark, scenario, seed, method, paths, tasks, failBlock);
                statistics.add(ScenarioStatistics.of(scenario.name(), seed, results, scenario.schedule().labels(),
                        scenario.model().reported(), bins, ForkJoinPool.commonPool()));
            }
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        RunInfo run = new RunInfo(inputs.toString(), seed, paths, method, parallelism, bins, startedAt, elapsedMillis,
                "", Map.of(), streamed);
        try {
            output.publish(folder -> ResultWriter.write(folder, caseInputs, scenarios, statistics, run, Analyses.NONE));
        } catch (OutputFolder.PublishException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        for (ScenarioStatistics s : statistics) {
            System.out.printf(Locale.ROOT, "%-18s breach %.1f%% (95%%: %.1f-%.1f%%), terminal P05 %,.0f, P50 %,.0f, "
                    + "P95 %,.0f%n", s.scenario(), 100 * s.breachProb().value(), 100 * s.breachProb().low(),
                    100 * s.breachProb().high(), s.terminalQuarter().percentile(0.05).value(),
                    s.terminalQuarter().percentile(0.50).value(), s.terminalQuarter().percentile(0.95).value());
        }
        System.out.printf(Locale.ROOT, "Wrote %s (%d scenario(s) x %,d paths on Spark, %d task slots, %.1f s).%n", out,
                scenarios.size(), paths, parallelism, elapsedMillis / 1e3);
        return 0;
    }
}
