package dev.runway.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** Percentiles and tail means read from a sorted sample, checked against commons-math3 and a direct count. */
class SortedSampleTest {
    private static final int[] SIZES = {1, 2, 3, 4, 10, 37, 101, 1000, 4999};

    /** Levels of quarterly.csv plus awkward ones between and at the ends. */
    private static final double[] LEVELS = {0.001, 0.01, 0.05, 0.1, 0.25, 1.0 / 3.0, 0.5, 0.6180339887, 0.75, 0.9,
        0.95, 0.99, 0.999, 1.0};

    /**
     * Values with many ties: whole hundredths in [-5, 5), so larger samples repeat values and
     * interpolation often falls between equal order statistics.
     */
    private static double[] sampleWithTies(UniformRandomProvider rng, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (rng.nextInt(1000) - 500) / 100.0;
        }
        return values;
    }

    private static double[] continuousSample(UniformRandomProvider rng, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1e6 * (rng.nextDouble() - 0.3);
        }
        return values;
    }

    @Test
    void percentilesEqualCommonsMathsType7Estimate() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(12345L);
        Percentile r7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        for (int n : SIZES) {
            for (double[] values : new double[][] {sampleWithTies(rng, n), continuousSample(rng, n)}) {
                SortedSample sorted = SortedSample.of(values);
                // commons-math3 takes p as a percentage, so its position (n - 1) p differs from ours by
                // a rounding of p / 100: a few ulps of the position times the gap between neighbours.
                double tolerance = 1e-12 * (Math.abs(sorted.min()) + Math.abs(sorted.max()));
                for (double p : LEVELS) {
                    assertEquals(r7.evaluate(values, 100.0 * p), sorted.quantile(p), tolerance,
                            "n = " + n + ", p = " + p);
                }
                for (int k = 0; k < 50; k++) {
                    double p = 1e-9 + rng.nextDouble() * (1 - 1e-9);
                    assertEquals(r7.evaluate(values, 100.0 * p), sorted.quantile(p), tolerance,
                            "n = " + n + ", p = " + p);
                }
            }
        }
    }

    @Test
    void percentilesInterpolateBetweenOrderStatisticsAsTypeSevenDoes() {
        // n = 5: h = 4p, so the 0.3-quantile lies 0.2 of the way from x(2) = 20 to x(3) = 30.
        SortedSample sorted = SortedSample.of(new double[] {50, 10, 40, 20, 30});
        assertEquals(14.0, sorted.quantile(0.1), 1e-12);
        assertEquals(22.0, sorted.quantile(0.3), 1e-12);
        assertEquals(30.0, sorted.quantile(0.5));
        assertEquals(49.6, sorted.quantile(0.99), 1e-12);
    }

    @Test
    void aSampleOfOneValueHasThatValueAtEveryLevel() {
        SortedSample single = SortedSample.of(new double[] {-7.25});
        for (double p : new double[] {0.0, 0.01, 0.5, 0.99, 1.0}) {
            assertEquals(-7.25, single.quantile(p));
        }
        assertEquals(-7.25, single.lowerTailMean(0.05));
        assertEquals(-7.25, single.lowerTailMean(1.0));
    }

    @Test
    void aSampleOfTwoValuesInterpolatesLinearlyBetweenThem() {
        SortedSample pair = SortedSample.of(new double[] {3.0, -1.0});
        assertEquals(-1.0, pair.quantile(0.0));
        assertEquals(0.0, pair.quantile(0.25));
        assertEquals(1.0, pair.quantile(0.5));
        assertEquals(3.0, pair.quantile(1.0));
    }

    @Test
    void quantileZeroIsTheMinimumAndQuantileOneTheMaximum() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(7L);
        for (int n : SIZES) {
            double[] values = continuousSample(rng, n);
            SortedSample sorted = SortedSample.of(values);
            assertEquals(StatUtils.min(values), sorted.quantile(0.0));
            assertEquals(StatUtils.max(values), sorted.quantile(1.0));
            assertEquals(StatUtils.min(values), sorted.min());
            assertEquals(StatUtils.max(values), sorted.max());
            assertEquals(n, sorted.size());
        }
    }

    @Test
    void aLevelOutsideZeroToOneIsRejected() {
        SortedSample sorted = SortedSample.of(new double[] {1, 2, 3});
        for (double p : new double[] {-0.01, -Double.MIN_VALUE, 1.0000001, 95.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> sorted.quantile(p), "p = " + p);
        }
    }

    @Test
    void anEmptySampleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SortedSample.of(new double[0]));
    }

    @Test
    void sortingLeavesTheCallersValuesUnchanged() {
        double[] values = {3.0, 1.0, 2.0};
        SortedSample.of(values);
        assertArrayEquals(new double[] {3.0, 1.0, 2.0}, values);
    }

    @Test
    void lowerTailMeanIsTheMeanOfTheCeilingOfFractionTimesNSmallestValues() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(2024L);
        String[] fractions = {"0.01", "0.05", "0.1", "0.25", "0.5", "1"};
        for (int n : SIZES) {
            for (double[] values : new double[][] {sampleWithTies(rng, n), continuousSample(rng, n)}) {
                SortedSample sorted = SortedSample.of(values);
                double[] ascending = values.clone();
                Arrays.sort(ascending);
                for (String fraction : fractions) {
                    // The count in exact decimal arithmetic, at least one value.
                    int count = Math.max(1, new BigDecimal(fraction).multiply(BigDecimal.valueOf(n))
                            .setScale(0, RoundingMode.CEILING).intValueExact());
                    double expected = StatUtils.mean(ascending, 0, count);
                    // Both are means of the same values summed in different ways: rounding only.
                    double tolerance = 1e-12 * largestMagnitude(ascending);
                    assertEquals(expected, sorted.lowerTailMean(Double.parseDouble(fraction)), tolerance,
                            "n = " + n + ", fraction = " + fraction + ", count = " + count);
                }
            }
        }
    }

    private static double largestMagnitude(double[] ascending) {
        return Math.max(Math.abs(ascending[0]), Math.abs(ascending[ascending.length - 1]));
    }

    @Test
    void lowerTailMeanOfATinyFractionIsTheMinimum() {
        SortedSample sorted = SortedSample.of(new double[] {4, 8, 15, 16, 23, 42});
        assertEquals(4.0, sorted.lowerTailMean(0.01));
        assertEquals(6.0, sorted.lowerTailMean(2.0 / 6.0));
        assertEquals(108.0 / 6.0, sorted.lowerTailMean(1.0), 1e-12);
    }
}
