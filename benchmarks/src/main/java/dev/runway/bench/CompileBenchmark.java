package dev.runway.bench;

import dev.runway.io.InputReader;
import dev.runway.model.InputException;
import dev.runway.model.Model;
import dev.runway.sim.ModelCompiler;
import dev.runway.sim.ModelWalk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What compiling the Nissan model costs: generating the Java source from its checked trees and
 * compiling it with Janino into a class. {@code cold} is the first compile in a fresh JVM, what
 * a batch run pays once (single shot, a new fork each time); {@code warm} a compile in a JVM that
 * has compiled before, what a long-lived process (a Spark executor) pays for a new model.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class CompileBenchmark {
    private Model model;

    @Setup
    public void setUp() throws InputException {
        model = InputReader.read(NissanCase.folder()).model();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public ModelWalk cold() {
        return ModelCompiler.compileUncached(model);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(1)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public ModelWalk warm() {
        return ModelCompiler.compileUncached(model);
    }
}
