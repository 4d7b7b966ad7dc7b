package dev.runway.spark;

import dev.runway.cli.RunwayCommand;
import dev.runway.output.FileRecord;
import dev.runway.output.OutputFiles.ManifestCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job in local[2] mode gives the local engine's files byte for byte, also when a task
 * fails and Spark runs it again.
 */
class SparkRunwayTest {
    private static final String[] RUN = {"--inputs", "../inputs/nissan", "--paths", "10000", "--scenario",
        "toyota_backstop", "--scenario", "tariff_shock"};

    @TempDir
    static Path outputs;
    private static Map<String, String> local;

    @BeforeAll
    static void runLocally() throws IOException {
        local = local("local");
    }

    private static Map<String, String> local(String name, String... more) throws IOException {
        Path out = outputs.resolve(name);
        CommandLine command = RunwayCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err));
        command.setOut(new PrintWriter(new StringWriter()));
        String[] args = Stream.of(Stream.of("simulate", "--out", out.toString()), Stream.of(RUN), Stream.of(more))
                .flatMap(s -> s).toArray(String[]::new);
        assertEquals(0, command.execute(args), err.toString());
        return files(out);
    }

    private static Map<String, String> spark(String name, String master, String... more) throws IOException {
        Path out = outputs.resolve(name);
        String[] args = Stream.of(Stream.of("--master", master, "--out", out.toString()), Stream.of(RUN), Stream.of(more))
                .flatMap(s -> s).toArray(String[]::new);
        assertEquals(0, SparkRunway.commandLine().execute(args));
        return files(out);
    }

    /** Every output file's text; the manifest without the lines about the execution itself. */
    static Map<String, String> files(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String text = Files.readString(file);
                if (file.getFileName().toString().equals(ManifestCsv.SCHEMA.file())) {
                    text = text.lines().filter(line -> ManifestCsv.EXECUTION_KEYS.stream()
                            .noneMatch(key -> line.startsWith(key + ","))).collect(Collectors.joining("\n"));
                }
                if (out.relativize(file).toString().equals(FileRecord.NAME)) {
                    // The record hashes every file; the manifest's hash changes with its execution lines.
                    text = text.lines().filter(line -> !line.startsWith(ManifestCsv.SCHEMA.file() + ","))
                            .collect(Collectors.joining("\n"));
                }
                files.put(out.relativize(file).toString(), text);
            }
        }
        return files;
    }

    @Test
    void theSparkJobWritesTheLocalEnginesFilesByteForByte() throws IOException {
        Map<String, String> onSpark = spark("spark", "local[2]");
        assertEquals(local.keySet(), onSpark.keySet());
        for (String file : local.keySet()) {
            assertEquals(local.get(file), onSpark.get(file), file);
        }
        assertTrue(local.containsKey("tariff_shock/quarterly.csv"));
    }

    @Test
    void streamedOnSparkTheStatisticsAreTheLocalStreamedOnes() throws IOException {
        Map<String, String> localStreamed = local("local-streamed", "--statistics", "streaming");
        Map<String, String> sparkStreamed = spark("spark-streamed", "local[2]", "--statistics", "streaming",
                "--partitions", "3");
        assertEquals(localStreamed, sparkStreamed);
        assertTrue(localStreamed.get("manifest.csv").contains("percentiles,\"streaming"));
    }

    @Test
    void sobolOnSparkGivesTheLocalSobolFilesWhateverThePartitions() throws IOException {
        // Each task prepares Sobol for its own blocks; its points must be the local run's.
        Map<String, String> localSobol = local("local-sobol", "--method", "sobol");
        Map<String, String> sparkSobol = spark("spark-sobol", "local[2]", "--method", "sobol", "--partitions", "3");
        assertEquals(localSobol, sparkSobol);
        assertTrue(localSobol.get("manifest.csv").contains("sampling_method,sobol"));
    }

    @Test
    void aTaskThatFailsAndIsRetriedChangesNothing() throws IOException {
        // local[2,4]: two cores, and up to four attempts per task; the first attempt of block 1's task fails.
        Map<String, String> retried = spark("retried", "local[2,4]", "--inject-failure-in-block", "1",
                "--partitions", "3");
        assertEquals(local, retried);
    }
}
