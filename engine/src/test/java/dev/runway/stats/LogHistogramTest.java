package dev.runway.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming histogram's percentiles against the exact order statistics, within its stated bound. */
class LogHistogramTest {

    /** The bound the manifest states: relative 2^-11, or FLOOR near zero. */
    private static double bound(double exact) {
        return Math.max(LogHistogram.RELATIVE_ERROR * Math.abs(exact), LogHistogram.FLOOR) * (1 + 1e-12);
    }

    @Test
    void everyRankIsWithinTheStatedErrorOfTheExactOrderStatistic() {
        SplittableRandom random = new SplittableRandom(17);
        double[] values = new double[200_000];
        for (int i = 0; i < values.length; i++) {
            // Cash-like values of both signs and many magnitudes, some near zero.
            values[i] = (random.nextDouble() < 0.3 ? -1 : 1) * Math.exp(random.nextDouble() * 16 - 8);
        }
        LogHistogram histogram = new LogHistogram();
        for (double value : values) {
            histogram.add(value);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double worst = 0;
        for (int rank = 0; rank < sorted.length; rank += 97) {
            double error = Math.abs(histogram.atRank(rank) - sorted[rank]);
            assertTrue(error <= bound(sorted[rank]), "rank " + rank + ": " + histogram.atRank(rank) + " vs " + sorted[rank]);
            worst = Math.max(worst, error / Math.max(Math.abs(sorted[rank]), LogHistogram.FLOOR));
        }
        assertTrue(worst > LogHistogram.RELATIVE_ERROR / 4, "the bound is not vacuous: worst relative error " + worst);
        assertEquals(sorted[0], histogram.atRank(0), 0.0, "the minimum is exact");
        assertEquals(sorted[sorted.length - 1], histogram.atRank(sorted.length - 1), 0.0, "the maximum is exact");
    }

    @Test
    void mergingInAnyOrderGivesTheSameCounts() {
        SplittableRandom random = new SplittableRandom(3);
        LogHistogram a = new LogHistogram();
        LogHistogram b = new LogHistogram();
        LogHistogram whole = new LogHistogram();
        for (int i = 0; i < 50_000; i++) {
            double value = 1000 * random.nextGaussian();
            (i % 2 == 0 ? a : b).add(value);
            whole.add(value);
        }
        LogHistogram ab = new LogHistogram();
        ab.merge(a);
        ab.merge(b);
        LogHistogram ba = new LogHistogram();
        ba.merge(b);
        ba.merge(a);
        for (long rank = 0; rank < whole.total(); rank += 1013) {
            assertEquals(whole.atRank(rank), ab.atRank(rank), 0.0);
            assertEquals(whole.atRank(rank), ba.atRank(rank), 0.0);
        }
    }

    @Test
    void aBucketsMidpointIsWithinTheBoundOfEveryValueInIt() {
        for (double value : new double[] {LogHistogram.FLOOR, 1.0, 1.0009765625, 1234.5678, -987.65, 0x1p40}) {
            double midpoint = LogHistogram.midpoint(LogHistogram.bucket(value));
            assertTrue(Math.abs(midpoint - value) <= bound(value), value + " -> " + midpoint);
        }
        assertEquals(0.0, LogHistogram.midpoint(LogHistogram.bucket(0.001)), 0.0, "tiny magnitudes share zero");
    }
}
