package dev.runway.sample;

import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.rng.UniformRandomProvider;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Randomized quasi-Monte Carlo: path {@code k} of the run takes point {@code k} of the Sobol
 * sequence (commons-math3, Joe and Kuo's direction numbers, up to 1,000 dimensions) in every
 * input, each coordinate shifted by a random amount modulo 1 (a Cranley-Patterson rotation).
 * The shifts come from the run's seed, so the same for every block, thread and machine; they
 * make every path uniformly distributed (so estimates are unbiased), keep the sequence's even
 * spread, and give independent replicates for different seeds — which is how the error of a
 * quasi-random estimate can be measured at all. commons-math3 hands out each point as a new array,
 * so this method allocates per path (plain Monte Carlo does not).
 *
 * <p>The rotations and the generators are made once per run ({@link #prepare}): a generator reads
 * its direction numbers when it is built, so the run keeps the ones it built and lends one to
 * each chunk, which skips it to the chunk's first index — a chunk's points depend on that index
 * alone, never on the generator's history, so which generator or thread serves it changes nothing.
 * A run builds as many generators as chunks are drawn at once (one per thread), not one per block.
 */
public final class SobolInputs implements RandomInputs {
    /** The most dimensions commons-math3's bundled direction numbers support. */
    public static final int MAX_DIMENSIONS = 1000;

    private final Prepared run;
    private final long blockFirstPath;
    private final double[][] points;

    private SobolInputs(Prepared run, long blockFirstPath) {
        this.run = run;
        this.blockFirstPath = blockFirstPath;
        this.points = new double[run.shift.length][run.chunk];
    }

    /**
     * Sobol prepared for one run: the rotations drawn from the seed, and the generators lent to
     * the blocks' chunks.
     *
     * @param seed       the run's seed
     * @param dimensions the random inputs of a path, at most {@link #MAX_DIMENSIONS}
     * @param chunk      the most paths a chunk has
     */
    public static PreparedMethod prepare(long seed, int dimensions, int chunk) {
        if (dimensions > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("the Sobol sequence supports at most " + MAX_DIMENSIONS
                    + " dimensions; a path here has " + dimensions);
        }
        return new Prepared(shifts(seed, dimensions), chunk);
    }

    /** The rotation of each of {@code dimensions} coordinates, drawn from the run's seed. */
    private static double[] shifts(long seed, int dimensions) {
        BlockRandom random = new BlockRandom(BlockStreams.forRun(seed));
        double[] shift = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            shift[d] = random.uniform();
        }
        return shift;
    }

    @Override
    public void startChunk(int firstInBlock, int paths) {
        long first = blockFirstPath + firstInBlock;
        if (first > Integer.MAX_VALUE) {
            throw new IllegalStateException("the Sobol sequence is indexed by int; path " + first + " is beyond it");
        }
        if (points.length == 0) {
            return; // a path without random inputs has no point to draw
        }
        double[] shift = run.shift;
        SobolSequenceGenerator sequence = run.borrow();
        try {
            // skipTo returns the point at the index; nextVector then continues from the one after it.
            double[] point = sequence.skipTo((int) first);
            for (int i = 0; i < paths; i++) {
                if (i > 0) {
                    point = sequence.nextVector();
                }
                for (int d = 0; d < point.length; d++) {
                    double u = point[d] + shift[d];
                    points[d][i] = u >= 1.0 ? u - 1.0 : u;
                }
            }
        } finally {
            run.giveBack(sequence);
        }
    }

    @Override
    public void uniforms(int dimension, double[] out, int n) {
        System.arraycopy(points[dimension], 0, out, 0, n);
    }

    @Override
    public void normals(int dimension, double[] out, int n) {
        double[] u = points[dimension];
        for (int i = 0; i < n; i++) {
            // A coordinate of exactly 0 (probability 2^-53) would map to -infinity; the smallest double stands in.
            out[i] = StandardNormal.inverseCdf(u[i] > 0 ? u[i] : Double.MIN_VALUE);
        }
    }

    /** How many generators a run prepared by {@link #prepare} has built so far: what the tests hold to. */
    static int generatorsBuilt(PreparedMethod prepared) {
        return ((Prepared) prepared).built.get();
    }

    /** What every block of one Sobol run shares; safe for any number of threads. */
    private static final class Prepared implements PreparedMethod {
        private final double[] shift;
        private final int chunk;
        /** Generators built for this run and not lent out right now. */
        private final Queue<SobolSequenceGenerator> idle = new ConcurrentLinkedQueue<>();
        private final AtomicInteger built = new AtomicInteger();

        Prepared(double[] shift, int chunk) {
            this.shift = shift;
            this.chunk = chunk;
        }

        @Override
        public RandomInputs block(UniformRandomProvider stream, long blockFirstPath, int blockPaths) {
            return new SobolInputs(this, blockFirstPath);
        }

        /** An idle generator, or a new one when every generator is lent out (the first use on a thread). */
        SobolSequenceGenerator borrow() {
            SobolSequenceGenerator sequence = idle.poll();
            if (sequence == null) {
                built.incrementAndGet();
                sequence = new SobolSequenceGenerator(shift.length);
            }
            return sequence;
        }

        void giveBack(SobolSequenceGenerator sequence) {
            idle.offer(sequence);
        }
    }
}
