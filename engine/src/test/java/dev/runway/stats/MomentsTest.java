package dev.runway.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Mean and sample standard deviation checked against commons-math3's descriptive statistics. */
class MomentsTest {
    /**
     * Both sides compute the same quantities with different rounding; two-pass sums of a few
     * thousand doubles agree to far better than this relative tolerance.
     */
    private static final double RELATIVE = 1e-9;

    private static void assertMatchesDescriptiveStatistics(double[] values) {
        DescriptiveStatistics reference = new DescriptiveStatistics(values);
        Moments moments = Moments.of(values);
        assertEquals(reference.getMean(), moments.mean(), RELATIVE * Math.abs(reference.getMean()) + 1e-300,
                "mean of " + values.length + " values");
        assertEquals(reference.getStandardDeviation(), moments.sd(), RELATIVE * reference.getStandardDeviation(),
                "sd of " + values.length + " values");
    }

    @Test
    void meanAndSampleSdEqualCommonsMathOnNormalData() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(12345L);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int n : new int[] {2, 3, 10, 1000, 50_000}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = -2.5e5 + 3.0e4 * gaussian.sample();
            }
            assertMatchesDescriptiveStatistics(values);
        }
    }

    @Test
    void meanAndSampleSdEqualCommonsMathWhenTheSpreadIsTinyNextToTheMean() {
        // A large offset with a small spread is where a one-pass sum of squares would lose every digit.
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(777L);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1.0e9 + rng.nextDouble();
        }
        assertMatchesDescriptiveStatistics(values);
    }

    @Test
    void theSdIsTheSampleSdWithNMinusOneInTheDenominator() {
        Moments moments = Moments.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertEquals(5.0, moments.mean());
        assertEquals(Math.sqrt(32.0 / 7.0), moments.sd(), 1e-15);
    }

    @Test
    void aSingleValueHasZeroSdAndConstantDataHasZeroSd() {
        assertEquals(new Moments(3.5, 0.0), Moments.of(new double[] {3.5}));
        Moments constant = Moments.of(new double[] {0.1, 0.1, 0.1, 0.1});
        assertEquals(0.1, constant.mean(), 1e-17);
        assertEquals(0.0, constant.sd(), 1e-17);
    }
}
