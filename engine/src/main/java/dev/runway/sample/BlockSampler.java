package dev.runway.sample;

/**
 * Draws many values of one distribution at a time into a primitive array, so the loop over a
 * block's paths runs inside one small class and stays monomorphic. A sampler holds only its
 * configuration (parameters, a precomputed quantile table); the stream comes with each call,
 * so one sampler serves every block and thread. {@link BlockSamplers#of} makes them.
 */
public interface BlockSampler {

    /** Fills {@code out[0 .. count-1]} with independent draws from the block's stream. */
    void fill(BlockRandom random, double[] out, int count);

    /** True when the distribution is a point mass: {@link #fill} draws nothing and accepts a null stream. */
    default boolean constant() {
        return false;
    }
}
