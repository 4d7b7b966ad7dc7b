/**
 * The what-if questions a run may add to its statistics, each answered by simulating more paths
 * on a {@link dev.runway.sim.Simulator} with the same seed (common random numbers), so wherever
 * the run itself simulates: what drives a scenario ({@link dev.runway.analysis.Sensitivity}),
 * the smallest up-front injection that brings its breach probability under a target
 * ({@link dev.runway.analysis.InjectionSolver}), and what its breaches look like
 * ({@link dev.runway.analysis.Explain}, with the most likely one,
 * {@link dev.runway.analysis.DesignPoint}). {@link dev.runway.analysis.Analyses} holds a run's answers.
 *
 * <p>Depends on: model, sample, sim, stats (the solver's Wilson intervals, the explanation's
 * percentiles); and on commons-math3.
 */
package dev.runway.analysis;
