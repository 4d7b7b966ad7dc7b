package dev.runway.run;

import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.Simulator;
import dev.runway.stats.StreamingStatistics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The back end a run simulates on: this machine's threads ({@link LocalEngine}) or a cluster.
 * Besides the paths themselves ({@link Simulator#run}) it gathers streaming statistics without
 * keeping the paths; every back end gives the same numbers, block for block.
 */
public interface Engine extends Simulator {
    /**
     * Folds {@code paths} paths of the scenario into streaming statistics, block by block, without
     * keeping them; the caller finishes them.
     */
    StreamingStatistics stream(Scenario scenario, long seed, SamplingMethod method, int paths, AtomicLong progress);

    /** The workers the simulation runs on, for the manifest: threads here, task slots on a cluster. */
    int workers();
}
