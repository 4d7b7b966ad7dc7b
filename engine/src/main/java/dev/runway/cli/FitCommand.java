package dev.runway.cli;

import dev.runway.fit.FamilyFit;
import dev.runway.fit.FitException;
import dev.runway.fit.FitRequest;
import dev.runway.fit.FitResult;
import dev.runway.fit.GoodnessOfFit;
import dev.runway.fit.SeasonalAr1;
import dev.runway.model.Distribution;
import dev.runway.model.InputException;
import dev.runway.output.FitWriter;
import dev.runway.output.Numbers;
import dev.runway.output.OutputFiles;
import dev.runway.output.OutputFolder;
import dev.runway.run.FitRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code runway fit}: fits Runway's distributions to a series of a history file and writes the
 * ranked fits, the QQ charts and the drivers.csv (and model.csv) rows to paste; the fit itself is
 * {@link FitRunner}'s.
 */
@Command(name = "fit", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Fits distributions to a quarterly series of a history file by maximum likelihood, ranks them by AIC, and "
                + "writes the rows to paste into an input folder's drivers.csv (and, with --time-series, model.csv).",
            "",
            "The history file has one reported number per row: quarter,item,value,unit,source (quarter such as "
                + "FY2024Q4). --series is an item, or a formula over items in the model language: free_cash_flow / "
                + "revenue, log(revenue / lag(revenue, 4)); prev(item) is the quarter before, lag(item, k) k quarters "
                + "before. It is evaluated by Runway, never run as code. A quarter of the window without an input "
                + "is an error.",
            "",
            "Fitted: normal, lognormal, uniform, triangular, pert, beta (with its ends; both shapes at least 1 when "
                + "the ends are estimated), student_t. Not fitted: constant, discrete_uniform and bernoulli (a history "
                + "of amounts is continuous, and a likelihood of counts cannot be ranked against densities). The "
                + "Kolmogorov-Smirnov p-value is optimistic: the parameters come from the same data.",
            "",
            "--time-series also fits x - m(q) = phi (x(-1) - m(q-1)) + sigma e: a mean per fiscal quarter plus an AR(1) "
                + "around them (a working capital that goes out in one quarter and comes back in the next shows as "
                + "means of opposite signs), and writes model.csv rows that make an item follow it.",
            "",
            "Under --out: fits.csv (every family, ranked), series.csv (the values used), drivers.csv (and model.csv, "
                + "time_series.csv) with each row's source naming the history, the series, the window and the command "
                + "to rerun; charts/qq-<family>.png and .svg; manifest.csv; files.csv. Nothing is written if the fit "
                + "fails, and the same inputs give the same bytes.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ${COMMAND-FULL-NAME} --history inputs/nissan/history.csv \\",
            "      --series \"free_cash_flow / revenue\" --name fcf_margin \\",
            "      --to FY2024Q4 --out outputs/fit-margin",
            "      (every family, ranked; data public by May 2025 only)",
            "  ${COMMAND-FULL-NAME} --history inputs/nissan/history.csv \\",
            "      --series working_capital --time-series --out outputs/fit-wc"})
public final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--history", paramLabel = "FILE", required = true,
            description = "The history file: quarter,item,value,unit,source, one reported number per row.")
    Path history;

    @Option(names = "--series", paramLabel = "EXPR", required = true,
            description = "An item of the history, or a formula over items (quote it): \"free_cash_flow / revenue\", "
                + "\"log(revenue / lag(revenue, 4))\".")
    String series;

    @Option(names = "--family", paramLabel = "NAME", defaultValue = "auto",
            description = "normal, lognormal, uniform, triangular, pert, beta, student_t, or auto: all of them, ranked "
                + "by AIC (default: ${DEFAULT-VALUE}). A family named here that cannot fit the data is an error; "
                + "auto leaves it out and says why.")
    String family;

    @Option(names = "--from", paramLabel = "QUARTER",
            description = "The first quarter fitted, such as FY2019Q1 (default: the first in which every input of the "
                + "series is in the history).")
    String from;

    @Option(names = "--to", paramLabel = "QUARTER",
            description = "The last quarter fitted, such as FY2024Q4 (default: the last in which every input is). "
                + "Set it to fit on what was public at a date, so a backtest after it stays honest.")
    String to;

    @Option(names = "--time-series",
            description = "Also fit the series as quarterly means plus an AR(1), and write model.csv rows and the "
                + "drivers of the AR(1) instead of one driver.")
    boolean timeSeries;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The driver (with --time-series, the line item) the rows define (default: the item, when "
                + "--series is one; required for a formula).")
    String name;

    @Option(names = "--scenario", paramLabel = "S", defaultValue = FitRequest.DEFAULT_SCENARIO,
            description = "The scenario of the drivers.csv rows (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--unit", paramLabel = "TEXT",
            description = "The unit of the rows (default: the item's unit in the history, when --series is one item).")
    String unit;

    @Option(names = "--support", paramLabel = "MIN,MAX",
            description = "Fix the ends of uniform, triangular, pert and beta (a share: 0,1) instead of estimating "
                + "them; every value must lie strictly inside.")
    String support;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs/fit",
            description = "Output folder, replaced as a whole when the fit succeeds (default: ${DEFAULT-VALUE}); it "
                + "must be new, empty, or hold exactly the files of an earlier Runway run (its files.csv).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        FitRequest request = new FitRequest(history, series, family, from, to, timeSeries, name, scenario, unit,
                support, out);
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), problems.get(0));
        }
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        OutputFolder output = OutputFolder.of(out, note -> err.println("note: " + note));
        output.recover();
        String outProblem = output.replaceProblem();
        if (outProblem != null) {
            return fail(err, outProblem);
        }
        FitResult result;
        try {
            result = FitRunner.run(request, output, startedAt, started);
        } catch (InputException e) {
            if (e.errors().size() == 1) {
                return fail(err, sentence(e.errors().get(0).toString()) + " Nothing was written; fix the row and run the "
                        + "fit again.");
            }
            err.println("error: the history " + history + " has " + e.errors().size() + " problem(s):");
            e.lines().forEach(err::println);
            err.println("Nothing was written. Fix the rows above and run the fit again.");
            err.flush();
            return RunwayCommand.INPUT_ERROR;
        } catch (FitException e) {
            return fail(err, sentence(e.getMessage()) + " Nothing was written.");
        } catch (OutputFolder.PublishException e) {
            return fail(err, e.getMessage());
        }
        print(stdout, result);
        return 0;
    }

    private static int fail(PrintWriter err, String problem) {
        err.println("error: " + problem);
        err.flush();
        return RunwayCommand.INPUT_ERROR;
    }

    /** The text ending in one full stop. */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private void print(PrintWriter stdout, FitResult result) {
        var s = result.series();
        stdout.printf("%s over %s (%d quarters) of %s%s%n%n", s.expression(), s.window(), s.size(), result.historyFile(),
                result.unit().isEmpty() ? "" : ", in " + result.unit());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"rank", "family", "parameters", "AIC", "dAIC", "BIC", "KS", "KS p*"});
        int rank = 0;
        for (FamilyFit fit : result.fits()) {
            if (!fit.fitted()) {
                rows.add(new String[] {"-", fit.family().csvName(), "not fitted: " + fit.reason(), "", "", "", "", ""});
                continue;
            }
            rows.add(new String[] {Integer.toString(++rank), fit.family().csvName(), parameters(fit.distribution())
                + (result.pinned(fit) ? " (ends at the history's extremes)" : ""),
                Numbers.money(fit.aic(), 1), Numbers.money(fit.aic() - result.lowestAic().aic(), 1),
                Numbers.money(fit.bic(), 1), String.format(Locale.ROOT, "%.3f", fit.statistics().ks()),
                String.format(Locale.ROOT, "%.3f", fit.statistics().ksPValue())});
        }
        table(stdout, rows);
        stdout.println("* The KS p-value is optimistic: the parameters were estimated from the same data (Lilliefors); a "
                + "small one is evidence against a family, a large one is not evidence for it.");
        if (result.seasonal() == null && result.best() != result.lowestAic()) {
            stdout.println("The rows use " + result.best().family().csvName() + ": a fit whose range ends at the history's "
                    + "extremes says the series can never go beyond what was seen, which no history proves; choose it "
                    + "with --family if you mean that.");
        }
        SeasonalAr1 ar = result.seasonal();
        if (ar != null) {
            stdout.printf("%nTime series: x - m(quarter) = phi (x(-1) - m(quarter - 1)) + sigma e, %d quarters:%n", ar.n());
            StringBuilder line = new StringBuilder();
            for (int q = 0; q < 4; q++) {
                line.append("  m(Q").append(q + 1).append(") ").append(withError(ar.means()[q], ar.meanErrors()[q]));
            }
            line.append("  phi ").append(withError(ar.phi(), ar.phiError())).append("  sigma ")
                    .append(withError(ar.sigma(), ar.sigmaError())).append("  AIC ").append(Numbers.money(ar.aic(), 1));
            stdout.println(line);
            if (ar.explosive()) {
                stdout.println("warning: " + FitWriter.explosiveWarning(result));
            }
        }
        Path folder = out;
        stdout.printf("%nRows to paste (under the header of the file they go to):%n  %s%s%n", folder.resolve(
                OutputFiles.FitDriversCsv.SCHEMA.file()), ar == null ? "  (the " + result.best().family().csvName()
                + " fit, driver " + result.name() + ", scenario " + result.request().scenario() + ")"
                : "  (the AR(1)'s drivers " + result.name() + "_phi, _sigma, _mean_q1..q4)");
        if (ar != null) {
            stdout.printf("  %s  (the items %s_z, %s_season, %s_deviation and %s)%n",
                    folder.resolve(OutputFiles.FitModelCsv.SCHEMA.file()), result.name(), result.name(), result.name(),
                    result.name());
        }
        Path charts = folder.resolve(FitRunner.CHARTS);
        stdout.printf("QQ chart of the best fit: %s; every fit in fits.csv and %s/%s.%n",
                charts.resolve(FitRunner.chartName(result.best()) + ".png"), charts, ar == null ? ""
                : " (the AR(1)'s surprises: " + FitRunner.RESIDUALS_CHART + ".png)");
        stdout.flush();
    }

    private static String withError(double value, double error) {
        return Numbers.decimal(value) + " ±" + Numbers.decimal(error);
    }

    /** {@code mean -0.0123, sd 0.0456}: each parameter of drivers.csv by name. */
    static String parameters(Distribution d) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < d.kind().acceptedParameters(); i++) {
            parts.add(d.kind().parameterName(i) + " " + Numbers.decimal(d.parameter(i)));
        }
        return String.join(", ", parts);
    }

    /** Left-aligned text columns, right-aligned numbers, two spaces apart. */
    private static void table(PrintWriter out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            // A row that is only a note (not fitted) does not widen the numbers' columns.
            boolean note = row[3].isEmpty() && !row[0].equals("rank");
            for (int c = 0; c < columns; c++) {
                if (!(note && c == 2)) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                boolean text = c <= 2;
                String cell = row[c];
                if (c == 2 && row[3].isEmpty() && !row[0].equals("rank")) {
                    line.append(cell);
                    break;
                }
                line.append(text ? String.format("%-" + widths[c] + "s", cell) : String.format("%" + widths[c] + "s",
                        cell));
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
