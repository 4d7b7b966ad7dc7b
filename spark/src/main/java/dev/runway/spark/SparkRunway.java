package dev.runway.spark;

import dev.runway.model.CaseInputs;
import dev.runway.model.NonFiniteValueException;
import dev.runway.output.OutputFolder;
import dev.runway.report.Report;
import dev.runway.run.InputOptions;
import dev.runway.run.RunListener;
import dev.runway.run.RunOptions;
import dev.runway.run.RunPlan;
import dev.runway.run.RunRequest;
import dev.runway.run.RunResult;
import dev.runway.run.Runner;
import dev.runway.run.UsageErrors;
import dev.runway.stats.ScenarioStatistics;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code runway-spark}: the {@code simulate} of the engine, with the paths simulated on a Spark
 * cluster. The options, their checks, the plan and the run are the engine's ({@link RunRequest},
 * {@link RunPlan}, {@link Runner}); only the back end differs ({@link SparkSimulation}): inputs are
 * read and checked on the driver, scenarios broadcast, blocks of paths run as tasks, statistics
 * taken and files written on the driver. For the same inputs, seed and paths, the files — with
 * --precision, --sensitivity, --solve and --report too — are byte-identical to a local
 * {@code runway simulate} (the manifest's execution lines aside). With exact statistics the driver
 * holds every path of one scenario at a time; with streaming ones only each task's histograms and
 * sums come back, so a run can have as many paths as the cluster has time for.
 */
@Command(name = "runway-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs 'runway simulate' with the paths simulated on Apache Spark.",
            "Submit it with spark-submit (the master comes from there), or run it here with --master local[*]."})
public final class SparkRunway implements Callable<Integer> {
    @Mixin
    InputOptions inputs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs/nissan-spark",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    RunOptions options;

    @Option(names = "--master", description = "Spark master, e.g. local[*]; by default the one spark-submit gives.")
    String master;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Tasks per run of a scenario (default: 4 per task slot of the cluster).")
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
        RunRequest request = options.request().inputs(inputs.folder()).repairCorrelations(inputs.repairCorrelations())
                .out(out).build();
        if (!request.problems().isEmpty()) {
            return refuse(err, request.problems());
        }
        OutputFolder output = OutputFolder.of(out, note -> err.println("note: " + note));
        output.recover();
        String outProblem = output.replaceProblem();
        if (outProblem != null) {
            return refuse(err, List.of(outProblem));
        }
        // The engine's own command line is not at hand on a cluster, so no validate to paste.
        CaseInputs caseInputs = inputs.read(err, null);
        if (caseInputs == null) {
            return UsageErrors.INPUT_ERROR;
        }
        RunPlan plan = RunPlan.of(request, caseInputs);
        if (!plan.problems().isEmpty()) {
            return refuse(err, plan.problems());
        }
        SparkConf conf = new SparkConf().setAppName("runway");
        if (master != null) {
            conf.setMaster(master);
        }
        RunResult result;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            int tasks = partitions > 0 ? partitions : 4 * spark.defaultParallelism();
            try (SparkSimulation engine = new SparkSimulation(spark, tasks, failBlock)) {
                result = new Runner(plan, engine, notes(err)).run(caseInputs, output, startedAt, started);
            }
        } catch (NonFiniteValueException e) {
            err.println("error: " + e.getMessage() + " Nothing was written.");
            return UsageErrors.INPUT_ERROR;
        } catch (OutputFolder.PublishException e) {
            err.println("error: " + e.getMessage());
            return UsageErrors.INPUT_ERROR;
        }
        if (result.replacedReport()) {
            err.println("note: the report.html and charts in " + out + " described the earlier run and were replaced "
                    + "with it");
        }
        for (ScenarioStatistics s : result.statistics()) {
            System.out.printf(Locale.ROOT, "%-18s breach %.1f%% (95%%: %.1f-%.1f%%), terminal P05 %,.0f, P50 %,.0f, "
                    + "P95 %,.0f%n", s.scenario(), 100 * s.breachProb().value(), 100 * s.breachProb().low(),
                    100 * s.breachProb().high(), s.terminalQuarter().percentile(0.05).value(),
                    s.terminalQuarter().percentile(0.50).value(), s.terminalQuarter().percentile(0.95).value());
        }
        if (request.report()) {
            System.out.printf("The report: %s%n", result.folder().resolve(Report.PAGE).toUri());
        }
        System.out.printf(Locale.ROOT, "Wrote %s (%d scenario(s), %,d paths in all, on Spark, %d task slots, %.1f s).%n",
                out, result.scenarios().size(), result.paths(), result.workers(), result.elapsedMillis() / 1e3);
        return 0;
    }

    /** Says every problem, and that nothing was written. */
    private static int refuse(PrintWriter err, List<String> problems) {
        problems.forEach(problem -> err.println("error: " + problem));
        err.println("Nothing was written.");
        return UsageErrors.INPUT_ERROR;
    }

    /** Tells --precision's notes as they come; the cluster's own UI shows the progress. */
    private static RunListener notes(PrintWriter err) {
        return new RunListener() {
            @Override
            public void note(String line) {
                err.println(line);
            }
        };
    }
}
