package dev.runway.cli;

import dev.runway.report.OutputFolderReader;
import dev.runway.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code runway report}: draws the charts of an output folder and writes its self-contained
 * HTML page, from the CSV files alone. Register it in {@link RunwayCommand}'s
 * {@code subcommands}; it needs nothing else.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Writes report.html and charts/ (PNG and SVG) into an output folder of '${ROOT-COMMAND-NAME} simulate', from its CSV "
                + "files: the summary table, per scenario the cash fan, the breach curve, the end-cash histogram "
                + "and, when the folder has sensitivity.csv, the tornado, and the scenarios compared. The page is "
                + "one self-contained file that opens from disk without a network.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ${COMMAND-FULL-NAME}",
            "      (the Nissan results in outputs/nissan)",
            "  ${COMMAND-FULL-NAME} --out /tmp/runway-1m"})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs/nissan",
            description = "The output folder of '${ROOT-COMMAND-NAME} simulate' to report on (default: ${DEFAULT-VALUE}); "
                + "report.html and charts/ are written into it.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Report.write(out);
        } catch (OutputFolderReader.MalformedOutputException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        }
        Path page = out.resolve(Report.PAGE);
        stdout.printf("Wrote %s and the charts in %s.%nOpen %s in a browser.%n", page, out.resolve(Report.CHARTS),
                page.toAbsolutePath().normalize().toUri());
        stdout.flush();
        return 0;
    }
}
