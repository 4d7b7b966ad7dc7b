package dev.runway.output;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small synthetic output folder in the formats of docs/model.md §12, with two scenarios over
 * four quarters: {@code alpha} (breach level constant 1,000) and {@code beta} (breach level
 * {@code normal(900, 50)}, an injection event). Optionally {@code alpha/sensitivity.csv} and
 * {@code solve.csv}. The numbers that tests look for are constants here.
 */
public final class OutputFolderFixture {
    public static final String ALPHA = "alpha";
    public static final String BETA = "beta";
    public static final String[] SCENARIOS = {ALPHA, BETA};
    public static final String[] LABELS = {"FY2025Q1", "FY2025Q2", "FY2025Q3", "FY2025Q4"};

    public static final String DRIVERS_SHA256 = "ab220dae682470173904d9d064dba8fff4e1ff8187387819879e5b4e0ed1bade";

    /** A description with every character that must be escaped in XML. */
    public static final String ALPHA_DESCRIPTION = "Sales <fall> & \"margins\" thin; 'no' rescue";

    public static final String SUMMARY_HEADER = "scenario,paths,seed,terminal_mean,terminal_p05,terminal_p50,terminal_p95,"
            + "breach_prob,first_breach_p50_quarter,injection_prob,injection_mean,terminal_mean_lo,terminal_mean_hi,"
            + "terminal_p05_lo,terminal_p05_hi,terminal_p50_lo,terminal_p50_hi,terminal_p95_lo,terminal_p95_hi,"
            + "breach_prob_lo,breach_prob_hi,injection_prob_lo,injection_prob_hi";
    public static final String ALPHA_SUMMARY = "alpha,4000,20250513,604.967,-566.987,589.218,1820.755,0.719360,3,0.000000,,"
            + "600.474,609.461,-575.462,-559.131,584.128,594.919,1811.262,1830.507,0.716567,0.722136,0.000000,0.000038";
    public static final String BETA_SUMMARY = "beta,4000,20250513,1550.689,495.338,1520.106,2642.583,0.183930,4,0.183600,"
            + "403.231,1546.724,1554.653,487.499,504.161,1515.758,1524.450,2634.035,2651.540,0.181541,0.186343,"
            + "0.181213,0.186012";

    public static final String SENSITIVITY = String.join("\n",
            "driver,spearman,variance_share,breach_prob_at_p10,breach_prob_at_p90,value_at_p10,value_at_p90,"
                + "terminal_mean_at_p10,terminal_mean_at_p90",
            "volume_trend,0.501,0.243,0.874,0.552,-0.0121,-0.0019,255.1,960.2",
            "contribution_margin,0.480,0.371,0.912,0.483,0.1887,0.2113,102.5,1110.3",
            "event:tariff_bill,-0.210,0.040,,,,,,",
            "restructuring_overrun,-0.151,0.022,0.690,0.761,0.835,1.503,680.4,520.7",
            "opening_cash,0,0,0.719360,0.719360,2200,2200,604.967,604.967",
            "");

    public static final String SOLVE = String.join("\n",
            "scenario,quarter,max_breach_prob,injection,injection_lo,injection_hi,breach_prob_at_injection,status",
            "alpha,1,0.01,,,,,out of reach",
            "alpha,1,0.05,1234.5,1210.0,1260.2,0.0498,solved",
            "alpha,2,0.10,980.0,960.1,1001.7,0.0995,solved",
            "beta,1,0.20,0,0,0,0.183930,already met",
            "");

    private final boolean sensitivity;
    private final boolean solve;

    private OutputFolderFixture(boolean sensitivity, boolean solve) {
        this.sensitivity = sensitivity;
        this.solve = solve;
    }

    /** The CSV files of a run, without the optional files. */
    public static OutputFolderFixture plain() {
        return new OutputFolderFixture(false, false);
    }

    /** With {@code alpha/sensitivity.csv} and {@code solve.csv}. */
    public static OutputFolderFixture withOptionalFiles() {
        return new OutputFolderFixture(true, true);
    }

    public Path writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("summary.csv"), String.join("\n", SUMMARY_HEADER, ALPHA_SUMMARY,
                    BETA_SUMMARY, ""), StandardCharsets.UTF_8);
            writeManifest(folder.resolve("manifest.csv"));
            for (int s = 0; s < SCENARIOS.length; s++) {
                Path dir = Files.createDirectories(folder.resolve(SCENARIOS[s]));
                Files.writeString(dir.resolve("quarterly.csv"), quarterly(s), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("terminal.csv"), terminal(s), StandardCharsets.UTF_8);
            }
            if (sensitivity) {
                Files.writeString(folder.resolve(ALPHA).resolve("sensitivity.csv"), SENSITIVITY,
                        StandardCharsets.UTF_8);
            }
            if (solve) {
                Files.writeString(folder.resolve("solve.csv"), SOLVE, StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeManifest(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"key", "value"});
        rows.add(new String[] {"engine", "runway 0.1.0"});
        rows.add(new String[] {"seed", "20250513"});
        rows.add(new String[] {"paths", "4000"});
        rows.add(new String[] {"sampling_method", "mc"});
        rows.add(new String[] {"inputs", "inputs/synthetic"});
        rows.add(new String[] {"sha256:drivers.csv", DRIVERS_SHA256});
        rows.add(new String[] {"scenario:alpha", ALPHA_DESCRIPTION});
        rows.add(new String[] {"source:alpha:driver:opening_cash", "constant(2200.0); Automotive cash, 31 Mar 2025"});
        rows.add(new String[] {"source:alpha:driver:min_liquidity", "constant(1000.0); About one month of revenue"});
        rows.add(new String[] {"breach_level:alpha", "1000.0"});
        rows.add(new String[] {"source:alpha:driver:contribution_margin", "pert(0.18, 0.2, 0.22); Calibrated to FCF"});
        rows.add(new String[] {"source:alpha:event:tariff_bill", "Up to 450 bn before mitigation"});
        rows.add(new String[] {"correlation:alpha:volume_trend~contribution_margin",
            "0.5; Falling volume thins margins"});
        rows.add(new String[] {"scenario:beta", "A rescue that may come"});
        rows.add(new String[] {"source:beta:driver:opening_cash", "constant(2200.0); Automotive cash, 31 Mar 2025"});
        rows.add(new String[] {"source:beta:driver:min_liquidity", "normal(900.0, 50.0); A level that varies"});
        rows.add(new String[] {"breach_level:beta", "900.0"});
        rows.add(new String[] {"breach_level_distribution:beta", "normal(900.0, 50.0)"});
        rows.add(new String[] {"source:beta:event:partner_injection", "A partner's capital, probability 0.5"});
        rows.add(new String[] {"threads", "2"});
        rows.add(new String[] {"started_at", "2025-06-01T00:00:00Z"});
        rows.add(new String[] {"elapsed_ms", "12"});
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build()) {
            for (String[] row : rows) {
                csv.writeNext(row, false);
            }
        }
    }

    /** Four quarters of cash falling from 2,000 and spreading out; beta falls more slowly. */
    private static String quarterly(int scenario) {
        String[] percentiles = {"p01", "p05", "p10", "p25", "p50", "p75", "p90", "p95", "p99"};
        double[] z = {-2.326, -1.645, -1.282, -0.674, 0, 0.674, 1.282, 1.645, 2.326};
        StringBuilder text = new StringBuilder("quarter,label,mean,sd");
        for (String p : percentiles) {
            text.append(',').append(p);
        }
        text.append(",breach_prob,cum_breach_prob,cvar05,mean_lo,mean_hi");
        for (String p : percentiles) {
            text.append(',').append(p).append("_lo,").append(p).append("_hi");
        }
        text.append(",breach_prob_lo,breach_prob_hi,cum_breach_prob_lo,cum_breach_prob_hi\n");
        double finalBreach = scenario == 0 ? 0.719360 : 0.183930;
        for (int q = 1; q <= LABELS.length; q++) {
            double mean = 2000 - (scenario == 0 ? 350 : 110) * q;
            double sd = 150 * q;
            double cumulative = finalBreach * q / LABELS.length;
            double inQuarter = 0.9 * cumulative;
            StringBuilder row = new StringBuilder();
            row.append(q).append(',').append(LABELS[q - 1]).append(',').append(money(mean)).append(',')
                    .append(money(sd));
            for (double zi : z) {
                row.append(',').append(money(mean + zi * sd));
            }
            row.append(',').append(probability(inQuarter)).append(',').append(probability(cumulative)).append(',')
                    .append(money(mean - 2.06 * sd)).append(',').append(money(mean - 5)).append(',')
                    .append(money(mean + 5));
            for (double zi : z) {
                row.append(',').append(money(mean + zi * sd - 8)).append(',').append(money(mean + zi * sd + 8));
            }
            row.append(',').append(probability(Math.max(0, inQuarter - 0.01))).append(',')
                    .append(probability(inQuarter + 0.01)).append(',')
                    .append(probability(Math.max(0, cumulative - 0.01))).append(',')
                    .append(probability(cumulative + 0.01));
            text.append(row).append('\n');
        }
        return text.toString();
    }

    /** Ten equal bins from -1,000 to 4,000 with a bell of counts summing to 4,000. */
    private static String terminal(int scenario) {
        long[] counts = {40, 120, 300, 560, 980, 900, 620, 300, 140, 40};
        StringBuilder text = new StringBuilder("bin_low,bin_high,count\n");
        for (int b = 0; b < counts.length; b++) {
            double low = -1000 + 500 * b + 200 * scenario;
            text.append(money(low)).append(',').append(money(low + 500)).append(',').append(counts[b]).append('\n');
        }
        return text.toString();
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String probability(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
