package dev.runway.sample;

import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Randomized quasi-Monte Carlo: path {@code k} of the run takes point {@code k} of the Sobol
 * sequence (commons-math3, Joe and Kuo's direction numbers, up to 1,000 dimensions) in every
 * input, each coordinate shifted by a random amount modulo 1 (a Cranley-Patterson rotation).
 * The shifts come from the run's seed, so the same for every block, thread and machine; they
 * make every path uniformly distributed (so estimates are unbiased), keep the sequence's even
 * spread, and give independent replicates for different seeds — which is how the error of a
 * quasi-random estimate can be measured at all. commons-math3 hands out each point as a new array,
 * so this method allocates per path (plain Monte Carlo does not).
 */
public final class SobolInputs implements RandomInputs {
    /** The most dimensions commons-math3's bundled direction numbers support. */
    public static final int MAX_DIMENSIONS = 1000;

    private final SobolSequenceGenerator sequence;
    private final double[] shift;
    private final long blockFirstPath;
    private final double[][] points;

    /**
     * @param shift          the rotation of each dimension, from {@link #shifts}
     * @param blockFirstPath the run's index of the block's first path
     * @param chunk          the most paths a chunk has
     */
    public SobolInputs(double[] shift, long blockFirstPath, int chunk) {
        if (shift.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("the Sobol sequence supports at most " + MAX_DIMENSIONS
                    + " dimensions; a path here has " + shift.length);
        }
        this.sequence = new SobolSequenceGenerator(shift.length);
        this.shift = shift;
        this.blockFirstPath = blockFirstPath;
        this.points = new double[shift.length][chunk];
    }

    /** The rotation of each of {@code dimensions} coordinates, drawn from the run's seed. */
    public static double[] shifts(long seed, int dimensions) {
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
}
