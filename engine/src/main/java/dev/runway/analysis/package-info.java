/**
 * The what-if questions a run may add to its statistics, each answered by simulating more paths
 * on a {@link dev.runway.sim.Simulator} with the same seed (common random numbers), so wherever
 * the run itself simulates: what drives a scenario ({@link dev.runway.analysis.Sensitivity}), and
 * the smallest up-front injection that brings its breach probability under a target
 * ({@link dev.runway.analysis.InjectionSolver}). {@link dev.runway.analysis.Analyses} holds a run's
 * answers.
 *
 * <p>Depends on: model, sample, sim, stats (the solver's Wilson intervals); and on commons-math3.
 */
package dev.runway.analysis;
