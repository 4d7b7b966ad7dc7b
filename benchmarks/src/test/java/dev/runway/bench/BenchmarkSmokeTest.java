package dev.runway.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the benchmarks from rotting: the floor and the kernel run through JMH in their quickest
 * form on every build. Only that they run and report a figure is checked; timings are never
 * asserted in a test (they live in benchmarks/README.md).
 */
class BenchmarkSmokeTest {

    @Test
    void floorAndKernelBenchmarksRunAndReportAFigure() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(FloorBenchmark.class.getSimpleName() + "|" + KernelBenchmark.class.getSimpleName())
                .param("scenario", "status_quo")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertEquals(4, results.size(), "one result for the floor and one per kernel (compiled, hand, nissan_file)");
        for (RunResult result : results) {
            double score = result.getPrimaryResult().getScore();
            assertTrue(score > 0 && Double.isFinite(score), result.getParams().getBenchmark() + " scored " + score);
        }
    }
}
