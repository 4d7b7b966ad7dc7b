package dev.runway.sim;

import dev.runway.model.Scenario;
import dev.runway.sample.BlockStreams;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a scenario's paths in parallel. Paths are cut into blocks of {@link #BLOCK_SIZE}; block
 * {@code b} covers paths {@code b * BLOCK_SIZE ..} and draws from its own stream
 * ({@link BlockStreams}), and writes at its paths' own indexes. Which thread runs a block
 * changes nothing, so the results are the same for any number of threads.
 */
public final class Simulation implements AutoCloseable {
    /** Paths per block: the unit of randomness and of parallel work. Changing it changes the numbers. */
    public static final int BLOCK_SIZE = 4096;

    /** Blocks of {@link PathKernel#everyBranch} walked before any real work, for the JIT's profile. */
    private static final int PRIMING_BLOCKS = 8;

    private final ForkJoinPool pool;

    public Simulation(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
        pool = new ForkJoinPool(threads);
        run(PathKernel.everyBranch(), 0L, PRIMING_BLOCKS * BLOCK_SIZE, new AtomicLong());
    }

    public int threads() {
        return pool.getParallelism();
    }

    /** The workers, for summarizing results on the same threads. */
    public ForkJoinPool pool() {
        return pool;
    }

    /**
     * Simulates {@code paths} paths of the scenario from {@code seed}.
     *
     * @param progress incremented by the number of paths of each block as it completes
     */
    public PathResults run(Scenario scenario, long seed, int paths, AtomicLong progress) {
        if (paths < 1) {
            throw new IllegalArgumentException("paths must be >= 1, found " + paths);
        }
        return run(scenario, seed, new PathResults(scenario.horizon(), paths), progress);
    }

    /**
     * Simulates as many paths as {@code into} holds, overwriting every entry: a caller that runs
     * many scenarios of one horizon reuses one buffer instead of allocating one per scenario.
     */
    public PathResults run(Scenario scenario, long seed, PathResults into, AtomicLong progress) {
        if (into.horizon() != scenario.horizon()) {
            throw new IllegalArgumentException("the buffer holds " + into.horizon() + " quarters, the scenario has "
                    + scenario.horizon());
        }
        PathKernel kernel = new PathKernel(scenario);
        ThreadLocal<PathKernel.Workspace> workspaces = ThreadLocal.withInitial(kernel::workspace);
        int blocks = (into.paths() + BLOCK_SIZE - 1) / BLOCK_SIZE;
        UniformRandomProvider[] streams = BlockStreams.forBlocks(seed, blocks);
        pool.invoke(new Blocks(kernel, workspaces, into, streams, 0, blocks, progress));
        return into;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** A range of blocks, split in halves until one block is left. */
    private static final class Blocks extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        private final transient PathKernel kernel;
        private final transient ThreadLocal<PathKernel.Workspace> workspaces;
        private final transient PathResults results;
        private final transient UniformRandomProvider[] streams;
        private final int from;
        private final int to;
        private final transient AtomicLong progress;

        Blocks(PathKernel kernel, ThreadLocal<PathKernel.Workspace> workspaces, PathResults results,
                UniformRandomProvider[] streams, int from, int to, AtomicLong progress) {
            this.kernel = kernel;
            this.workspaces = workspaces;
            this.results = results;
            this.streams = streams;
            this.from = from;
            this.to = to;
            this.progress = progress;
        }

        @Override
        protected void compute() {
            if (to - from > 1) {
                int middle = (from + to) >>> 1;
                invokeAll(new Blocks(kernel, workspaces, results, streams, from, middle, progress),
                        new Blocks(kernel, workspaces, results, streams, middle, to, progress));
                return;
            }
            int first = from * BLOCK_SIZE;
            int count = Math.min(BLOCK_SIZE, results.paths() - first);
            kernel.simulate(workspaces.get(), streams[from], results, first, count);
            progress.addAndGet(count);
        }
    }
}
