package dev.runway.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Equal-width bins from a sample's minimum to its maximum, each [low, high) except the last. */
class HistogramTest {

    private static double[] normalSample(int n) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(12345L);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1.5e6 + 4.0e5 * gaussian.sample();
        }
        return values;
    }

    private static Histogram ofSample(double[] values, int bins) {
        return Histogram.of(values, StatUtils.min(values), StatUtils.max(values), bins);
    }

    @Test
    void countsAddUpToTheNumberOfValues() {
        double[] values = normalSample(10_000);
        for (int bins : new int[] {1, 7, 30, 100}) {
            Histogram histogram = ofSample(values, bins);
            long total = 0;
            for (long count : histogram.counts()) {
                total += count;
            }
            assertEquals(values.length, total, bins + " bins");
            assertEquals(bins, histogram.bins());
        }
    }

    @Test
    void theMaximumLandsInTheLastBin() {
        double[] values = {0.0, 0.1, 0.2, 0.9, 1.7};
        Histogram histogram = ofSample(values, 3);
        assertArrayEquals(new long[] {3, 1, 1}, histogram.counts());

        Histogram onlyMax = Histogram.of(new double[] {1.7}, 0.0, 1.7, 3);
        assertArrayEquals(new long[] {0, 0, 1}, onlyMax.counts());
    }

    @Test
    void binsHaveEqualWidthAndTileMinToMaxWithoutGaps() {
        double[] values = normalSample(5_000);
        double min = StatUtils.min(values);
        double max = StatUtils.max(values);
        int bins = 30;
        Histogram histogram = Histogram.of(values, min, max, bins);
        double width = (max - min) / bins;
        // Edges are min + b * width: each one rounds to within an ulp of the range.
        double tolerance = 4 * Math.ulp(max);
        assertEquals(min, histogram.lows()[0]);
        assertEquals(max, histogram.highs()[bins - 1]);
        for (int b = 0; b < bins; b++) {
            assertEquals(width, histogram.highs()[b] - histogram.lows()[b], tolerance, "width of bin " + b);
            if (b > 0) {
                assertEquals(histogram.highs()[b - 1], histogram.lows()[b], "bins " + (b - 1) + " and " + b + " meet");
            }
        }
    }

    @Test
    void aValueOnAnEdgeBetweenTwoBinsGoesToTheUpperBin() {
        // Width 2 on [0, 10]: every edge is exact in binary, so the rule alone decides.
        Histogram histogram = Histogram.of(new double[] {0, 2, 4, 6, 8, 10}, 0.0, 10.0, 5);
        assertArrayEquals(new double[] {0, 2, 4, 6, 8}, histogram.lows());
        assertArrayEquals(new double[] {2, 4, 6, 8, 10}, histogram.highs());
        assertArrayEquals(new long[] {1, 1, 1, 1, 2}, histogram.counts());

        Histogram shifted = Histogram.of(new double[] {-3.0, -2.75, -2.5, -2.25, -2.0}, -3.0, -2.0, 4);
        assertArrayEquals(new long[] {1, 1, 1, 2}, shifted.counts());
    }

    @Test
    void aValueJustBelowAnEdgeStaysInTheLowerBin() {
        Histogram histogram = Histogram.of(new double[] {Math.nextDown(2.0), Math.nextDown(4.0), Math.nextDown(10.0)},
                0.0, 10.0, 5);
        assertArrayEquals(new long[] {1, 1, 0, 0, 1}, histogram.counts());
    }

    @Test
    void constantDataPutsEveryValueInOneBin() {
        double[] values = {42.0, 42.0, 42.0, 42.0};
        Histogram histogram = Histogram.of(values, 42.0, 42.0, 10);
        long[] expected = new long[10];
        expected[0] = values.length;
        assertArrayEquals(expected, histogram.counts());
        assertEquals(42.0, histogram.lows()[0]);
        assertEquals(42.0, histogram.highs()[9]);
    }

    @Test
    void fewerThanOneBinIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[] {1.0}, 0.0, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[] {1.0}, 0.0, 1.0, -3));
    }
}
