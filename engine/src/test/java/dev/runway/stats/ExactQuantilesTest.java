package dev.runway.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The histogram-and-refine selection gives exactly the order statistics of a full sort
 * ({@link SortedSample}, itself checked against commons-math3): bit for bit for percentiles, and
 * the tail mean up to the rounding of a differently ordered sum.
 */
class ExactQuantilesTest {
    private static final double[] LEVELS = ScenarioStatistics.percentileLevels();

    static Stream<Arguments> columns() {
        SplittableRandom random = new SplittableRandom(2025);
        double[] normal = new double[100_001];
        double[] heavyTail = new double[50_000];
        double[] ties = new double[20_000];
        double[] spike = new double[30_000];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = 1000 + 300 * gaussian(random);
        }
        for (int i = 0; i < heavyTail.length; i++) {
            heavyTail[i] = Math.exp(3 * gaussian(random));
        }
        for (int i = 0; i < ties.length; i++) {
            ties[i] = random.nextInt(7) * 0.5;
        }
        for (int i = 0; i < spike.length; i++) {
            // Nearly every value in one histogram bin, a few far away: the refinement sorts a big bin.
            spike[i] = i % 1000 == 0 ? 1e9 : 1 + 1e-12 * random.nextDouble();
        }
        return Stream.of(
                Arguments.of("a normal column", normal),
                Arguments.of("a heavy right tail", heavyTail),
                Arguments.of("many ties", ties),
                Arguments.of("a spike with far outliers", spike),
                Arguments.of("one value", new double[] {42}),
                Arguments.of("two values", new double[] {3, -1}),
                Arguments.of("a constant column", new double[] {5, 5, 5, 5}),
                Arguments.of("an infinite value", new double[] {1, 2, Double.NEGATIVE_INFINITY, 4, 5}));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void percentilesEqualThoseOfAFullSortExactly(String name, double[] values) {
        double[] before = values.clone();
        SortedSample sorted = SortedSample.of(values);
        int tailCount = Math.max(1, (5 * values.length + 99) / 100);
        ExactQuantiles exact = ExactQuantiles.of(values, LEVELS, tailCount, 0.95);
        for (int l = 0; l < LEVELS.length; l++) {
            assertEquals(sorted.quantile(LEVELS[l]), exact.quantile(l).value(), 0.0, name + " P" + LEVELS[l]);
            int[] ranks = Intervals.orderStatisticRanks(values.length, LEVELS[l], 0.95);
            assertEquals(Math.min(sorted.atRank(ranks[0]), exact.quantile(l).value()), exact.quantile(l).low(), 0.0,
                    name + " P" + LEVELS[l] + " low end");
            assertEquals(Math.max(sorted.atRank(ranks[1]), exact.quantile(l).value()), exact.quantile(l).high(), 0.0,
                    name + " P" + LEVELS[l] + " high end");
        }
        assertEquals(sorted.min(), exact.min(), 0.0);
        assertEquals(sorted.max(), exact.max(), 0.0);
        double reference = sorted.lowerTailMean((double) tailCount / values.length);
        // The two sums add the same values in different orders: n roundings of at most half an ulp each.
        double tolerance = Double.isFinite(reference) ? values.length * Math.ulp(Math.abs(reference)) : 0.0;
        assertEquals(reference, exact.tailMean(), tolerance, name + " tail mean");
        assertEquals(Arrays.toString(before), Arrays.toString(values), "the column is not reordered");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void aColumnSummarizedInThreePassesIsTheFivePassSummaryToTheBit(String name, double[] values) {
        int tailCount = Math.max(1, (5 * values.length + 99) / 100);
        int[] ranks = Quantiles.ranks(values.length, LEVELS, 0.95);
        ScenarioStatistics.Column fused = ExactQuantiles.summarize(values, LEVELS, ranks, tailCount);
        Moments moments = Moments.of(values);
        ExactQuantiles apart = ExactQuantiles.of(values, LEVELS, tailCount, 0.95);
        assertEquals(moments, fused.moments(), name + " moments");
        for (int l = 0; l < LEVELS.length; l++) {
            assertEquals(apart.quantile(l), fused.quantiles().quantile(l), name + " P" + LEVELS[l]);
        }
        assertEquals(apart.tailMean(), fused.quantiles().tailMean(), 0.0, name + " tail mean");
        assertEquals(apart.min(), fused.quantiles().min(), 0.0, name + " min");
        assertEquals(apart.max(), fused.quantiles().max(), 0.0, name + " max");
    }

    @Test
    void tailMeanOfOneValueIsTheMinimumAndOfAllValuesIsTheMean() {
        double[] values = {4, 8, 15, 16, 23, 42};
        assertEquals(4.0, ExactQuantiles.of(values, LEVELS, 1, 0.95).tailMean(), 0.0);
        assertEquals(18.0, ExactQuantiles.of(values, LEVELS, values.length, 0.95).tailMean(), 1e-12);
    }

    @Test
    void refusesAnEmptyColumnATailOutsideItAndALevelOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> ExactQuantiles.of(new double[0], LEVELS, 1, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ExactQuantiles.of(new double[] {1, 2}, LEVELS, 3, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ExactQuantiles.of(new double[] {1, 2}, new double[] {1.5}, 1, 0.95));
    }
}
