package dev.runway.analysis;

import dev.runway.io.InputReader;
import dev.runway.model.Distribution;
import dev.runway.model.Scenario;
import dev.runway.sim.Simulation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Importance sampling on the shipped Nissan re_nissan scenario with its breach level moved so that
 * about one path in 10,000 breaches, against a plain run of 100,000,000 paths that counts its
 * breaches and keeps nothing else (about half a minute on two cores).
 */
class NissanRareBreachTest {
    static final long PLAIN_PATHS = 100_000_000L;

    /** re_nissan with its breach level at {@code level}. */
    static Scenario atLevel(Scenario scenario, double level) {
        return scenario.withDriver("min_liquidity", Distribution.constant(level),
                "moved so that the breach is rare, for a test of importance sampling");
    }

    @Test
    void atAboutOneInTenThousandImportanceSamplingAgreesWithAHundredMillionPlainPaths() throws Exception {
        Scenario reNissan = InputReader.read(Path.of("../inputs/nissan")).scenario("re_nissan").orElseThrow();
        try (Simulation simulation = new Simulation(2)) {
            Scenario rare = atLevel(reNissan, RareBreach.levelFor(simulation, reNissan, 1e-4, 1 << 20, 7));
            DesignPoint.Result design = DesignPoint.find(rare, 1);
            RareBreach.Estimate estimate = RareBreach.estimate(rare, design, 1, 200_000, simulation.pool(),
                    new AtomicLong());
            long breaches = RareBreach.plainBreaches(simulation, rare, 20250513L, PLAIN_PATHS);
            double plain = (double) breaches / PLAIN_PATHS;
            double plainSe = Math.sqrt(plain * (1 - plain) / PLAIN_PATHS);
            double combined = Math.hypot(estimate.standardError(), plainSe);
            String said = String.format("importance sampling %.4g ± %.2g (200,000 paths, variance reduction %.0f), "
                    + "plain %.4g ± %.2g (%d of %d paths)", estimate.probability(), estimate.standardError(),
                    estimate.varianceReduction(), plain, plainSe, breaches, PLAIN_PATHS);
            assertTrue(plain > 3e-5 && plain < 3e-4, "the level makes the breach rare: " + said);
            assertTrue(Math.abs(estimate.probability() - plain) <= 4 * combined, said);
            // 200,000 plain paths would see about 20 breaches, a relative error near 22%; aiming does far better.
            assertTrue(estimate.standardError() < 0.05 * estimate.probability(), said);
        }
    }
}
