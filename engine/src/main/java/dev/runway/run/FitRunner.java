package dev.runway.run;

import dev.runway.fit.FamilyFit;
import dev.runway.fit.FitException;
import dev.runway.fit.FitRequest;
import dev.runway.fit.FitResult;
import dev.runway.fit.Fitter;
import dev.runway.fit.GoodnessOfFit;
import dev.runway.fit.SeasonalAr1;
import dev.runway.io.HistoryReader;
import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.History;
import dev.runway.model.InputException;
import dev.runway.output.FitWriter;
import dev.runway.output.Numbers;
import dev.runway.output.OutputFolder;
import dev.runway.report.Charts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@code runway fit}: reads the history, fits, and publishes the CSV files and the QQ charts
 * into the output folder all at once, so a fit that fails writes nothing and leaves the folder
 * as it was.
 */
public final class FitRunner {
    /** The folder of the charts, under the output folder. */
    public static final String CHARTS = "charts";

    private FitRunner() {
    }

    /** The chart of a fitted family, without its extension: {@code qq-normal}. */
    public static String chartName(FamilyFit fit) {
        return "qq-" + fit.family().csvName();
    }

    /** The chart of the time series' residuals. */
    public static final String RESIDUALS_CHART = "qq-" + FitWriter.SEASONAL_AR1 + "-residuals";

    /**
     * Fits and publishes.
     *
     * @throws InputException if the history file has problems (every one of them)
     * @throws FitException   if the fit cannot be made from the data
     * @throws OutputFolder.PublishException if the results cannot be written or moved into place
     */
    public static FitResult run(FitRequest request, OutputFolder output, Instant startedAt, long startedNanos)
            throws InputException, FitException, IOException {
        History history = HistoryReader.read(request.history());
        FitResult result = Fitter.fit(request, history);
        output.publish(folder -> {
            FitWriter.write(result, folder, startedAt, (System.nanoTime() - startedNanos) / 1_000_000);
            drawCharts(result, folder.resolve(CHARTS));
        });
        return result;
    }

    private static void drawCharts(FitResult result, Path folder) throws IOException {
        double[] sorted = result.series().values();
        Arrays.sort(sorted);
        String series = result.series().expression();
        String axis = series + (result.unit().isEmpty() ? "" : ", " + result.unit());
        List<FamilyFit> fitted = result.fits().stream().filter(FamilyFit::fitted).toList();
        for (int rank = 0; rank < fitted.size(); rank++) {
            FamilyFit fit = fitted.get(rank);
            Distribution d = fit.distribution();
            String title = series + ": " + fit.family().csvName() + ", AIC rank " + (rank + 1) + " of " + fitted.size()
                    + ", KS " + Numbers.decimal(fit.statistics().ks());
            String description = "The " + sorted.length + " values of " + series + " (" + result.series().window()
                    + ", sorted) against the quantiles of the fitted " + d.kind().csvName() + " at the same ranks. On the "
                    + "diagonal the family describes the data; a bend at the ends means tails heavier or lighter than it.";
            Charts.quantilePlot(folder, chartName(fit), title, description, "quantile of the fitted "
                    + fit.family().csvName(), axis, GoodnessOfFit.quantiles(d, sorted.length), sorted);
        }
        SeasonalAr1 ar = result.seasonal();
        if (ar != null) {
            double[] residuals = ar.residuals();
            Arrays.sort(residuals);
            Distribution surprise = Distribution.of(DistributionKind.NORMAL, 0, ar.sigma());
            Charts.quantilePlot(folder, RESIDUALS_CHART, series + ": seasonal AR(1) surprises against normal(0, "
                    + Numbers.decimal(ar.sigma()) + ")", "The " + residuals.length + " one-step surprises of the seasonal "
                    + "AR(1), sorted, against the quantiles of the normal it assumes. On the diagonal the AR(1)'s normal "
                    + "surprises describe the series.", "quantile of normal(0, sigma)", "surprise" + (result.unit()
                    .isEmpty() ? "" : ", " + result.unit()), GoodnessOfFit.quantiles(surprise, residuals.length),
                    residuals);
        }
    }
}
