package dev.runway.cli;

import dev.runway.output.ResultWriter;
import dev.runway.run.UsageErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code runway} command line: {@code simulate} runs the Monte Carlo and writes the
 * results, {@code validate} checks an input folder, {@code sensitivity} adds what drives each
 * scenario, {@code explain} what its breaches look like, {@code solve} finds the injection a
 * rescue needs, {@code report} draws the charts and the HTML page of an output folder, {@code fit}
 * fits distributions to a company's history. Exit codes: 0 success, 2 bad input or usage (nothing
 * written), 1 an unexpected failure.
 */
@Command(name = "runway", mixinStandardHelpOptions = true, versionProvider = RunwayCommand.Version.class,
        subcommands = {SimulateCommand.class, BacktestCommand.class, ValidateCommand.class, SensitivityCommand.class,
            ExplainCommand.class, SolveCommand.class, ReportCommand.class, FitCommand.class,
            CommandLine.HelpCommand.class},
        description = {
            "How likely is a company's cash to run out, when, and what would prevent it?",
            "Runway simulates the cash position quarter by quarter over many random paths of sales volume, "
                + "margins, savings, restructuring costs, refinancing and events (shocks, capital injections), "
                + "and reports the distribution of cash and the probability and timing of a liquidity breach.",
            "",
            "Start with:",
            "  ${ROOT-COMMAND-NAME} simulate --report",
            "      (the shipped Nissan case: CSVs, charts and report.html in outputs/nissan)",
            "  ${ROOT-COMMAND-NAME} validate --inputs DIR",
            "  ${ROOT-COMMAND-NAME} explain --scenario status_quo",
            "      (what sets breaching paths apart, and the most likely breach)",
            "  ${ROOT-COMMAND-NAME} solve --scenario toyota_backstop \\",
            "      --max-breach-prob 0.05",
            "  ${ROOT-COMMAND-NAME} fit --history history.csv --series revenue",
            "      (distributions fitted to a quarterly history, as drivers.csv rows)",
            "  ${ROOT-COMMAND-NAME} help simulate"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected failure (a bug or an I/O problem)",
            "2:bad input or usage; nothing was written"})
public final class RunwayCommand {

    /** The process exit code for bad inputs and usage errors. */
    public static final int INPUT_ERROR = 2;

    public static void main(String[] args) {
        // Recorded for the hints printed outside this package (the report's), which cannot ask Launcher.
        System.setProperty(Launcher.PROPERTY, Launcher.prefix());
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, also used by tests and benchmarks to run in-process. Its name
     * is what the user typed to start Runway ({@link Launcher#prefix}), so the usage lines, the
     * examples of every help ({@code ${ROOT-COMMAND-NAME}}) and the usage errors print commands
     * that work when pasted.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new RunwayCommand()).setCommandName(Launcher.prefix())
                .setCaseInsensitiveEnumValuesAllowed(true).setParameterExceptionHandler(new UsageErrors());
    }

    /** Reads the version the jar was built with. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"runway " + ResultWriter.engineVersion()};
        }
    }
}
