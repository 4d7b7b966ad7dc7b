package dev.runway.sample;

/**
 * Antithetic pairs: the chunks of a block are paired (0 with 1, 2 with 3, …); the first of a
 * pair draws fresh inputs and records them, the second replays them mirrored — {@code 1 - u} for
 * uniforms, {@code -z} for normals — so path {@code i} of one chunk and path {@code i} of the next
 * see opposite luck in every input. A quantity monotone in the inputs then varies less between
 * the two than between independent paths, and its average converges faster.
 */
public final class AntitheticInputs implements RandomInputs {
    private static final double ONE_BELOW = Math.nextDown(1.0);

    private final MonteCarloInputs fresh;
    private final int chunk;
    private final double[][] recorded;
    private boolean mirror;

    /**
     * @param dimensions how many inputs a path has
     * @param chunk      the paths per chunk; a chunk and the next are a pair
     */
    public AntitheticInputs(BlockRandom random, int dimensions, int chunk) {
        this.fresh = new MonteCarloInputs(random);
        this.chunk = chunk;
        this.recorded = new double[dimensions][];
    }

    @Override
    public void startChunk(int firstInBlock, int paths) {
        mirror = (firstInBlock / chunk) % 2 == 1;
    }

    @Override
    public void uniforms(int dimension, double[] out, int n) {
        if (mirror) {
            double[] tape = recorded[dimension];
            for (int i = 0; i < n; i++) {
                // 1 - u lies in (0, 1]; the top is nudged back inside [0, 1).
                out[i] = Math.min(1.0 - tape[i], ONE_BELOW);
            }
        } else {
            fresh.uniforms(dimension, out, n);
            record(dimension, out, n);
        }
    }

    @Override
    public void normals(int dimension, double[] out, int n) {
        if (mirror) {
            double[] tape = recorded[dimension];
            for (int i = 0; i < n; i++) {
                out[i] = -tape[i];
            }
        } else {
            fresh.normals(dimension, out, n);
            record(dimension, out, n);
        }
    }

    private void record(int dimension, double[] values, int n) {
        if (recorded[dimension] == null) {
            recorded[dimension] = new double[chunk];
        }
        System.arraycopy(values, 0, recorded[dimension], 0, n);
    }
}
