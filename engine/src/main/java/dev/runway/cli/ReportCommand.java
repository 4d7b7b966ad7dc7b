package dev.runway.cli;

import dev.runway.output.OutputFolder;
import dev.runway.output.OutputFolderReader;
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
                + "it must hold exactly the files its run wrote (files.csv). The run's files, report.html and "
                + "charts/ are then published together, replacing the folder as a whole.")
    Path out;

    /** Told of each step of publishing; tests use it to publish another run into --out meanwhile. */
    OutputFolder.StepListener listener = OutputFolder.StepListener.NONE;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OutputFolder folder = OutputFolder.of(out, note -> err.println("note: " + note));
        folder.recover();
        String problem = folder.reportProblem();
        if (problem != null) {
            return fail(err, problem);
        }
        try {
            // The run's files, the new report and a new record are published together, as a run is:
            // a failure midway leaves the folder as it was. The report is drawn from the copies, checked
            // against the run's record, and replaces only that run: a run published meanwhile stays.
            folder.update(staging -> {
                String basis = folder.copyRecordedFiles(staging, file -> !Report.isReportFile(file));
                OutputFolderReader.RunResults results;
                try {
                    results = OutputFolderReader.read(staging).inFolder(folder.path());
                } catch (OutputFolderReader.MalformedOutputException e) {
                    // Named as the user knows the files: in --out, not in the temporary copy.
                    throw new OutputFolderReader.MalformedOutputException(
                            e.getMessage().replace(staging.toString(), folder.path().toString()));
                }
                Report.write(results, staging);
                return basis;
            }, listener);
        } catch (OutputFolderReader.MalformedOutputException | OutputFolder.PublishException e) {
            return fail(err, e.getMessage());
        }
        Path page = out.resolve(Report.PAGE);
        stdout.printf("Wrote %s and the charts in %s.%nOpen %s in a browser.%n", page, out.resolve(Report.CHARTS),
                folder.path().resolve(Report.PAGE).toUri());
        stdout.flush();
        return 0;
    }

    private static int fail(PrintWriter err, String problem) {
        err.println("error: " + problem);
        err.flush();
        return RunwayCommand.INPUT_ERROR;
    }
}
