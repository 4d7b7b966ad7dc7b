package dev.runway.analysis;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.Scenario;
import dev.runway.sample.BlockSamplers;
import dev.runway.sample.SamplingMethod;
import dev.runway.sim.PathKernel;
import dev.runway.sim.PathResults;
import dev.runway.sim.Simulator;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What drives a scenario's outcome. For every random driver and every event amount: its
 * Spearman rank correlation with terminal cash and its share of the variance that the inputs'
 * rank correlations explain (rho squared over the sum of the squares, the "contribution to
 * variance" of risk tools). For every random driver also a one-at-a-time swing: the breach
 * probability and the mean terminal cash with the driver held at its 10th and at its 90th
 * percentile, everything else drawn as usual — on the same seed and the same draws for every
 * other input (common random numbers), so the swing is the driver's effect, not noise.
 */
public final class Sensitivity {
    /** The two percentiles of the swing. */
    public static final double LOW = 0.10;
    public static final double HIGH = 0.90;

    /**
     * One input's influence; the swing fields are NaN for event amounts.
     *
     * @param input         a driver's name, or {@code event:<name>}
     * @param varianceShare rho squared over the sum over all inputs
     */
    public record Row(String input, double spearman, double varianceShare, double breachAtLow, double breachAtHigh,
            double valueAtLow, double valueAtHigh, double meanAtLow, double meanAtHigh) {
    }

    private Sensitivity() {
    }

    /** Runs the scenario once recording its inputs, then twice per random driver for the swings. */
    public static List<Row> of(Simulator simulation, Scenario scenario, long seed, SamplingMethod method, int paths) {
        int horizon = scenario.horizon();
        List<Event> events = scenario.events();
        PathResults base = simulation.run(scenario, PathKernel.Overrides.NONE, seed, method,
                PathResults.recording(scenario, paths), 0, new AtomicLong());
        double[] terminal = base.primaryAt(horizon);
        SpearmansCorrelation spearman = new SpearmansCorrelation();
        List<String> names = new ArrayList<>();
        List<Double> correlations = new ArrayList<>();
        List<String> swung = new ArrayList<>();
        List<String> drivers = scenario.model().drivers();
        for (int d = 0; d < drivers.size(); d++) {
            String driver = drivers.get(d);
            if (scenario.driver(driver).kind() != DistributionKind.CONSTANT) {
                names.add(driver);
                correlations.add(rankCorrelation(spearman, base.driver(d), terminal));
                swung.add(driver);
            }
        }
        for (int e = 0; e < events.size(); e++) {
            names.add("event:" + events.get(e).name());
            correlations.add(rankCorrelation(spearman, base.eventAmount(e), terminal));
        }
        double explained = 0.0;
        for (double rho : correlations) {
            explained += rho * rho;
        }
        PathResults scratch = PathResults.of(scenario, paths);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < names.size(); r++) {
            double rho = correlations.get(r);
            double share = explained > 0 ? rho * rho / explained : 0.0;
            if (r < swung.size()) {
                String driver = swung.get(r);
                double low = percentile(scenario.driver(driver), LOW);
                double high = percentile(scenario.driver(driver), HIGH);
                double[] atLow = outcome(simulation, scenario, driver, low, seed, method, scratch);
                double[] atHigh = outcome(simulation, scenario, driver, high, seed, method, scratch);
                rows.add(new Row(names.get(r), rho, share, atLow[0], atHigh[0], low, high, atLow[1], atHigh[1]));
            } else {
                rows.add(new Row(names.get(r), rho, share, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN));
            }
        }
        rows.sort(Comparator.comparingDouble((Row row) -> -Math.abs(row.spearman())).thenComparing(Row::input));
        return rows;
    }

    /** Spearman's rho, or 0 when an input never varies (an event that never fires, say). */
    private static double rankCorrelation(SpearmansCorrelation spearman, double[] input, double[] terminal) {
        double rho = spearman.correlation(input, terminal);
        return Double.isNaN(rho) ? 0.0 : rho;
    }

    /** The driver's percentile, through its own sampler so it is the value the engine would draw there. */
    static double percentile(Distribution distribution, double level) {
        double[] value = {level};
        BlockSamplers.of(distribution).fromUniforms(value, value, 1);
        return value[0];
    }

    /** The breach probability and the mean terminal cash with the driver held at a value. */
    private static double[] outcome(Simulator simulation, Scenario scenario, String driver, double value, long seed,
            SamplingMethod method, PathResults scratch) {
        simulation.run(scenario, PathKernel.Overrides.fixing(driver, value), seed, method, scratch, 0,
                new AtomicLong());
        return new double[] {Outcomes.breachProbability(scratch), Outcomes.terminalMean(scratch)};
    }
}
