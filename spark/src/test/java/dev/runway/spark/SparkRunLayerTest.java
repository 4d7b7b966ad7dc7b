package dev.runway.spark;

import dev.runway.cli.RunwayCommand;
import dev.runway.output.FileRecord;
import dev.runway.output.OutputFiles.ManifestCsv;
import dev.runway.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job runs through the engine's run layer, so everything a local run does — the
 * analyses, the report, --precision — runs on Spark too and writes the local run's files byte for
 * byte (the manifest's execution lines aside, and their rows in the report's manifest table).
 */
class SparkRunLayerTest {
    private static final String[] SCENARIOS = {"--inputs", "../inputs/nissan", "--scenario", "toyota_backstop",
        "--scenario", "tariff_shock"};

    /** A row of the report's manifest table that says how the run went, not what it computed. */
    private static final Pattern EXECUTION_ROW = Pattern.compile("<tr><td>(" + String.join("|",
            ManifestCsv.EXECUTION_KEYS) + ")</td><td[^>]*>[^<]*</td></tr>");

    @TempDir
    Path outputs;

    @Test
    void theAnalysesAndTheReportOnSparkAreTheLocalOnes() throws IOException {
        String[] run = {"--paths", "8192", "--sensitivity", "--solve", "--report"};
        Map<String, String> local = local("local", run);
        Map<String, String> onSpark = spark("spark", run);
        assertTrue(local.containsKey("solve.csv"), local.keySet()::toString);
        assertTrue(local.containsKey("tariff_shock/sensitivity.csv"), local.keySet()::toString);
        assertTrue(local.containsKey(Report.PAGE), local.keySet()::toString);
        assertTrue(local.keySet().stream().anyMatch(file -> file.endsWith(".png")), local.keySet()::toString);
        assertFilesEqual(local, onSpark);
    }

    @Test
    void precisionOnSparkStopsWhereTheLocalRunStops() throws IOException {
        String[] run = {"--paths", "4096", "--precision", "0.5pp", "--max-paths", "40960"};
        Map<String, String> local = local("local-precise", run);
        Map<String, String> onSpark = spark("spark-precise", run);
        // Each scenario stopped past --paths, so the rounds that add blocks to a run ran on Spark too.
        Matcher stop = Pattern.compile("\nprecision:[a-z_]+,\"?[^\n]* at (\\d+) paths")
                .matcher(onSpark.get(ManifestCsv.SCHEMA.file()));
        int stops = 0;
        while (stop.find()) {
            stops++;
            assertTrue(Integer.parseInt(stop.group(1)) > 4096, stop.group());
        }
        assertEquals(2, stops, onSpark.get(ManifestCsv.SCHEMA.file()));
        assertFilesEqual(local, onSpark);
    }

    @Test
    void sparkTakesTheCommandLinesOwnDeclarationOfEveryOptionTheyShare() {
        CommandSpec simulate = RunwayCommand.commandLine().getSubcommands().get("simulate").getCommandSpec();
        CommandSpec spark = SparkRunway.commandLine().getCommandSpec();
        int shared = 0;
        for (OptionSpec option : spark.options()) {
            OptionSpec local = simulate.findOption(option.longestName());
            // The output folder is each command's own: its default differs.
            if (local == null || option.longestName().equals("--out")) {
                continue;
            }
            shared++;
            assertEquals(List.of(local.description()), List.of(option.description()), option.longestName());
            assertEquals(local.defaultValue(), option.defaultValue(), option.longestName());
        }
        assertTrue(shared > 10, shared + " options shared");
        assertTrue(spark.findOption("--inputs") != null && spark.findOption("--repair-correlations") != null);
    }

    private static void assertFilesEqual(Map<String, String> local, Map<String, String> onSpark) {
        assertEquals(local.keySet(), onSpark.keySet());
        for (String file : local.keySet()) {
            assertEquals(local.get(file), onSpark.get(file), file);
        }
    }

    private Map<String, String> local(String name, String... run) throws IOException {
        Path out = outputs.resolve(name);
        CommandLine command = RunwayCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err));
        command.setOut(new PrintWriter(new StringWriter()));
        String[] args = Stream.of(Stream.of("simulate", "--out", out.toString()), Stream.of(SCENARIOS), Stream.of(run))
                .flatMap(s -> s).toArray(String[]::new);
        assertEquals(0, command.execute(args), err.toString());
        return files(out);
    }

    private Map<String, String> spark(String name, String... run) throws IOException {
        Path out = outputs.resolve(name);
        String[] args = Stream.of(Stream.of("--master", "local[2]", "--out", out.toString(), "--partitions", "3"),
                Stream.of(SCENARIOS), Stream.of(run)).flatMap(s -> s).toArray(String[]::new);
        assertEquals(0, SparkRunway.commandLine().execute(args));
        return files(out);
    }

    /**
     * Every output file's content (binary ones in Base64); the manifest, files.csv and the report's
     * manifest table without what says how the run went.
     */
    private static Map<String, String> files(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String name = out.relativize(file).toString().replace('\\', '/');
                if (name.endsWith(".png")) {
                    files.put(name, Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
                    continue;
                }
                String text = Files.readString(file);
                if (name.equals(ManifestCsv.SCHEMA.file())) {
                    text = text.lines().filter(line -> ManifestCsv.EXECUTION_KEYS.stream()
                            .noneMatch(key -> line.startsWith(key + ","))).collect(Collectors.joining("\n"));
                }
                if (name.equals(FileRecord.NAME)) {
                    // The record hashes every file; the manifest's and the report's hashes change with the execution lines.
                    text = text.lines().filter(line -> !line.startsWith(ManifestCsv.SCHEMA.file() + ",")
                            && !line.startsWith(Report.PAGE + ","))
                            .collect(Collectors.joining("\n"));
                }
                if (name.equals(Report.PAGE)) {
                    text = EXECUTION_ROW.matcher(text).replaceAll("");
                }
                files.put(name, text);
            }
        }
        return files;
    }
}
