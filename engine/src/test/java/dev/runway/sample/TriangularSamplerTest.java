package dev.runway.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The triangular sampler's copies and validation; its distribution is checked in {@link SamplersTest}. */
class TriangularSamplerTest {
    private static final long SEED = 12345L;

    private static UniformRandomProvider generator() {
        return RandomSource.XO_SHI_RO_256_PP.create(SEED);
    }

    @Test
    void copyOnAnotherGeneratorDrawsTheSameSequenceAsAFreshSampler() {
        TriangularSampler original = TriangularSampler.of(RandomSource.XO_SHI_RO_256_PP.create(99L), 0.9, 1.0, 1.3);
        TriangularSampler copy = original.withUniformRandomProvider(generator());
        TriangularSampler fresh = TriangularSampler.of(generator(), 0.9, 1.0, 1.3);
        for (int i = 0; i < 10_000; i++) {
            // Drawing from the original as well shows the copy shares its configuration, not its stream.
            original.sample();
            assertEquals(fresh.sample(), copy.sample(), "draw " + i);
        }
    }

    @Test
    void copyFollowsTheTriangularDistribution() {
        int draws = 20_000;
        TriangularSampler copy = TriangularSampler.of(RandomSource.XO_SHI_RO_256_PP.create(99L), 2.0, 6.5, 7.0)
                .withUniformRandomProvider(generator());
        double[] sample = new double[draws];
        for (int i = 0; i < draws; i++) {
            sample[i] = copy.sample();
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new TriangularDistribution(2.0, 6.5, 7.0), sample);
        assertTrue(p > 0.001, "Kolmogorov-Smirnov rejects the copy's sample: p = " + p);
    }

    @Test
    void rejectsAModeOutsideMinToMaxAndAnEmptyRange() {
        UniformRandomProvider rng = generator();
        assertThrows(IllegalArgumentException.class, () -> TriangularSampler.of(rng, 1.0, 0.5, 2.0));
        assertThrows(IllegalArgumentException.class, () -> TriangularSampler.of(rng, 1.0, 2.5, 2.0));
        assertThrows(IllegalArgumentException.class, () -> TriangularSampler.of(rng, 2.0, 2.0, 2.0));
    }
}
