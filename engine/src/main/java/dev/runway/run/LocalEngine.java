package dev.runway.run;

import dev.runway.model.Scenario;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulation;
import dev.runway.stats.StreamingStatistics;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/** The paths walked on this machine's threads, by a {@link Simulation}. */
public final class LocalEngine implements Engine {
    private final Simulation simulation;
    private final int threads;

    public LocalEngine(int threads) {
        this.simulation = new Simulation(threads);
        this.threads = threads;
    }

    @Override
    public void prime(Scenario scenario) {
        simulation.prime(scenario);
    }

    @Override
    public PathResults run(Scenario scenario, PathKernel.Overrides overrides, long seed, SamplingMethod method,
            PathResults into, int fromPath, AtomicLong progress) {
        return simulation.run(scenario, overrides, seed, method, into, fromPath, progress);
    }

    @Override
    public StreamingStatistics stream(Scenario scenario, long seed, SamplingMethod method, int paths,
            AtomicLong progress) {
        StreamingStatistics streamed = new StreamingStatistics(scenario.horizon(), scenario.model().reported().size(),
                (paths + Simulation.BLOCK_SIZE - 1) / Simulation.BLOCK_SIZE);
        simulation.stream(new PathKernel(scenario), seed, method, paths, streamed::accept, progress);
        return streamed;
    }

    @Override
    public ForkJoinPool pool() {
        return simulation.pool();
    }

    @Override
    public int workers() {
        return threads;
    }

    @Override
    public void close() {
        simulation.close();
    }
}
