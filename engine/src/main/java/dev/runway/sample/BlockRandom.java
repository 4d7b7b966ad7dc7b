package dev.runway.sample;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The random stream of one block of paths, with the two draws everything else is built from:
 * a uniform on [0, 1) and a standard normal (the ziggurat of Commons RNG).
 */
public final class BlockRandom {
    private final UniformRandomProvider uniform;
    private final ZigguratSampler.NormalizedGaussian normal;

    public BlockRandom(UniformRandomProvider uniform) {
        this.uniform = uniform;
        this.normal = ZigguratSampler.NormalizedGaussian.of(uniform);
    }

    /** A uniform draw on [0, 1). */
    public double uniform() {
        return uniform.nextDouble();
    }

    /** A standard normal draw. */
    public double normal() {
        return normal.sample();
    }

    /** A uniform integer in [0, n). */
    public int below(int n) {
        return uniform.nextInt(n);
    }
}
