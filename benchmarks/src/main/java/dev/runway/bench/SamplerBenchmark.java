package dev.runway.bench;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.QuantileTable;
import dev.runway.sample.BlockRandom;
import dev.runway.sample.BlockSampler;
import dev.runway.sample.BlockSamplers;
import dev.runway.sample.BlockStreams;
import dev.runway.sample.MonteCarloInputs;
import dev.runway.sample.RandomInputs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Each per-path distribution as the engine draws it in plain Monte Carlo (fresh inputs of the
 * kind its sampler is built on, transformed into an array), ns per
 * draw, beside two floors from the same run: the generator's uniform and the ziggurat normal.
 * {@link #quantileTable} is the table lookup alone, the inverse-CDF step that beta, PERT and
 * Student's t (and correlated drivers) go through.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SamplerBenchmark {
    private static final int DRAWS = 1024;

    /** The distribution drawn by {@link #draw}; the floors do not depend on it, so it is a state of its own. */
    @State(Scope.Thread)
    public static class Kind {
        @Param({"constant", "normal", "lognormal", "uniform", "triangular", "pert", "beta", "student_t",
            "discrete_uniform", "bernoulli"})
        public String distribution;

        BlockSampler sampler;

        @Setup
        public void setUp() {
            sampler = BlockSamplers.of(of(distribution));
        }
    }

    private BlockRandom random;
    private RandomInputs inputs;
    private final double[] drawnInputs = new double[DRAWS];
    private QuantileTable table;
    private final double[] out = new double[DRAWS];
    private final double[] normals = new double[DRAWS];

    @Setup
    public void setUp() {
        random = new BlockRandom(BlockStreams.forBlocks(20250513L, 1)[0]);
        inputs = new MonteCarloInputs(random);
        table = QuantileTable.beta(1 + 4 * 0.2 / 0.5, 1 + 4 * 0.3 / 0.5);
        for (int i = 0; i < DRAWS; i++) {
            normals[i] = random.normal();
        }
    }

    static Distribution of(String name) {
        DistributionKind kind = DistributionKind.fromCsv(name);
        switch (kind) {
            case CONSTANT:
                return Distribution.constant(2200);
            case NORMAL:
                return Distribution.of(kind, -0.007, 0.004);
            case LOGNORMAL:
                return Distribution.of(kind, 0.1, 0.25);
            case UNIFORM:
                return Distribution.of(kind, 0.5, 0.9);
            case TRIANGULAR:
                return Distribution.of(kind, 0.9, 1.0, 1.3);
            case PERT:
                return Distribution.of(kind, 0.3, 0.5, 0.8);
            case BETA:
                return Distribution.of(kind, 6, 4);
            case STUDENT_T:
                return Distribution.of(kind, 0, 1, 4);
            case DISCRETE_UNIFORM:
                return Distribution.of(kind, 1, 3);
            case BERNOULLI:
                return Distribution.of(kind, 0.5);
            default:
                throw new AssertionError(kind);
        }
    }

    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public double[] floorUniform() {
        for (int i = 0; i < DRAWS; i++) {
            out[i] = random.uniform();
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public double[] floorNormal() {
        for (int i = 0; i < DRAWS; i++) {
            out[i] = random.normal();
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public double[] draw(Kind kind) {
        if (kind.sampler.input() == BlockSampler.Input.NORMAL) {
            inputs.normals(0, drawnInputs, DRAWS);
            kind.sampler.fromNormals(drawnInputs, out, DRAWS);
        } else {
            inputs.uniforms(0, drawnInputs, DRAWS);
            kind.sampler.fromUniforms(drawnInputs, out, DRAWS);
        }
        return out;
    }

    /** The PERT(0.3, 0.5, 0.8) table read at given normals: the interpolation alone, no random draw. */
    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public double[] quantileTable() {
        for (int i = 0; i < DRAWS; i++) {
            out[i] = table.atNormal(normals[i]);
        }
        return out;
    }
}
