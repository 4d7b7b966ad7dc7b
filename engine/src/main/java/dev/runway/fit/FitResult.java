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
    public FamilyFit best() {
        return fits.get(0);
    }
}
