package dev.runway.sample;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.SharedStateContinuousSampler;

/** Samples the triangular distribution on [min, max] with its mode by inverting its CDF in closed form. */
public final class TriangularSampler implements SharedStateContinuousSampler {
    private final UniformRandomProvider rng;
    private final double min;
    private final double max;
    private final double mode;
    private final double modeQuantile;
    private final double lowerScale;
    private final double upperScale;

    private TriangularSampler(UniformRandomProvider rng, double min, double mode, double max) {
        this.rng = rng;
        this.min = min;
        this.max = max;
        this.mode = mode;
        this.modeQuantile = (mode - min) / (max - min);
        this.lowerScale = (max - min) * (mode - min);
        this.upperScale = (max - min) * (max - mode);
    }

    /** @throws IllegalArgumentException unless {@code min <= mode <= max} and {@code min < max} */
    public static TriangularSampler of(UniformRandomProvider rng, double min, double mode, double max) {
        if (!(min < max && min <= mode && mode <= max)) {
            throw new IllegalArgumentException("triangular needs min <= mode <= max and min < max, found " + min + ", "
                    + mode + ", " + max);
        }
        return new TriangularSampler(rng, min, mode, max);
    }

    @Override
    public double sample() {
        double u = rng.nextDouble();
        return u < modeQuantile ? min + Math.sqrt(u * lowerScale) : max - Math.sqrt((1.0 - u) * upperScale);
    }

    @Override
    public TriangularSampler withUniformRandomProvider(UniformRandomProvider other) {
        return new TriangularSampler(other, min, mode, max);
    }
}
