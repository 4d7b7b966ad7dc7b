package dev.runway.fit;

import java.util.List;

/**
 * What a fit found: the series over its window, every family requested ranked by AIC (those not
 * fitted last, with the reason), and with {@code --time-series} the seasonal AR(1).
 *
 * @param name     the driver's name (with a time series, the line item's)
 * @param unit     the unit of the pasted rows
 * @param fits     fitted families by AIC, lowest first (ties in family order), then the others
 * @param seasonal the time-series fit, or null
 */
public record FitResult(FitRequest request, String historyFile, String historySha256, Series series, String name,
        String unit, List<FamilyFit> fits, SeasonalAr1 seasonal) {

    public FitResult {
        fits = List.copyOf(fits);
    }

    /** The family with the lowest AIC. */
    public FamilyFit lowestAic() {
        return fits.get(0);
    }

    /**
     * The family the rows recommend: the lowest AIC among those that can go beyond the history, else
     * the lowest AIC. A bounded fit whose end is the history's own extreme ({@link #pinned}) ranks
     * well because it wastes no density beyond the data, and that is the over-confidence a risk
     * tool must not recommend: it says the series can never be worse than it has been.
     */
    public FamilyFit best() {
        return fits.stream().filter(f -> f.fitted() && !pinned(f)).findFirst().orElse(fits.get(0));
    }

    /** Whether a fitted bounded family's estimated end is the history's lowest or highest value (not a --support). */
    public boolean pinned(FamilyFit fit) {
        if (!fit.fitted() || !fit.family().bounded() || request.supportRange() != null) {
            return false;
        }
        double[] values = series.values();
        double low = java.util.Arrays.stream(values).min().orElseThrow();
        double high = java.util.Arrays.stream(values).max().orElseThrow();
        double tolerance = 1e-6 * (high - low);
        int accepted = fit.family().kind().acceptedParameters();
        int first = accepted == 4 ? 2 : 0;
        double min = fit.distribution().parameter(first);
        double max = fit.distribution().parameter(accepted == 4 ? 3 : accepted - 1);
        return min >= low - tolerance || max <= high + tolerance;
    }
}
