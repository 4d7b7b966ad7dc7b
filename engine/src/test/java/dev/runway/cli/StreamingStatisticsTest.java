package dev.runway.cli;

import dev.runway.stats.LogHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaming statistics (memory independent of the paths) against exact ones on the same paths:
 * probabilities and means agree, percentiles within the bound the manifest states; and streaming
 * is as reproducible as exact, whatever the threads.
 */
class StreamingStatisticsTest {
    private static final String NISSAN = Path.of("../inputs/nissan").toString();
    private static final String PATHS = "30000";

    @TempDir
    Path tmp;

    private Path run(String name, String mode, String threads) {
        Path out = tmp.resolve(name);
        RunwayRun run = RunwayRun.of("simulate", "--inputs", NISSAN, "--out", out.toString(), "--paths", PATHS,
                "--scenario", "toyota_backstop", "--statistics", mode, "--threads", threads);
        assertEquals(0, run.exitCode(), run::printed);
        return out;
    }

    @Test
    void streamedStatisticsMatchExactOnesWithinTheStatedBound() throws IOException {
        Path exactFolder = run("exact", "exact", "2");
        Path streamedFolder = run("streamed", "streaming", "2");
        assertWithinBound(exactFolder, streamedFolder, "toyota_backstop/quarterly.csv", 2);
        // Every reported item, not only cash: revenue and free cash flow of the Nissan model.
        assertWithinBound(exactFolder, streamedFolder, "toyota_backstop/item_quarterly.csv", 4);
        String manifest = Files.readString(streamedFolder.resolve("manifest.csv"));
        assertTrue(manifest.contains("percentiles,\"streaming"), manifest);
    }

    private static void assertWithinBound(Path exactFolder, Path streamedFolder, String file, int firstNumber)
            throws IOException {
        List<String> exact = Files.readAllLines(exactFolder.resolve(file));
        List<String> streamed = Files.readAllLines(streamedFolder.resolve(file));
        String[] header = exact.get(0).split(",");
        assertEquals(exact.get(0), streamed.get(0));
        assertEquals(exact.size(), streamed.size(), file);
        for (int row = 1; row < exact.size(); row++) {
            String[] e = exact.get(row).split(",");
            String[] s = streamed.get(row).split(",");
            for (int c = firstNumber; c < header.length; c++) {
                double x = Double.parseDouble(e[c]);
                double y = Double.parseDouble(s[c]);
                String column = file + " " + header[c] + " row " + row;
                if (header[c].contains("prob")) {
                    assertEquals(x, y, 0.0, "probabilities are counted exactly: " + column);
                } else if (header[c].startsWith("mean") || header[c].equals("sd")) {
                    assertEquals(x, y, 0.0011, "means and sds are exact up to the summing order: " + column);
                } else {
                    // Percentiles, intervals' ends and the CVaR: the histogram's bound, plus printing to 0.001.
                    double bound = Math.max(LogHistogram.RELATIVE_ERROR * Math.abs(x), LogHistogram.FLOOR) + 0.0011;
                    assertEquals(x, y, bound, column);
                }
            }
        }
    }

    @Test
    void streamedResultsAreByteIdenticalOnOneAndOnThreeThreads() throws IOException {
        Path one = run("one", "streaming", "1");
        Path three = run("three", "streaming", "3");
        for (String file : List.of("summary.csv", "item_summary.csv", "toyota_backstop/quarterly.csv",
                "toyota_backstop/item_quarterly.csv", "toyota_backstop/terminal.csv")) {
            assertEquals(Files.readString(one.resolve(file)), Files.readString(three.resolve(file)), file);
        }
    }

    @Test
    void autoStreamsWhenThePathsWouldNotFitTheMemoryBudget() throws IOException {
        Path out = tmp.resolve("auto");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", NISSAN, "--out", out.toString(), "--paths", "20000",
                "--scenario", "status_quo", "--memory", "1");
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(Files.readString(out.resolve("manifest.csv")).contains("percentiles,\"streaming"));
    }
}
