package dev.runway.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The report of an output folder: reads its CSV files back ({@link OutputFolderReader}), draws
 * the charts into {@code charts/} as PNG and SVG ({@link Charts}), and writes {@code report.html},
 * one self-contained page with the charts inline ({@link ReportPage}). It only reads the CSV
 * files, so it can run long after the simulation, and it includes a scenario's
 * {@code sensitivity.csv} and the folder's {@code solve.csv} when they are there.
 */
public final class Report {
    public static final String PAGE = "report.html";
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

    /**
     * How the charts and the page write numbers, so that a title and a table cell show the same
     * text for the same value: locale-free, money with thousands separators (whole units from 10 up,
     * three significant digits below, so small units such as USD bn keep their detail),
     * probabilities as percentages to one decimal, never "-0".
     */
    static final class Numbers {
        private Numbers() {
        }

        /** Money to the unit from 10 up, {@code 1,821}, {@code -567}; {@code 0.312} below; "-" when unknown. */
        static String money(double value) {
            if (Double.isNaN(value)) {
                return "-";
            }
            double magnitude = Math.abs(value);
            int decimals = magnitude >= 10 || magnitude == 0 || Double.isInfinite(magnitude) ? 0
                    : (int) Math.min(12, 2 - Math.floor(Math.log10(magnitude)));
            return noNegativeZero(String.format(Locale.ROOT, "%,." + decimals + "f", value));
        }

        /** A share as a percentage to one decimal: {@code 71.9%}; "-" when unknown. */
        static String percent(double share) {
            return Double.isNaN(share) ? "-" : percentNumber(share) + "%";
        }

        /** A 95% interval of a share: {@code 71.7–72.1%}. */
        static String percentRange(double low, double high) {
            return Double.isNaN(low) || Double.isNaN(high) ? "-" : percentNumber(low) + "–" + percent(high);
        }

        /** A 95% interval of money: {@code -575 to -559}. */
        static String moneyRange(double low, double high) {
            return Double.isNaN(low) || Double.isNaN(high) ? "-" : money(low) + " to " + money(high);
        }

        /** A target share without trailing zeros: 0.05 as {@code 5%}, 0.005 as {@code 0.5%}. */
        static String target(double share) {
            return new BigDecimal(Double.toString(share)).movePointRight(2).stripTrailingZeros()
                    .toPlainString() + "%";
        }

        /** A plain number to three significant digits, for correlations and driver values. */
        static String decimal(double value) {
            if (Double.isNaN(value)) {
                return "-";
            }
            double magnitude = Math.abs(value);
            String text = magnitude != 0 && (magnitude >= 1e5 || magnitude < 1e-3)
                    ? String.format(Locale.ROOT, "%.3g", value)
                    : new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros()
                            .toPlainString();
            return noNegativeZero(text);
        }

        private static String percentNumber(double share) {
            return noNegativeZero(String.format(Locale.ROOT, "%.1f", 100 * share));
        }

        private static String noNegativeZero(String text) {
            return text.startsWith("-") && text.replaceAll("[-0.,%]", "").isEmpty() ? text.substring(1) : text;
        }
    }
}
