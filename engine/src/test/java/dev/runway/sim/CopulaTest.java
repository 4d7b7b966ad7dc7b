package dev.runway.sim;

import dev.runway.model.Copula;
import dev.runway.model.Correlation;
import dev.runway.model.CorrelationMatrix;
import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Scenario;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Gaussian copula: sampled drivers have the rank correlations the inputs ask for, and each
 * keeps exactly its declared marginal.
 */
class CopulaTest {
    private static final int PATHS = 40_000;
    private static Simulation simulation;

    @BeforeAll
    static void start() {
        simulation = new Simulation(2);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    private static final String TREND = "volume_trend";
    private static final String MARGIN = "contribution_margin";
    private static final String REALIZATION = "savings_realization";
    private static final String OVERRUN = "restructuring_overrun";
    private static final String REFINANCED = "refinancing_share";

    /** Four drivers of four families, with rank correlations of both signs. */
    private static Scenario correlated() {
        List<Correlation> correlations = List.of(
                new Correlation(TREND, MARGIN, 0.6, "test"),
                new Correlation(TREND, REFINANCED, 0.4, "test"),
                new Correlation(REALIZATION, OVERRUN, -0.5, "test"),
                new Correlation(MARGIN, REALIZATION, 0.2, "test"));
        List<String> order = List.of(TREND, MARGIN, REALIZATION, OVERRUN, REFINANCED);
        double[][] matrix = new double[order.size()][order.size()];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i][i] = 1;
        }
        for (Correlation c : correlations) {
            int i = order.indexOf(c.a());
            int j = order.indexOf(c.b());
            matrix[i][j] = CorrelationMatrix.gaussianFromSpearman(c.rho());
            matrix[j][i] = matrix[i][j];
        }
        Scenario base = new ScenarioBuilder(2)
                .driver(TREND, Distribution.of(DistributionKind.NORMAL, -0.01, 0.005))
                .driver(MARGIN, Distribution.of(DistributionKind.PERT, 0.18, 0.2, 0.25))
                .driver(REALIZATION, Distribution.of(DistributionKind.BETA, 2, 3, 0.3, 1.1))
                .driver(OVERRUN, Distribution.of(DistributionKind.LOGNORMAL, 0.1, 0.25))
                .driver(REFINANCED, Distribution.of(DistributionKind.UNIFORM, 0.4, 0.9))
                .baseRevenue(100).build();
        return new Scenario(base.name(), base.description(), base.drivers(), base.driverSources(), base.events(),
                base.schedule(), correlations, new Copula(order, CorrelationMatrix.of(matrix), null), base.model());
    }

    private static PathResults run(Scenario scenario) {
        return simulation.run(scenario, 11L, PathResults.recording(scenario, PATHS), new AtomicLong());
    }

    @Test
    void sampledDriversHaveTheRankCorrelationsAsked() {
        PathResults results = run(correlated());
        SpearmansCorrelation spearman = new SpearmansCorrelation();
        for (Correlation c : correlated().correlations()) {
            double achieved = spearman.correlation(results.driver(ScenarioBuilder.STANDARD, c.a()), results.driver(ScenarioBuilder.STANDARD, c.b()));
            // Bonett and Wright's standard error of Spearman's rho.
            double se = (1 - c.rho() * c.rho()) * Math.sqrt((1 + c.rho() * c.rho() / 2) / (PATHS - 3));
            assertEquals(c.rho(), achieved, 4 * se, c.a() + " ~ " + c.b());
        }
        // A pair the inputs leave out has 0 in the normals' matrix, so it is independent.
        double independent = spearman.correlation(results.driver(ScenarioBuilder.STANDARD, OVERRUN), results.driver(ScenarioBuilder.STANDARD, REFINANCED));
        assertEquals(0.0, independent, 4 * Math.sqrt(1.0 / (PATHS - 3)), "overrun and refinancing are unlinked");
    }

    @Test
    void everyCorrelatedDriverKeepsItsDeclaredMarginal() {
        PathResults results = run(correlated());
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double[] margin = standardized(results.driver(ScenarioBuilder.STANDARD, MARGIN), 0.18, 0.07);
        double[] realization = standardized(results.driver(ScenarioBuilder.STANDARD, REALIZATION), 0.3, 0.8);
        double pertAlpha = 1 + 4 * (0.2 - 0.18) / 0.07;
        double pertBeta = 1 + 4 * (0.25 - 0.2) / 0.07;
        assertMarginal(ks.kolmogorovSmirnovTest(new NormalDistribution(-0.01, 0.005), results.driver(ScenarioBuilder.STANDARD, TREND)), "trend");
        assertMarginal(ks.kolmogorovSmirnovTest(new BetaDistribution(pertAlpha, pertBeta), margin), "margin");
        assertMarginal(ks.kolmogorovSmirnovTest(new BetaDistribution(2, 3), realization), "realization");
        assertMarginal(ks.kolmogorovSmirnovTest(new LogNormalDistribution(0.1, 0.25), results.driver(ScenarioBuilder.STANDARD, OVERRUN)),
                "overrun");
        assertMarginal(ks.kolmogorovSmirnovTest(new UniformRealDistribution(0.4, 0.9), results.driver(ScenarioBuilder.STANDARD, REFINANCED)),
                "refinancing");
    }

    @Test
    void withoutCorrelationsTheSameDriversAreIndependent() {
        Scenario correlated = correlated();
        Scenario independent = new Scenario(correlated.name(), correlated.description(), correlated.drivers(),
                correlated.driverSources(), correlated.events(), correlated.schedule(), List.of(), Copula.INDEPENDENT,
                correlated.model());
        PathResults results = run(independent);
        double rho = new SpearmansCorrelation().correlation(results.driver(ScenarioBuilder.STANDARD, TREND), results.driver(ScenarioBuilder.STANDARD, MARGIN));
        assertEquals(0.0, rho, 4 * Math.sqrt(1.0 / (PATHS - 3)), "the test above can tell correlation from none");
    }

    private static void assertMarginal(double pValue, String driver) {
        assertTrue(pValue > 1e-3, driver + ": Kolmogorov-Smirnov p = " + pValue);
    }

    private static double[] standardized(double[] values, double offset, double scale) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (values[i] - offset) / scale;
        }
        return out;
    }
}
