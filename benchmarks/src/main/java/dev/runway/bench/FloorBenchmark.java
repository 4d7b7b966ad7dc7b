package dev.runway.bench;

import dev.runway.sample.BlockStreams;
import dev.runway.sim.Simulation;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The floor: the least work one path-quarter can do — one standard normal from the engine's
 * generator and sampler, one {@code exp}, a few multiply-adds, one store into a primitive array.
 * Every kernel figure is read against this one, from the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class FloorBenchmark {
    static final int HORIZON = 12;
    static final int PATHS = Simulation.BLOCK_SIZE;

    private ZigguratSampler.NormalizedGaussian normal;
    private double[][] cash;
    private double[] base;
    private double volatility;
    private double margin;

    @Setup
    public void setUp() {
        UniformRandomProvider rng = BlockStreams.forBlocks(20250513L, 1)[0];
        normal = ZigguratSampler.NormalizedGaussian.of(rng);
        cash = new double[HORIZON][PATHS];
        base = new double[HORIZON];
        for (int q = 0; q < HORIZON; q++) {
            base[q] = 3000 + 100 * q;
        }
        volatility = 0.02;
        margin = 0.2;
    }

    /** One block of paths; the figure is per path-quarter. */
    @Benchmark
    @OperationsPerInvocation(PATHS * HORIZON)
    public double[][] floor() {
        for (int path = 0; path < PATHS; path++) {
            double v = 0.0;
            double balance = 2200.0;
            for (int q = 0; q < HORIZON; q++) {
                v += volatility * normal.sample();
                balance += margin * base[q] * Math.exp(v) - 600.0;
                cash[q][path] = balance;
            }
        }
        return cash;
    }
}
