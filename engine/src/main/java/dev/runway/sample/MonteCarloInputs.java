package dev.runway.sample;

/** Plain Monte Carlo: every input a fresh draw from the block's stream, whatever its dimension. */
public final class MonteCarloInputs implements RandomInputs {
    private final BlockRandom random;

    public MonteCarloInputs(BlockRandom random) {
        this.random = random;
    }

    @Override
    public void startChunk(int firstInBlock, int paths) {
        // Nothing to prepare: draws are consumed in the order asked.
    }

    @Override
    public void uniforms(int dimension, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = random.uniform();
        }
    }

    @Override
    public void normals(int dimension, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = random.normal();
        }
    }
}
