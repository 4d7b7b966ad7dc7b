/**
 * Where a path's random numbers come from. Streams belong to blocks of paths, not to threads
 * ({@link dev.runway.sample.BlockStreams}, {@link dev.runway.sample.BlockRandom}): block {@code b}
 * draws from the run's generator jumped {@code b} times, so any thread or machine that computes a
 * block gets the same numbers. A {@link dev.runway.sample.SamplingMethod}, prepared once per run
 * ({@link dev.runway.sample.PreparedMethod}), gives each block its
 * {@link dev.runway.sample.RandomInputs} (plain Monte Carlo, antithetic pairs, Latin hypercube,
 * Sobol), and a {@link dev.runway.sample.BlockSampler} ({@link dev.runway.sample.BlockSamplers#of})
 * turns them into draws of one distribution for a chunk of paths at a time (beta, PERT and Student's t
 * through the model's {@link dev.runway.model.QuantileTable}).
 *
 * <p>Depends on: model (the distributions to draw), and on Commons RNG and commons-math3.
 */
package dev.runway.sample;
