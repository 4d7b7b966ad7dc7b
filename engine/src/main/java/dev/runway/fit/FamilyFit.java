package dev.runway.fit;

import dev.runway.model.Distribution;

/**
 * One family fitted to a series, or why it was not: the maximum-likelihood distribution, its
 * log-likelihood with k estimated parameters on n values, and the goodness-of-fit statistics.
 *
 * @param distribution null when the family was not fitted; {@link #reason} then says why
 * @param reason       why the family was not fitted (the data lie outside its support, too few
 *                     values), or null
 */
public record FamilyFit(Family family, Distribution distribution, int k, int n, double logLikelihood,
        GoodnessOfFit.Statistics statistics, String reason) {

    static FamilyFit notFitted(Family family, int n, String reason) {
        return new FamilyFit(family, null, 0, n, Double.NaN, null, reason);
    }

    public boolean fitted() {
        return distribution != null;
    }

    /** Akaike's information criterion, {@code 2k - 2 ln L}: lower is better. */
    public double aic() {
        return 2.0 * k - 2 * logLikelihood;
    }

    /** The Bayesian (Schwarz) criterion, {@code k ln n - 2 ln L}: lower is better; it penalizes parameters more. */
    public double bic() {
        return k * Math.log(n) - 2 * logLikelihood;
    }
}
