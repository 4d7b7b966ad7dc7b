/**
 * Walks a scenario's paths through its model, quarter by quarter.
 * {@link dev.runway.sim.ModelCompiler} generates and compiles the model's
 * {@link dev.runway.sim.ModelWalk} from its syntax trees; a {@link dev.runway.sim.PathKernel} draws
 * each path's drivers, events and series and runs the walk over a chunk of paths; a
 * {@link dev.runway.sim.Simulation} runs the blocks on this machine's threads, behind the
 * {@link dev.runway.sim.Simulator} every back end implements, with
 * {@link dev.runway.sim.Simulation#simulateBlock} the one block kernel they all share. The paths land
 * in {@link dev.runway.sim.PathResults}. Before any run, {@link dev.runway.sim.Preflight} walks
 * extreme but legal pilot paths, so a value that would not be finite is reported at its input cell.
 *
 * <p>Depends on: lang, model, sample; and on Janino for the generated walk.
 */
package dev.runway.sim;
