package dev.runway.fit;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.FiscalQuarter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seasonal AR(1) recovers the quarterly means, phi and sigma of a series simulated from it. */
class SeasonalAr1Test {
    private static final double[] MEANS = {-80, 40, -20, 60};
    private static final double SIGMA = 25;

    /**
     * {@code x(t) = m(q(t)) + d(t)}, {@code d(t) = phi d(t-1) + sigma e(t)}, e drawn by the engine's
     * normal sampler, starting from FY2001Q3 (so the first quarter is not Q1) at a stationary draw.
     */
    static Series simulate(double phi, int n, long seed) {
        double[] e = Draws.of(Distribution.of(DistributionKind.NORMAL, 0, 1), n, seed);
        double[] x = new double[n];
        List<FiscalQuarter> quarters = new ArrayList<>();
        List<List<Integer>> lines = new ArrayList<>();
        FiscalQuarter q = new FiscalQuarter(2001, 3);
        double deviation = SIGMA * e[0] / Math.sqrt(1 - phi * phi);
        for (int t = 0; t < n; t++) {
            if (t > 0) {
                deviation = phi * deviation + SIGMA * e[t];
            }
            x[t] = MEANS[q.quarter() - 1] + deviation;
            quarters.add(q);
            lines.add(List.of(t + 2));
            q = q.plus(1);
        }
        return new Series("working_capital", "JPY bn", quarters, x, lines);
    }

    /** Every estimate lies within 3 of its own standard errors of the value simulated. */
    @ParameterizedTest
    @ValueSource(doubles = {-0.4, 0.6})
    void recoversTheQuarterlyMeansPhiAndSigmaOfASimulatedSeries(double phi) throws FitException {
        SeasonalAr1 fit = SeasonalAr1.fit(simulate(phi, 2000, 17));
        for (int q = 0; q < 4; q++) {
            assertWithin(MEANS[q], fit.means()[q], fit.meanErrors()[q], "m(Q" + (q + 1) + ")");
        }
        assertWithin(phi, fit.phi(), fit.phiError(), "phi");
        assertWithin(SIGMA, fit.sigma(), fit.sigmaError(), "sigma");
        assertEquals(1999, fit.residuals().length);
    }

    /**
     * The standard errors are honest: over repeated series, the estimates spread as much as the
     * errors say (their sd within 25% of the mean reported error, which 30 replicates measure to
     * about 13%).
     */
    @Test
    void theStandardErrorsMatchTheSpreadOverRepeatedSeries() throws FitException {
        int replicates = 30;
        double[] phis = new double[replicates];
        double[] firstMeans = new double[replicates];
        double phiError = 0;
        double meanError = 0;
        for (int r = 0; r < replicates; r++) {
            SeasonalAr1 fit = SeasonalAr1.fit(simulate(-0.4, 200, 100 + r));
            phis[r] = fit.phi();
            firstMeans[r] = fit.means()[0];
            phiError += fit.phiError() / replicates;
            meanError += fit.meanErrors()[0] / replicates;
        }
        double phiSpread = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(phis);
        double meanSpread = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(firstMeans);
        assertEquals(1, phiSpread / phiError, 0.25, "phi: spread " + phiSpread + ", error " + phiError);
        assertEquals(1, meanSpread / meanError, 0.25, "m(Q1): spread " + meanSpread + ", error " + meanError);
    }

    /** The last deviation is where the pasted AR(1) starts: the last value less its quarter's mean. */
    @Test
    void theLastDeviationIsTheLastValueLessItsQuartersMean() throws FitException {
        Series series = simulate(0.3, 40, 3);
        SeasonalAr1 fit = SeasonalAr1.fit(series);
        double[] x = series.values();
        assertEquals(series.to(), fit.last());
        assertEquals(x[x.length - 1], fit.lastValue());
        assertEquals(x[x.length - 1] - fit.means()[series.to().quarter() - 1], fit.lastDeviation(), 1e-12);
    }

    @Test
    void fewerThanThreeYearsAreRefusedWithHowManyAreNeeded() {
        FitException e = assertThrows(FitException.class, () -> SeasonalAr1.fit(simulate(0.3, 11, 3)));
        assertTrue(e.getMessage().contains("needs at least 12 consecutive quarters"), e.getMessage());
        assertTrue(e.getMessage().contains("has 11"), e.getMessage());
    }

    private static void assertWithin(double truth, double estimate, double error, String what) {
        assertTrue(error > 0, what + " has no standard error");
        assertTrue(Math.abs(estimate - truth) <= 3 * error, what + ": " + estimate + " against " + truth
                + ", standard error " + error);
    }
}
