package dev.runway.sim;

import dev.runway.model.Scenario;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.PreparedMethod;
import dev.runway.sample.RandomInputs;
import dev.runway.sample.SamplingMethod;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Runs a scenario's paths in parallel. Paths are cut into blocks of {@link #BLOCK_SIZE}; block
 * {@code b} covers paths {@code b * BLOCK_SIZE ..} and draws from its own stream
 * ({@link BlockStreams}), and writes at its paths' own indexes. Which thread runs a block
 * changes nothing, so the results are the same for any number of threads.
 */
public final class Simulation implements Simulator {
    /** Paths per block: the unit of randomness and of parallel work. Changing it changes the numbers. */
    public static final int BLOCK_SIZE = 4096;

    private final ForkJoinPool pool;

    public Simulation(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
        pool = new ForkJoinPool(threads);
    }

    /** Blocks of a scenario's primer walked by {@link #prime}. */
    private static final int PRIMING_BLOCKS = 8;

    /**
     * Walks a few blocks of the scenario with an event on every item events can move, half of the
     * paths' triggers firing and half waiting, amounts 0, and throws the results away: the JIT
     * then compiles the model's walk with every event branch in its profile. Without it, the first
     * scenario with a rescue makes the JIT discard the code compiled for the scenarios before it,
     * and the solver, whose runs range from no breach to all breaching, does so again and again.
     * It changes no result; call it once per model, before the work.
     */
    @Override
    public void prime(Scenario scenario) {
        run(PathKernel.primer(scenario), 0L, PRIMING_BLOCKS * BLOCK_SIZE, new AtomicLong());
    }

    /** The workers, for summarizing results on the same threads. */
    @Override
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
        return run(scenario, seed, SamplingMethod.MC, PathResults.of(scenario, paths), progress);
    }

    /** Plain Monte Carlo into a buffer; see {@link #run(Scenario, long, SamplingMethod, PathResults, AtomicLong)}. */
    public PathResults run(Scenario scenario, long seed, PathResults into, AtomicLong progress) {
        return run(scenario, seed, SamplingMethod.MC, into, progress);
    }

    /**
     * Simulates as many paths as {@code into} holds with the given sampling method, overwriting
     * every entry: a caller that runs many scenarios of one horizon reuses one buffer instead of
     * allocating one per scenario.
     */
    public PathResults run(Scenario scenario, long seed, SamplingMethod method, PathResults into,
            AtomicLong progress) {
        return run(scenario, seed, method, into, 0, progress);
    }

    /**
     * Simulates only the paths from {@code fromPath} on (a multiple of {@link #BLOCK_SIZE}) into
     * {@code into}, leaving the ones before untouched: because every block's draws depend on the
     * seed and the block alone, adding blocks to a run gives exactly the run that had them all
     * from the start.
     */
    public PathResults run(Scenario scenario, long seed, SamplingMethod method, PathResults into, int fromPath,
            AtomicLong progress) {
        return run(new PathKernel(scenario), seed, method, into, fromPath, progress);
    }

    @Override
    public PathResults run(Scenario scenario, PathKernel.Overrides overrides, long seed, SamplingMethod method,
            PathResults into, int fromPath, AtomicLong progress) {
        return run(new PathKernel(scenario, overrides), seed, method, into, fromPath, progress);
    }

    /** As above, for a kernel built by the caller (with {@link PathKernel.Overrides}, say). */
    public PathResults run(PathKernel kernel, long seed, SamplingMethod method, PathResults into, int fromPath,
            AtomicLong progress) {
        if (fromPath % BLOCK_SIZE != 0 || fromPath < 0 || fromPath > into.paths()) {
            throw new IllegalArgumentException("paths can only be added from a block boundary inside the buffer, "
                    + "found " + fromPath);
        }
        if (into.horizon() != kernel.horizon()) {
            throw new IllegalArgumentException("the buffer holds " + into.horizon() + " quarters, the scenario has "
                    + kernel.horizon());
        }
        PerWorker<PathKernel.Workspace> workspaces = new PerWorker<>(kernel::workspace);
        int blocks = (into.paths() + BLOCK_SIZE - 1) / BLOCK_SIZE;
        UniformRandomProvider[] streams = BlockStreams.forBlocks(seed, blocks);
        Run run = new Run(kernel, prepare(kernel, method, seed), workspaces, into, streams, progress);
        pool.invoke(new BlockRange(run::block, fromPath / BLOCK_SIZE, blocks));
        return into;
    }

    /**
     * The sampling method prepared for one run of the kernel from {@code seed}: what every block
     * of the run shares, made once. A task on another machine prepares its own from the same
     * arguments and gets the same blocks.
     */
    public static PreparedMethod prepare(PathKernel kernel, SamplingMethod method, long seed) {
        return method.prepare(seed, kernel.dimensions(), kernel.drivers(), PathKernel.CHUNK);
    }

    /**
     * Simulates block {@code block} of a run of {@code paths} paths into {@code into} from index
     * {@code at}: the one way a block is walked, whether by this pool, streamed, or by a task on
     * another machine, so a block's paths are the same wherever it runs.
     *
     * @param method the run's sampling method, from {@link #prepare}
     * @param stream the block's stream ({@link BlockStreams#forBlocks})
     * @return the block's number of paths
     */
    public static int simulateBlock(PathKernel kernel, PathKernel.Workspace workspace, PreparedMethod method,
            UniformRandomProvider stream, int block, long paths, PathResults into, int at) {
        long first = (long) block * BLOCK_SIZE;
        int count = (int) Math.min(BLOCK_SIZE, paths - first);
        RandomInputs inputs = method.block(stream, first, count);
        kernel.simulate(workspace, inputs, into, at, count, first);
        return count;
    }

    /** Takes in the paths of one block as soon as they are simulated. */
    @FunctionalInterface
    public interface BlockConsumer {
        /**
         * Called once per block, on any thread, with a buffer holding the block's paths at indexes
         * {@code 0 .. paths - 1}; the buffer is reused for the thread's next block.
         */
        void accept(int block, PathResults buffer, int paths);
    }

    /**
     * Simulates {@code paths} paths without keeping them: each block is walked into a
     * per-thread buffer and handed to {@code consumer}, so memory does not grow with the paths.
     * The block's draws are exactly those of {@link #run}: the same paths, one block at a time.
     */
    public void stream(PathKernel kernel, long seed, SamplingMethod method, long paths, BlockConsumer consumer,
            AtomicLong progress) {
        long blockCount = (paths + BLOCK_SIZE - 1) / BLOCK_SIZE;
        if (paths < 1 || blockCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("paths must be in 1.." + (long) Integer.MAX_VALUE * BLOCK_SIZE
                    + ", found " + paths);
        }
        int blocks = (int) blockCount;
        PerWorker<PathKernel.Workspace> workspaces = new PerWorker<>(kernel::workspace);
        PerWorker<PathResults> buffers = new PerWorker<>(() -> new PathResults(kernel.horizon(),
                kernel.model().reported().size(), BLOCK_SIZE, 0, 0));
        UniformRandomProvider[] streams = BlockStreams.forBlocks(seed, blocks);
        PreparedMethod prepared = prepare(kernel, method, seed);
        pool.invoke(new BlockRange(b -> {
            PathResults buffer = buffers.get();
            int count = simulateBlock(kernel, workspaces.get(), prepared, streams[b], b, paths, buffer, 0);
            consumer.accept(b, buffer, count);
            progress.addAndGet(count);
        }, 0, blocks));
    }

    /** A range of blocks, split in halves until one block is left, which is handed to {@code block}. */
    private static final class BlockRange extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        private final transient IntConsumer block;
        private final int from;
        private final int to;

        BlockRange(IntConsumer block, int from, int to) {
            this.block = block;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from > 1) {
                int middle = (from + to) >>> 1;
                invokeAll(new BlockRange(block, from, middle), new BlockRange(block, middle, to));
            } else if (to > from) {
                block.accept(from);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** What every block of one run shares. */
    private record Run(PathKernel kernel, PreparedMethod method,
            PerWorker<PathKernel.Workspace> workspaces, PathResults results, UniformRandomProvider[] streams,
            AtomicLong progress) {

        void block(int b) {
            progress.addAndGet(simulateBlock(kernel, workspaces.get(), method, streams[b], b,
                    results.paths(), results, b * BLOCK_SIZE));
        }
    }
}
