/**
 * The statistics of a scenario's paths, each with its confidence interval: per quarter
 * ({@link dev.runway.stats.QuarterStatistics}) and over the horizon
 * ({@link dev.runway.stats.ScenarioStatistics}), either exact from every path
 * ({@link dev.runway.stats.ExactQuantiles}) or streamed block by block in memory that does not grow
 * with the paths ({@link dev.runway.stats.StreamingStatistics}, {@link dev.runway.stats.LogHistogram}),
 * and both assembled into the reported figures by one {@code ScenarioStatistics.assemble}.
 * Counts merge exactly and sums are combined in block order, so the numbers are the same for any
 * number of threads.
 * {@link dev.runway.stats.Intervals} gives the intervals, and a {@link dev.runway.stats.PrecisionTarget}
 * says when a run has enough paths.
 *
 * <p>Depends on: model, sim (the {@link dev.runway.sim.PathResults} it summarizes); and on
 * commons-math3.
 */
package dev.runway.stats;
