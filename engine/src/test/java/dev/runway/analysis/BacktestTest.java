package dev.runway.analysis;

import dev.runway.stats.ExactQuantiles;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestTest {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    /** The closed form of a normal forecast's CRPS (Gneiting and Raftery 2007). */
    private static double normalCrps(double mean, double sd, double y) {
        double z = (y - mean) / sd;
        return sd * (z * (2 * STANDARD.cumulativeProbability(z) - 1) + 2 * STANDARD.density(z) - 1 / Math.sqrt(Math.PI));
    }

    /** n values spread exactly as a normal's quantiles, so the sample is the distribution up to 1/n. */
    private static double[] normalQuantiles(double mean, double sd, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + sd * STANDARD.inverseCumulativeProbability((i + 0.5) / n);
        }
        return values;
    }

    @Test
    void crpsMatchesTheNormalsClosedFormForASampleThatIsTheNormal() {
        double[] forecast = normalQuantiles(100, 20, 200_000);
        for (double y : new double[] {100, 90, 140, 20, 260}) {
            assertEquals(normalCrps(100, 20, y), Backtest.score("s", 1, "Q1", "cash", forecast, y).crps(), 2e-3,
                    "y = " + y);
        }
    }

    @Test
    void crpsFromTheSortedValuesIsTheDefinitionOverEveryPairOfPaths() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        double[] forecast = new double[301];
        for (int i = 0; i < forecast.length; i++) {
            forecast[i] = 50 * rng.nextDouble() - 10 + (i % 7 == 0 ? forecast[i / 2] : 0);
        }
        for (double y : new double[] {-30, 0, 12.5, forecast[17], 80}) {
            double toValue = 0;
            double pairs = 0;
            for (double a : forecast) {
                toValue += Math.abs(a - y);
                for (double b : forecast) {
                    pairs += Math.abs(a - b);
                }
            }
            int n = forecast.length;
            double definition = toValue / n - pairs / (2.0 * n * n);
            assertEquals(definition, Backtest.score("s", 1, "Q1", "cash", forecast, y).crps(), 1e-9 * (1 + definition));
        }
        assertEquals(7.0, Backtest.score("s", 1, "Q1", "cash", new double[] {3}, 10).crps(), 0.0,
                "one path: the absolute error");
    }

    @Test
    void bandsArePercentilesOfTheSameKindAsQuarterlyCsv() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] forecast = new double[10_007];
        for (int i = 0; i < forecast.length; i++) {
            forecast[i] = 1000 + 300 * normal.sample();
        }
        double[] levels = {0.05, 0.25, 0.50, 0.75, 0.95};
        ExactQuantiles exact = ExactQuantiles.of(forecast.clone(), levels, 1, 0.95);
        Backtest.Score score = Backtest.score("s", 1, "Q1", "cash", forecast, 900);
        double[] bands = {score.p05(), score.p25(), score.p50(), score.p75(), score.p95()};
        for (int l = 0; l < levels.length; l++) {
            assertEquals(exact.quantile(l).value(), bands[l], 0.0, "level " + levels[l]);
        }
    }

    @Test
    void pitCountsThePathsBelowAndTiesHalf() {
        double[] forecast = {1, 2, 2, 3};
        assertEquals(0.0, Backtest.score("s", 1, "Q1", "x", forecast, 0.5).pit());
        assertEquals(0.125, Backtest.score("s", 1, "Q1", "x", forecast, 1).pit());
        assertEquals(0.5, Backtest.score("s", 1, "Q1", "x", forecast, 2).pit());
        assertEquals(0.25, Backtest.score("s", 1, "Q1", "x", forecast, 1.5).pit());
        assertEquals(1.0, Backtest.score("s", 1, "Q1", "x", forecast, 9).pit());
    }

    /**
     * Outcomes drawn from the forecast's own distribution give uniform PITs and nominal band
     * coverage; a forecast half as wide as the outcomes' spread is caught by both.
     */
    @Test
    void aCalibratedForecastHasUniformPitsAndNominalCoverageAndANarrowOneDoesNot() {
        double[] forecast = normalQuantiles(0, 1, 20_000);
        double[] narrow = normalQuantiles(0, 0.5, 20_000);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2026L);
        ZigguratSampler.NormalizedGaussian outcome = ZigguratSampler.NormalizedGaussian.of(rng);
        List<Backtest.Score> calibrated = new ArrayList<>();
        List<Backtest.Score> overconfident = new ArrayList<>();
        for (int q = 1; q <= 400; q++) {
            double y = outcome.sample();
            calibrated.add(Backtest.score("calibrated", q, "Q" + q, "cash", forecast, y));
            overconfident.add(Backtest.score("narrow", q, "Q" + q, "cash", narrow, y));
        }
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        UniformRealDistribution uniform = new UniformRealDistribution(null, 0, 1);
        double pCalibrated = ks.kolmogorovSmirnovTest(uniform, calibrated.stream().mapToDouble(Backtest.Score::pit)
                .toArray());
        double pNarrow = ks.kolmogorovSmirnovTest(uniform, overconfident.stream().mapToDouble(Backtest.Score::pit)
                .toArray());
        assertTrue(pCalibrated > 0.001, "calibrated PITs look uniform, p = " + pCalibrated);
        assertTrue(pNarrow < 1e-6, "a too-narrow forecast's PITs pile at the ends, p = " + pNarrow);

        Backtest.Coverage good = Backtest.coverage(calibrated).get(0);
        Backtest.Coverage bad = Backtest.coverage(overconfident).get(0);
        assertEquals(400, good.scored());
        assertTrue(good.pValue50() > 0.001 && good.pValue90() > 0.001, good.toString());
        assertTrue(bad.pValue50() < 1e-6 && bad.pValue90() < 1e-6, bad.toString());
        assertTrue(Math.abs(good.meanPit() - 0.5) < 0.05, good.toString());
        assertTrue(bad.meanCrps() > good.meanCrps(), "the narrow forecast scores worse: " + bad + " " + good);
    }

    @Test
    void theBinomialPValueIsRsBinomTest() {
        // The definition of R's binom.test; the values worked by hand from the binomial probabilities.
        assertEquals(1.0, Backtest.twoSidedPValue(2, 1, 0.5), 1e-12);
        assertEquals(0.34375, Backtest.twoSidedPValue(10, 3, 0.5), 1e-12);
        assertEquals(0.0701908264, Backtest.twoSidedPValue(10, 7, 0.9), 1e-9);
        assertEquals(0.0, Backtest.twoSidedPValue(400, 0, 0.9), 1e-12);
    }

    @Test
    void coverageIsPerScenarioAndItemWithExactBinomialPValues() {
        double[] forecast = normalQuantiles(0, 1, 1000);
        List<Backtest.Score> scores = List.of(
                Backtest.score("a", 1, "Q1", "cash", forecast, 0.1),
                Backtest.score("a", 2, "Q2", "cash", forecast, 3.0),
                Backtest.score("a", 1, "Q1", "revenue", forecast, 1.0),
                Backtest.score("b", 1, "Q1", "cash", forecast, -0.2));
        List<Backtest.Coverage> coverage = Backtest.coverage(scores);
        assertEquals(List.of("a cash", "a revenue", "b cash"), coverage.stream().map(c -> c.scenario() + " " + c.item())
                .toList());
        Backtest.Coverage cash = coverage.get(0);
        assertEquals(2, cash.scored());
        assertEquals(1, cash.in50());
        assertEquals(1, cash.in90());
        // One of two inside a 50% band: the two-sided binomial p-value is 1; one of two inside a 90% band:
        // P(at most 1) = 1 - 0.81 = 0.19, and nothing is as unlikely on the other side.
        assertEquals(1.0, cash.pValue50(), 1e-12);
        assertEquals(0.19, cash.pValue90(), 1e-12);
        assertFalse(scores.get(1).in90());
    }
}
