package dev.runway.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything read from one input folder: its scenarios in file order, each resolved, and the
 * SHA-256 of every file read (sorted by file name), so the outputs can say exactly what they were computed from,
 * and the model every scenario is walked with.
 */
public record CaseInputs(String folder, List<Scenario> scenarios, Map<String, String> fileHashes, Model model) {

    public CaseInputs {
        scenarios = List.copyOf(scenarios);
        fileHashes = Collections.unmodifiableMap(new TreeMap<>(fileHashes));
    }

    public Optional<Scenario> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
