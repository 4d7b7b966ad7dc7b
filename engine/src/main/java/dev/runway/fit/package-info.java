/**
 * Fits Runway's distributions to a company's history: a {@link dev.runway.fit.SeriesFormula}
 * (an item of the history or a formula of the model language over its items, evaluated by the
 * engine, never run) gives the {@link dev.runway.fit.Series} of one window of quarters; each
 * {@link dev.runway.fit.Family} is fitted to it by maximum likelihood
 * ({@link dev.runway.fit.MaximumLikelihood}, commons-math3's optimizers where there is no closed
 * form), scored by AIC, BIC and the Kolmogorov–Smirnov and Anderson–Darling statistics
 * ({@link dev.runway.fit.GoodnessOfFit}); {@link dev.runway.fit.SeasonalAr1} fits the series as a
 * time series, quarterly means plus an AR(1). {@link dev.runway.fit.Fitter} runs a
 * {@link dev.runway.fit.FitRequest} into a {@link dev.runway.fit.FitResult}.
 *
 * <p>Depends on: lang (the series formula), model (the history, the distributions, whether one can
 * be drawn); and on commons-math3. Reading the history file is io's; writing the outputs is output's and report's.
 */
package dev.runway.fit;
