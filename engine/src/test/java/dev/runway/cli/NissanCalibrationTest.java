package dev.runway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calibrated Nissan cases' fitted rows are what {@code runway fit} gives on the shipped history,
 * to the byte: rerunning the commands their READMEs list reproduces them, and a change to the
 * history fails here until the cases are fitted again. The re-forecast from FY2025Q3
 * ({@code nissan-fy2026}) keeps the same fitted drivers under its own root scenario.
 */
class NissanCalibrationTest {
    private static final Path CASE = Path.of("../inputs/nissan-calibrated");
    private static final Path FY2026 = Path.of("../inputs/nissan-fy2026");

    @TempDir
    Path tmp;

    /** The rows a fit writes into one of its files, the history named as from the repository's root. */
    private List<String> fitted(String file, String... args) throws IOException {
        return fittedFor("status_quo", file, args);
    }

    private List<String> fittedFor(String scenario, String file, String... args) throws IOException {
        Path out = tmp.resolve("fit-" + args[3] + "-" + scenario);
        List<String> command = new ArrayList<>(List.of("fit", "--history", "../inputs/nissan/history.csv"));
        command.addAll(List.of(args));
        command.addAll(List.of("--to", "FY2024Q4", "--time-series", "--scenario", scenario, "--out", out.toString()));
        RunwayRun run = RunwayRun.of(command.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.printed());
        List<String> rows = Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8);
        return rows.subList(1, rows.size()).stream().map(row -> row.replace("../inputs/", "inputs/")).toList();
    }

    private static List<String> lines(String file) throws IOException {
        return lines(CASE, file);
    }

    private static List<String> lines(Path folder, String file) throws IOException {
        return Files.readAllLines(folder.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void theVolumeNoiseIsTheFitOfTheQuarterlyLogChangeOfRevenue() throws IOException {
        List<String> rows = fitted("drivers.csv", "--series", "log(revenue / prev(revenue))", "--name", "volume_change",
                "--from", "FY2021Q1");
        List<String> drivers = lines("drivers.csv");
        for (String row : rows) {
            boolean used = row.startsWith("status_quo,volume_change_phi,") || row.startsWith("status_quo,volume_change_sigma,");
            assertEquals(used, drivers.contains(row), (used ? "missing: " : "the seasonal means are not used: ") + row);
        }
    }

    @Test
    void theMarginNoiseIsTheFitOfTheOperatingMarginPastedAsWritten() throws IOException {
        String[] margin = {"--series", "operating_profit / revenue", "--name", "margin", "--from", "FY2021Q1", "--unit",
            "share"};
        List<String> drivers = lines("drivers.csv");
        for (String row : fitted("drivers.csv", margin)) {
            assertTrue(drivers.contains(row), "missing from drivers.csv: " + row);
        }
        List<String> model = lines("model.csv");
        for (String row : fitted("model.csv", margin)) {
            assertTrue(model.contains(row), "missing from model.csv: " + row);
        }
    }

    @Test
    void theReforecastKeepsTheFittedDrivers() throws IOException {
        List<String> drivers = lines(FY2026, "drivers.csv");
        for (String row : fittedFor("guidance", "drivers.csv", "--series", "log(revenue / prev(revenue))", "--name",
                "volume_change", "--from", "FY2021Q1")) {
            boolean used = row.startsWith("guidance,volume_change_phi,") || row.startsWith("guidance,volume_change_sigma,");
            assertEquals(used, drivers.contains(row), (used ? "missing: " : "the seasonal means are not used: ") + row);
        }
        for (String row : fittedFor("guidance", "drivers.csv", "--series", "operating_profit / revenue", "--name", "margin",
                "--from", "FY2021Q1", "--unit", "share")) {
            assertTrue(drivers.contains(row), "missing from drivers.csv: " + row);
        }
    }

    @Test
    void theCasesValidate() {
        for (Path folder : List.of(CASE, FY2026)) {
            RunwayRun run = RunwayRun.of("validate", "--inputs", folder.toString());
            assertEquals(0, run.exitCode(), run.printed());
        }
    }
}
