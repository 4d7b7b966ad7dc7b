package dev.runway.sim;

import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a scenario's paths are walked: on this machine's threads ({@link Simulation}) or on a
 * cluster. Every back end walks block {@code b} from the seed and {@code b} alone, with
 * {@link Simulation#simulateBlock}, so all of them give the same paths. The analyses take a
 * Simulator, so they run wherever the simulation does.
 */
public interface Simulator extends AutoCloseable {
    /** Walks a throw-away primer of the scenario so the JIT sees every event branch; see {@link Simulation#prime}. */
    void prime(Scenario scenario);

    /**
     * Simulates the paths of {@code into} from {@code fromPath} on (a multiple of
     * {@link Simulation#BLOCK_SIZE}) with the overrides applied, leaving the ones before as they
     * are; a buffer built with {@link PathResults#recording} also gets every path's drivers and
     * event amounts.
     *
     * @param progress incremented by the number of paths of each block as it completes
     */
    PathResults run(Scenario scenario, PathKernel.Overrides overrides, long seed, SamplingMethod method,
            PathResults into, int fromPath, AtomicLong progress);

    /** The threads that summarize results on this machine. */
    ForkJoinPool pool();

    @Override
    void close();
}
