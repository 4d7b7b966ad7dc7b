package dev.runway.sample;

import dev.runway.model.Distribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteUniformSampler;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.TSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Binds a model {@link Distribution} to a generator as a fast Commons RNG sampler: the ziggurat
 * for normals, Cheng's algorithm for beta and PERT, closed-form inversion for the triangular.
 * None of them goes through commons-math3's slow {@code sample()} or an iterative inverse CDF.
 */
public final class Samplers {
    private Samplers() {
    }

    public static ContinuousSampler of(Distribution distribution, UniformRandomProvider rng) {
        double p1 = distribution.parameter(0);
        switch (distribution.kind()) {
            case CONSTANT:
                return () -> p1;
            case NORMAL:
                return GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), p1, distribution.parameter(1));
            case LOGNORMAL:
                return LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), p1, distribution.parameter(1));
            case UNIFORM:
                return ContinuousUniformSampler.of(rng, p1, distribution.parameter(1));
            case TRIANGULAR:
                return TriangularSampler.of(rng, p1, distribution.parameter(1), distribution.parameter(2));
            case PERT:
                return pert(rng, p1, distribution.parameter(1), distribution.parameter(2));
            case BETA:
                double min = distribution.parameter(2);
                return affine(ChengBetaSampler.of(rng, p1, distribution.parameter(1)), min,
                        distribution.parameter(3) - min);
            case STUDENT_T:
                return affine(TSampler.of(rng, distribution.parameter(2)), p1, distribution.parameter(1));
            case DISCRETE_UNIFORM:
                DiscreteSampler discrete = DiscreteUniformSampler.of(rng, (int) p1, (int) distribution.parameter(1));
                return discrete::sample;
            case BERNOULLI:
                return () -> rng.nextDouble() < p1 ? 1.0 : 0.0;
            default:
                throw new AssertionError(distribution.kind());
        }
    }

    /**
     * The beta-PERT of project risk tools: a beta on [min, max] with shape 4, so its mean is
     * {@code (min + 4 mode + max) / 6}.
     */
    static ContinuousSampler pert(UniformRandomProvider rng, double min, double mode, double max) {
        double range = max - min;
        double alpha = 1.0 + 4.0 * (mode - min) / range;
        double beta = 1.0 + 4.0 * (max - mode) / range;
        return affine(ChengBetaSampler.of(rng, alpha, beta), min, range);
    }

    /** {@code offset + scale * x}: moves a beta on [0, 1] to [min, max], or a standard t to its location and scale. */
    private static ContinuousSampler affine(ContinuousSampler standard, double offset, double scale) {
        return () -> offset + scale * standard.sample();
    }
}
