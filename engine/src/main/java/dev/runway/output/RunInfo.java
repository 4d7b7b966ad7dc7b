package dev.runway.output;

import dev.runway.model.QuarterlyValue;
import dev.runway.sample.SamplingMethod;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a run was made, for the manifest: what reproduces it, and (last) what does not need to.
 *
 * @param precision      the --precision target and limit, empty when the path count was fixed
 * @param precisionNotes per scenario, why its run stopped where it did
 * @param streamed       whether some scenario's statistics were streamed (histograms) rather than exact
 * @param actualsFile    a backtest's actuals file as given, empty for a plain run
 * @param actuals        its values, which the backtest's rows cite
 * @param asOf           with --as-of, the quarter the forecast starts after and the states it starts from; else empty
 */
public record RunInfo(String inputFolder, long seed, int paths, SamplingMethod method, int threads, int bins,
        Instant startedAt, long elapsedMillis, String precision, Map<String, String> precisionNotes,
        boolean streamed, String actualsFile, List<QuarterlyValue> actuals, String asOf) {

    public RunInfo {
        actuals = List.copyOf(actuals);
    }
}
