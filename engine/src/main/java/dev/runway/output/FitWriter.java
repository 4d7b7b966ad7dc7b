package dev.runway.output;

import dev.runway.fit.FamilyFit;
import dev.runway.fit.FitRequest;
import dev.runway.fit.FitResult;
import dev.runway.fit.GoodnessOfFit;
import dev.runway.fit.SeasonalAr1;
import dev.runway.fit.Series;
import dev.runway.model.FiscalQuarter;
import dev.runway.output.OutputFiles.FitDriversCsv;
import dev.runway.output.OutputFiles.FitModelCsv;
import dev.runway.output.OutputFiles.FitSeriesCsv;
import dev.runway.output.OutputFiles.FitsCsv;
import dev.runway.output.OutputFiles.ManifestCsv;
import dev.runway.output.OutputFiles.TimeSeriesCsv;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what {@code runway fit} found (docs/model.md §12): {@code fits.csv} (every family ranked
 * by AIC), {@code series.csv} (the values fitted), {@code drivers.csv} and, with a time series,
 * {@code model.csv} (rows ready to paste into an input folder, each {@code source} naming the
 * history file, the series, the window, and the command that makes the same rows again),
 * {@code time_series.csv}, and the manifest. The same inputs give the same bytes; only the
 * manifest's {@link ManifestCsv#EXECUTION_KEYS} lines say when.
 */
public final class FitWriter {
    /** The model of {@code time_series.csv}'s row. */
    public static final String SEASONAL_AR1 = "seasonal_ar1";

    private FitWriter() {
    }

    /** Writes every CSV of the fit into {@code folder} (the charts are the report's). */
    public static void write(FitResult result, Path folder, Instant startedAt, long elapsedMillis) throws IOException {
        writeFits(result, folder);
        writeSeries(result.series(), folder);
        FitDriversCsv.SCHEMA.write(folder.resolve(FitDriversCsv.SCHEMA.file()), driverRows(result));
        if (result.seasonal() != null) {
            FitModelCsv.SCHEMA.write(folder.resolve(FitModelCsv.SCHEMA.file()), modelRows(result));
            writeTimeSeries(result, folder);
        }
        writeManifest(result, folder, startedAt, elapsedMillis);
    }

    private static void writeFits(FitResult result, Path folder) throws IOException {
        Schema schema = FitsCsv.SCHEMA;
        List<Schema.Row> rows = new ArrayList<>();
        double bestAic = result.lowestAic().aic();
        int rank = 0;
        for (FamilyFit fit : result.fits()) {
            Schema.Row row = schema.row().text(FitsCsv.RANK, fit.fitted() ? Integer.toString(++rank) : "")
                    .text(FitsCsv.FAMILY, fit.family().csvName()).whole(FitsCsv.N, fit.n())
                    .text(FitsCsv.FROM, result.series().from().toString())
                    .text(FitsCsv.TO, result.series().to().toString());
            for (int i = 0; i < FitsCsv.PARAMETERS.size(); i++) {
                row.number(FitsCsv.PARAMETERS.get(i), fit.fitted() && i < fit.family().kind().acceptedParameters()
                        ? fit.distribution().parameter(i) : Double.NaN);
            }
            if (fit.fitted()) {
                GoodnessOfFit.Statistics statistics = fit.statistics();
                row.number(FitsCsv.LOG_LIKELIHOOD, fit.logLikelihood()).whole(FitsCsv.K, fit.k())
                        .number(FitsCsv.AIC, fit.aic()).number(FitsCsv.DELTA_AIC, fit.aic() - bestAic)
                        .number(FitsCsv.BIC, fit.bic()).number(FitsCsv.KS_STATISTIC, statistics.ks())
                        .number(FitsCsv.KS_P_VALUE, statistics.ksPValue())
                        .number(FitsCsv.AD_STATISTIC, statistics.andersonDarling()).text(FitsCsv.NOTE, "");
            } else {
                for (Column empty : List.of(FitsCsv.LOG_LIKELIHOOD, FitsCsv.K, FitsCsv.AIC, FitsCsv.DELTA_AIC, FitsCsv.BIC,
                        FitsCsv.KS_STATISTIC, FitsCsv.KS_P_VALUE, FitsCsv.AD_STATISTIC)) {
                    row.text(empty, "");
                }
                row.text(FitsCsv.NOTE, "not fitted: " + fit.reason());
            }
            rows.add(row);
        }
        schema.write(folder.resolve(schema.file()), rows);
    }

    private static void writeSeries(Series series, Path folder) throws IOException {
        Schema schema = FitSeriesCsv.SCHEMA;
        double[] values = series.values();
        List<Schema.Row> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(schema.row().text(FitSeriesCsv.QUARTER, series.quarters().get(i).toString())
                    .number(FitSeriesCsv.VALUE, values[i]).text(FitSeriesCsv.HISTORY_LINES,
                            String.join(" ", series.lines().get(i).stream().map(String::valueOf).toList())));
        }
        schema.write(folder.resolve(schema.file()), rows);
    }

    /**
     * The rows of drivers.csv: the best family's (or the one asked for) as one driver; with a time
     * series instead the drivers of the seasonal AR(1): {@code <name>_phi}, {@code <name>_sigma}
     * and {@code <name>_mean_q1..q4}, all constant at their estimates.
     */
    public static List<Schema.Row> driverRows(FitResult result) {
        Schema schema = FitDriversCsv.SCHEMA;
        String scenario = result.request().scenario();
        String fitted = " Fitted by runway fit to " + describeSeries(result) + ". Rerun: " + rerunCommand(result);
        List<Schema.Row> rows = new ArrayList<>();
        SeasonalAr1 ar = result.seasonal();
        if (ar == null) {
            FamilyFit best = result.best();
            double[] p = new double[best.family().kind().acceptedParameters()];
            for (int i = 0; i < p.length; i++) {
                p[i] = best.distribution().parameter(i);
            }
            int fittedCount = (int) result.fits().stream().filter(FamilyFit::fitted).count();
            String rank = fittedCount == 1 ? "the family asked for" : best != result.lowestAic()
                    ? "the lowest AIC of the " + fittedCount + " families fitted whose range goes beyond the history's ("
                    + result.lowestAic().family().csvName() + ", lower by " + Numbers.decimal(best.aic()
                    - result.lowestAic().aic()) + ", ends at the history's extremes)"
                    : "the lowest AIC of the " + fittedCount + " families fitted (next: " + runnerUp(result) + ")";
            rows.add(driverRow(schema, scenario, result.name(), best.family().csvName(), p, result.unit(),
                    best.family().csvName() + " by maximum likelihood, " + rank + "; AIC " + Numbers.decimal(best.aic())
                    + ", KS " + Numbers.decimal(best.statistics().ks()) + "." + fitted));
            return rows;
        }
        String name = result.name();
        rows.add(driverRow(schema, scenario, name + "_phi", "constant", new double[] {ar.phi()}, "AR(1) coefficient",
                "AR(1) coefficient of " + name + "'s deviation from its quarterly mean: " + Numbers.decimal(ar.phi())
                + " (standard error " + Numbers.decimal(ar.phiError()) + "), by conditional maximum likelihood." + fitted));
        rows.add(driverRow(schema, scenario, name + "_sigma", "constant", new double[] {ar.sigma()}, result.unit(),
                "Standard deviation of " + name + "'s quarterly surprise: " + Numbers.decimal(ar.sigma()) + " (standard "
                + "error " + Numbers.decimal(ar.sigmaError()) + ")." + fitted));
        for (int q = 0; q < 4; q++) {
            rows.add(driverRow(schema, scenario, meanDriver(name, q), "constant", new double[] {ar.means()[q]},
                    result.unit(), "Long-run mean of " + name + " in fiscal Q" + (q + 1) + ": " + Numbers.decimal(
                    ar.means()[q]) + " (standard error " + Numbers.decimal(ar.meanErrors()[q]) + ")." + fitted));
        }
        return rows;
    }

    private static String runnerUp(FitResult result) {
        List<FamilyFit> fitted = result.fits().stream().filter(FamilyFit::fitted).toList();
        FamilyFit second = fitted.get(1);
        return second.family().csvName() + ", AIC higher by " + Numbers.decimal(second.aic() - fitted.get(0).aic());
    }

    private static Schema.Row driverRow(Schema schema, String scenario, String driver, String distribution,
            double[] p, String unit, String source) {
        Schema.Row row = schema.row().text(FitDriversCsv.SCENARIO, scenario).text(FitDriversCsv.DRIVER, driver)
                .text(FitDriversCsv.DISTRIBUTION, distribution).text(FitDriversCsv.UNIT, unit)
                .text(FitDriversCsv.SOURCE, source);
        for (int i = 0; i < FitDriversCsv.PARAMETERS.size(); i++) {
            row.number(FitDriversCsv.PARAMETERS.get(i), i < p.length ? p[i] : Double.NaN);
        }
        return row;
    }

    private static String meanDriver(String name, int q) {
        return name + "_mean_q" + (q + 1);
    }

    /**
     * The rows of model.csv that make {@code <name>} follow the fitted seasonal AR(1), quarter by
     * quarter: a standard normal series, the fiscal quarter counted around the year from the
     * window's last one, the AR(1) deviation, and the item itself, the quarter's mean plus the
     * deviation. They start where the history ends, so the model's quarter 1 is the quarter after
     * the window.
     */
    public static List<Schema.Row> modelRows(FitResult result) {
        Schema schema = FitModelCsv.SCHEMA;
        SeasonalAr1 ar = result.seasonal();
        String name = result.name();
        String z = name + "_z";
        String season = name + "_season";
        String deviation = name + "_deviation";
        FiscalQuarter last = ar.last();
        FiscalQuarter first = last.plus(1);
        String by = " (runway fit --time-series to " + describeSeries(result) + ")";
        List<Schema.Row> rows = new ArrayList<>();
        rows.add(schema.row().text(FitModelCsv.ITEM, z).text(FitModelCsv.FORMULA, "normal(0, 1)")
                .text(FitModelCsv.INITIAL, "").text(FitModelCsv.UNIT, "")
                .text(FitModelCsv.SOURCE, "The quarterly surprise of " + name + ", a standard normal drawn afresh each "
                        + "quarter" + by));
        // From the quarter's number, not a counter: a forecast rolled forward (--as-of) keeps the numbering.
        int shift = first.quarter() - 1;
        rows.add(schema.row().text(FitModelCsv.ITEM, season)
                .text(FitModelCsv.FORMULA, "quarter + " + shift + " - 4 * floor((quarter - 1 + " + shift + ") / 4)")
                .text(FitModelCsv.INITIAL, "").text(FitModelCsv.UNIT, "fiscal quarter")
                .text(FitModelCsv.SOURCE, "The fiscal quarter (1 to 4) of each quarter of the model, from its number: "
                        + "quarter 1 is " + first + ", the quarter after the last one fitted. If the model's quarter 1 is "
                        + "another fiscal quarter Qk, write k - 1 for " + shift + " (both times)"));
        rows.add(schema.row().text(FitModelCsv.ITEM, deviation)
                .text(FitModelCsv.FORMULA, name + "_phi * prev(" + deviation + ") + " + name + "_sigma * " + z)
                .number(FitModelCsv.INITIAL, ar.lastDeviation()).text(FitModelCsv.UNIT, result.unit())
                .text(FitModelCsv.SOURCE, name + "'s deviation from its quarterly mean, an AR(1); it starts from "
                        + Numbers.decimal(ar.lastDeviation()) + ", the deviation in " + last + by));
        String mean = "if(" + season + " == 1, " + meanDriver(name, 0) + ", if(" + season + " == 2, "
                + meanDriver(name, 1) + ", if(" + season + " == 3, " + meanDriver(name, 2) + ", " + meanDriver(name, 3)
                + ")))";
        rows.add(schema.row().text(FitModelCsv.ITEM, name).text(FitModelCsv.FORMULA, mean + " + " + deviation)
                .number(FitModelCsv.INITIAL, ar.lastValue()).text(FitModelCsv.UNIT, result.unit())
                .text(FitModelCsv.SOURCE, name + ": the mean of its fiscal quarter plus the AR(1) deviation; it starts "
                        + "from " + Numbers.decimal(ar.lastValue()) + ", its value in " + last + ", so prev(" + name
                        + ") works in quarter 1. Use it in the model's formulas (a working-capital level w moves cash "
                        + "by -(w - prev(w)))" + by));
        return rows;
    }

    private static void writeTimeSeries(FitResult result, Path folder) throws IOException {
        Schema schema = TimeSeriesCsv.SCHEMA;
        SeasonalAr1 ar = result.seasonal();
        Schema.Row row = schema.row().text(TimeSeriesCsv.MODEL, SEASONAL_AR1).number(TimeSeriesCsv.PHI, ar.phi())
                .number(TimeSeriesCsv.SIGMA, ar.sigma()).number(TimeSeriesCsv.PHI_SE, ar.phiError())
                .number(TimeSeriesCsv.SIGMA_SE, ar.sigmaError()).number(FitsCsv.LOG_LIKELIHOOD, ar.logLikelihood())
                .whole(FitsCsv.K, SeasonalAr1.PARAMETERS).whole(FitsCsv.N, ar.n()).number(FitsCsv.AIC, ar.aic())
                .number(FitsCsv.BIC, ar.bic()).text(FitsCsv.FROM, result.series().from().toString())
                .text(FitsCsv.TO, result.series().to().toString());
        for (int q = 0; q < 4; q++) {
            row.number(TimeSeriesCsv.MEANS.get(q), ar.means()[q]).number(TimeSeriesCsv.MEAN_ERRORS.get(q),
                    ar.meanErrors()[q]);
        }
        schema.write(folder.resolve(schema.file()), List.of(row));
    }

    private static void writeManifest(FitResult result, Path folder, Instant startedAt, long elapsedMillis)
            throws IOException {
        FitRequest request = result.request();
        Series series = result.series();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"command", "fit"});
        rows.add(new String[] {"history", result.historyFile()});
        rows.add(new String[] {"sha256:" + Path.of(result.historyFile()).getFileName(), result.historySha256()});
        rows.add(new String[] {"series", series.expression()});
        rows.add(new String[] {"window", series.from() + " to " + series.to() + " (" + series.size() + " quarters)"});
        rows.add(new String[] {"family", request.family()});
        rows.add(new String[] {"support", request.supportRange() == null ? "estimated"
                : request.supportRange().min() + " to " + request.supportRange().max()});
        rows.add(new String[] {"name", result.name()});
        rows.add(new String[] {ManifestCsv.UNIT, result.unit()});
        rows.add(new String[] {"scenario", request.scenario()});
        rows.add(new String[] {"estimation", "maximum likelihood: closed forms for normal, lognormal and uniform; "
            + "commons-math3 Nelder-Mead (Brent in one dimension) from fixed starts otherwise; bounded families' "
            + "estimated ends at most " + "10 ranges beyond the data, and the beta's shapes at least 1 when its ends "
            + "are estimated"});
        rows.add(new String[] {"ranking", "AIC = 2k - 2 ln L, lowest first; BIC = k ln n - 2 ln L; the rows use the "
            + "lowest AIC among the families whose range goes beyond the history's extremes"});
        rows.add(new String[] {"ks_p_value", GoodnessOfFit.P_VALUE_CAVEAT});
        if (result.seasonal() != null) {
            rows.add(new String[] {"time_series", "x(t) - m(q(t)) = phi (x(t-1) - m(q(t-1))) + sigma e(t), e standard "
                + "normal, q(t) the fiscal quarter; conditional maximum likelihood (least squares on the n - 1 quarters "
                + "after the first, Levenberg-Marquardt), standard errors from s^2 (J'J)^-1"});
            if (result.seasonal().explosive()) {
                rows.add(new String[] {"time_series_warning", explosiveWarning(result)});
            }
        }
        rows.add(new String[] {"rerun", rerunCommand(result)});
        rows.add(new String[] {"started_at", startedAt.toString()});
        rows.add(new String[] {"elapsed_ms", Long.toString(elapsedMillis)});
        ManifestCsv.write(folder, rows);
    }

    /** Why a phi of 1 or more needs care. */
    public static String explosiveWarning(FitResult result) {
        return "phi is " + Numbers.decimal(result.seasonal().phi()) + ": the deviations from the quarterly means do not "
                + "die out (a random walk, or worse), so the AR(1) drifts without bound; fit the quarterly change "
                + "instead (--series \"" + result.series().expression() + " - prev(...)\")";
    }

    /** The series, its window and its history file, as a source says them. */
    private static String describeSeries(FitResult result) {
        Series series = result.series();
        return series.expression() + " over " + series.from() + " to " + series.to() + " (" + series.size()
                + " quarters) of " + result.historyFile() + " (SHA-256 " + result.historySha256().substring(0, 12) + ")";
    }

    /**
     * The command that makes the same rows again: every option that shapes them, the window written
     * out, so a history that grows later still gives the same fit. Written with {@code runway}, the
     * name on the PATH, whatever started this run, so the rows do not depend on it.
     */
    public static String rerunCommand(FitResult result) {
        FitRequest request = result.request();
        StringBuilder command = new StringBuilder("runway fit --history ").append(ShellCommand.word(result.historyFile()))
                .append(" --series ").append(ShellCommand.word(request.series()))
                .append(" --from ").append(result.series().from()).append(" --to ").append(result.series().to())
                .append(" --family ").append(request.family());
        if (request.supportRange() != null) {
            command.append(" --support ").append(ShellCommand.word(request.support()));
        }
        if (request.timeSeries()) {
            command.append(" --time-series");
        }
        command.append(" --name ").append(result.name()).append(" --scenario ").append(request.scenario());
        if (request.unit() != null) {
            command.append(" --unit ").append(ShellCommand.word(request.unit()));
        }
        return command.toString();
    }
}
