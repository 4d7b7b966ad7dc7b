package dev.runway;

import dev.runway.cli.RunwayCommand;
import dev.runway.output.FileRecord;
import dev.runway.output.OutputFiles.ManifestCsv;
import dev.runway.sample.SamplingMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The reproducibility promise: the same inputs, seed and paths give byte-identical output files
 * whatever the thread count; only the manifest's lines about the execution itself may differ (and
 * so its SHA-256 in the record of the files).
 */
class DeterminismTest {
    private static final Path NISSAN = Path.of("../inputs/nissan");
    /** Five blocks and a partial one, so threads really interleave blocks. */
    private static final String PATHS = "22000";

    @TempDir
    static Path outputs;
    private static Map<String, String> oneThread;

    @BeforeAll
    static void runOnOneThread() throws IOException {
        oneThread = run("1", "20250513", "one");
    }

    private static Map<String, String> run(String threads, String seed, String name, String... more)
            throws IOException {
        Path out = outputs.resolve(name);
        CommandLine command = RunwayCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err));
        command.setOut(new PrintWriter(new StringWriter()));
        List<String> args = new ArrayList<>(List.of("simulate", "--inputs", NISSAN.toString(), "--out", out.toString(),
                "--paths", PATHS, "--threads", threads, "--seed", seed));
        args.addAll(List.of(more));
        int code = command.execute(args.toArray(new String[0]));
        assertEquals(0, code, err.toString());
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String text = Files.readString(file);
                if (file.getFileName().toString().equals(ManifestCsv.SCHEMA.file())) {
                    text = text.lines().filter(line -> !isExecutionLine(line)).collect(Collectors.joining("\n"));
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

    private static boolean isExecutionLine(String line) {
        return ManifestCsv.EXECUTION_KEYS.stream().anyMatch(key -> line.startsWith(key + ","));
    }

    @Test
    void everyOutputFileIsByteIdenticalOnOneAndOnManyThreads() throws IOException {
        Map<String, String> manyThreads = run("4", "20250513", "four");
        assertEquals(oneThread.keySet(), manyThreads.keySet());
        for (String file : oneThread.keySet()) {
            assertEquals(oneThread.get(file), manyThreads.get(file), file);
        }
        List<String> expected = List.of("manifest.csv", "summary.csv", FileRecord.NAME, "status_quo/quarterly.csv",
                "status_quo/terminal.csv");
        for (String file : expected) {
            assertEquals(true, oneThread.containsKey(file), file + " is written");
        }
    }

    /**
     * Each sampling method draws by block too: its files are the same on one thread and on three.
     * Driven by {@code values()}, so a new method is checked without being listed here; plain
     * Monte Carlo is the default every other test of this class runs.
     */
    @ParameterizedTest
    @EnumSource(value = SamplingMethod.class, names = "MC", mode = EnumSource.Mode.EXCLUDE)
    void everySamplingMethodIsByteIdenticalOnOneAndOnManyThreads(SamplingMethod sampling) throws IOException {
        String method = sampling.cliName();
        String[] options = {"--method", method, "--scenario", "toyota_backstop", "--scenario", "tariff_shock"};
        Map<String, String> one = run("1", "20250513", method + "-one", options);
        Map<String, String> three = run("3", "20250513", method + "-three", options);
        assertEquals(one, three);
        assertNotEquals(oneThread.get("toyota_backstop/quarterly.csv"), one.get("toyota_backstop/quarterly.csv"),
                "the method changes the draws");
    }

    @Test
    void anotherSeedGivesOtherNumbers() throws IOException {
        Map<String, String> otherSeed = run("2", "7", "seven");
        assertNotEquals(oneThread.get("status_quo/quarterly.csv"), otherSeed.get("status_quo/quarterly.csv"));
    }
}
