package dev.runway.run;

import dev.runway.analysis.Analyses;
import dev.runway.model.Scenario;
import dev.runway.stats.ScenarioStatistics;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a published run found, for the caller to print.
 *
 * @param folder         the output folder the files are in
 * @param precisionNotes per scenario, where --precision stopped and why (empty without it)
 * @param elapsedMillis  from the start the caller gave to the files' publication
 * @param workers        the threads or task slots the paths ran on
 * @param replacedReport whether the folder held a report of an earlier run, gone with that run's files
 */
public record RunResult(Path folder, List<Scenario> scenarios, List<ScenarioStatistics> statistics, Analyses analyses,
        Map<String, String> precisionNotes, long elapsedMillis, int workers, boolean replacedReport) {
    public RunResult {
        scenarios = List.copyOf(scenarios);
        statistics = List.copyOf(statistics);
        precisionNotes = Collections.unmodifiableMap(new LinkedHashMap<>(precisionNotes));
    }

    /** Every path of every scenario. */
    public long paths() {
        return statistics.stream().mapToLong(ScenarioStatistics::paths).sum();
    }

    /** Paths times quarters over every scenario: the unit of work. */
    public double pathQuarters() {
        double sum = 0;
        for (int i = 0; i < scenarios.size(); i++) {
            sum += (double) statistics.get(i).paths() * scenarios.get(i).horizon();
        }
        return sum;
    }
}
