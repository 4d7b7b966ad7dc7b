package dev.runway.report;

import dev.runway.output.OutputFiles;
import dev.runway.output.OutputFolder;
import dev.runway.output.OutputFolderReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The report of an output folder: reads its CSV files back ({@link OutputFolderReader}), draws
 * the charts into {@code charts/} as PNG and SVG ({@link Charts}), and writes {@code report.html},
 * one self-contained page with the charts inline ({@link ReportPage}). It only reads the CSV
 * files, so it can run long after the simulation, and it includes a scenario's
 * {@code sensitivity.csv} and the folder's {@code solve.csv} when they are there.
 */
public final class Report {
    public static final String PAGE = OutputFiles.REPORT_PAGE;
    public static final String CHARTS = "charts";

    private Report() {
    }

    /**
     * Writes {@code charts/} and {@code report.html} into an output folder, from its own CSV
     * files, replacing the charts and page of an earlier report there. Runway calls it on the
     * temporary folder of a run it is about to publish ({@link OutputFolder}), so the page and
     * charts appear together with the files they describe.
     *
     * @throws OutputFolderReader.MalformedOutputException if the folder is not a complete Runway
     *         output or a file does not parse (the message names the file, line and column)
     */
    public static void write(Path outputFolder) throws IOException {
        write(OutputFolderReader.read(outputFolder), outputFolder);
    }

    /** Writes {@code charts/} and {@code report.html} of {@code results}, read from an output folder, into {@code folder}. */
    public static void write(OutputFolderReader.RunResults results, Path folder) throws IOException {
        Map<String, Charts.RenderedChart> charts = Charts.writeAll(results, folder.resolve(CHARTS));
        String page = ReportPage.render(results, charts);
        Path file = folder.resolve(PAGE);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(page);
        } catch (IOException e) {
            throw OutputFolder.onFile(file, e);
        }
    }

    /** Whether a file of an output folder, by its path relative to the folder, belongs to the report. */
    public static boolean isReportFile(String file) {
        return file.equals(PAGE) || file.startsWith(CHARTS + "/");
    }
}
