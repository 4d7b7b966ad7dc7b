package dev.runway.sample;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The random streams of a run. Block {@code b} of paths draws from the run's generator jumped
 * {@code b} times: xoshiro256++ seeded from the run's seed, each jump moving 2^128 draws ahead,
 * so blocks never overlap and any thread or machine that computes block {@code b} gets the same
 * numbers. Streams belong to blocks, never to threads.
 */
public final class BlockStreams {
    /** The generator family; named in the manifest. */
    public static final RandomSource SOURCE = RandomSource.XO_SHI_RO_256_PP;

    private BlockStreams() {
    }

    /**
     * A stream for draws that belong to the whole run rather than to a block (the Sobol
     * rotations): the seed's generator long-jumped 2^192 draws ahead, beyond every block's stream.
     */
    public static UniformRandomProvider forRun(long seed) {
        LongJumpableUniformRandomProvider generator = (LongJumpableUniformRandomProvider) SOURCE.create(seed);
        generator.longJump();
        return generator;
    }

    /** The generators of blocks {@code 0..count-1}, made by jumping once per block from the seed's generator. */
    public static UniformRandomProvider[] forBlocks(long seed, int count) {
        return forBlocks(seed, 0, count);
    }

    /** The generators of blocks {@code from..to-1} alone: what a task on another machine needs for its blocks. */
    public static UniformRandomProvider[] forBlocks(long seed, int from, int to) {
        JumpableUniformRandomProvider generator = (JumpableUniformRandomProvider) SOURCE.create(seed);
        for (int b = 0; b < from; b++) {
            generator.jump();
        }
        UniformRandomProvider[] streams = new UniformRandomProvider[to - from];
        for (int b = from; b < to; b++) {
            streams[b - from] = generator.jump();
        }
        return streams;
    }
}
