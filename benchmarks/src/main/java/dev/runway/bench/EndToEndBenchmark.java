package dev.runway.bench;

import dev.runway.cli.RunwayCommand;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A whole {@code runway simulate} of the four required Nissan scenarios, 1,000,000 paths each
 * (48 million path-quarters), in-process: read and validate the inputs, simulate, exact
 * statistics, write every CSV to a temporary folder and publish it. Single-shot, so the first
 * measured run includes a fresh pool's start and the JIT's work on new scenarios.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class EndToEndBenchmark {
    @Param({"1", "2"})
    public int threads;

    @Param({"1000000"})
    public int paths;

    private Path out;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        out = Files.createTempDirectory("runway-bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public int simulate() {
        var command = RunwayCommand.commandLine();
        command.setOut(new PrintWriter(Writer.nullWriter()));
        int code = command.execute("simulate", "--inputs", NissanCase.folder().toString(),
                "--out", out.resolve("nissan").toString(), "--paths", Integer.toString(paths),
                "--threads", Integer.toString(threads), "--scenario", "status_quo", "--scenario", "re_nissan",
                "--scenario", "toyota_backstop", "--scenario", "tariff_shock");
        if (code != 0) {
            throw new IllegalStateException("simulate exited with " + code);
        }
        return code;
    }
}
