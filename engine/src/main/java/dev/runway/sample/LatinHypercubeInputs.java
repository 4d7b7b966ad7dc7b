package dev.runway.sample;

/**
 * Latin hypercube sampling of the per-path drivers: within a block of {@code n} paths, each
 * driver's uniforms are stratified — exactly one path falls in each of the {@code n} equal
 * slices of [0, 1), in an independently shuffled order per driver — so every block covers each
 * driver's whole distribution evenly. Events and quarterly shocks stay plain Monte Carlo.
 */
public final class LatinHypercubeInputs implements RandomInputs {
    private final MonteCarloInputs fresh;
    private final double[][] strata;
    private int chunkStart;

    /**
     * @param stratified the dimensions to stratify (the drivers: 0 .. stratified - 1)
     * @param blockPaths the paths of the block, the number of slices
     */
    public LatinHypercubeInputs(BlockRandom random, int stratified, int blockPaths) {
        this.fresh = new MonteCarloInputs(random);
        this.strata = new double[stratified][blockPaths];
        int[] order = new int[blockPaths];
        for (double[] dimension : strata) {
            for (int i = 0; i < blockPaths; i++) {
                order[i] = i;
            }
            for (int i = blockPaths - 1; i > 0; i--) {
                int j = random.below(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int i = 0; i < blockPaths; i++) {
                dimension[i] = (order[i] + random.uniform()) / blockPaths;
            }
        }
    }

    @Override
    public void startChunk(int firstInBlock, int paths) {
        chunkStart = firstInBlock;
    }

    @Override
    public void uniforms(int dimension, double[] out, int n) {
        if (dimension < strata.length) {
            System.arraycopy(strata[dimension], chunkStart, out, 0, n);
        } else {
            fresh.uniforms(dimension, out, n);
        }
    }

    @Override
    public void normals(int dimension, double[] out, int n) {
        if (dimension < strata.length) {
            for (int i = 0; i < n; i++) {
                double u = strata[dimension][chunkStart + i];
                // A stratum value of exactly 0 (probability 2^-53) would map to -infinity.
                out[i] = StandardNormal.inverseCdf(u > 0 ? u : Double.MIN_VALUE);
            }
        } else {
            fresh.normals(dimension, out, n);
        }
    }
}
