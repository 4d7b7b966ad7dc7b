package dev.runway.output;

import dev.runway.model.History;
import dev.runway.sample.SamplingMethod;

import dev.runway.output.OutputFiles.ManifestCsv;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * How a run was made, for the manifest: what reproduces it, and (last) what does not need to.
 *
 * @param precision      the --precision target and limit, empty when the path count was fixed
 * @param precisionNotes per scenario, why its run stopped where it did
 * @param streamed       whether some scenario's statistics were streamed (histograms) rather than exact
 * @param actuals        a backtest's actuals file as read, whose values the backtest's rows cite; null for a plain run
 * @param asOf           with --as-of, the quarter the forecast starts after and the states it starts from; else empty
 * @param notes          what the run told the user about its inputs (events an --as-of cut, actuals not scored)
 * @param phaseMillis    where the elapsed time went, by phase ({@link ManifestCsv#PHASES}), in milliseconds
 */
public record RunInfo(String inputFolder, long seed, int paths, SamplingMethod method, int threads, int bins,
        Instant startedAt, long elapsedMillis, String precision, Map<String, String> precisionNotes,
        boolean streamed, History actuals, String asOf, List<String> notes, Map<String, Long> phaseMillis) {

    public RunInfo {
        notes = List.copyOf(notes);
        phaseMillis = Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
        if (!phaseMillis.keySet().equals(new LinkedHashSet<>(ManifestCsv.PHASES))) {
            throw new IllegalArgumentException("need the time of each phase " + ManifestCsv.PHASES + ", found "
                    + phaseMillis.keySet());
        }
    }
}
