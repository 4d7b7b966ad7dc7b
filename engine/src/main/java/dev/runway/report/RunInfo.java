package dev.runway.report;

import dev.runway.sample.SamplingMethod;

import java.time.Instant;

/** How a run was made, for the manifest: what reproduces it, and (last) what does not need to. */
public record RunInfo(String inputFolder, long seed, int paths, SamplingMethod method, int threads, int bins,
        Instant startedAt, long elapsedMillis) {
}
