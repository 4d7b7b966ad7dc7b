package dev.runway.sample;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A sampling method prepared for one run ({@link SamplingMethod#prepare}): what the method shares
 * across the run's blocks — Sobol's generator and its rotations — is made once, here, and each
 * block then gets its inputs from its own stream and its index alone. So a block is the same
 * whichever thread, task or machine computes it, and any thread may ask for any block at the
 * same time as others.
 */
@FunctionalInterface
public interface PreparedMethod {

    /**
     * The inputs of one block, for the caller alone.
     *
     * @param stream         the block's stream ({@link BlockStreams#forBlocks})
     * @param blockFirstPath the run's index of the block's first path
     * @param blockPaths     the paths of the block
     */
    RandomInputs block(UniformRandomProvider stream, long blockFirstPath, int blockPaths);
}
