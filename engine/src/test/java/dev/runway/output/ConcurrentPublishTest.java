package dev.runway.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.runway.output.PublishKillTest.entries;
import static dev.runway.output.PublishKillTest.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several processes publishing into one output folder at once: each first cleans up after
 * stopped runs, as every command does, and must take none of the others' temporary folders for
 * leftovers; each succeeds, and the folder ends up holding one of their outputs whole.
 */
class ConcurrentPublishTest {

    @TempDir
    Path tmp;

    @Test
    void sixProcessesPublishingIntoOneFolderEachSucceedAndOneOutputIsThereWhole() throws Exception {
        Path out = tmp.resolve("out");
        OutputFolder.of(out, note -> { }).publish(folder -> Files.writeString(folder.resolve("summary.csv"), "first"));
        List<Path> sources = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            Path source = Files.createDirectories(tmp.resolve("sources").resolve("p" + p));
            Files.writeString(source.resolve("summary.csv"), "process " + p + "\n");
            Files.writeString(Files.createDirectories(source.resolve("s" + p)).resolve("quarterly.csv"),
                    "q".repeat(1000 * p));
            sources.add(source);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        List<Process> children = new ArrayList<>();
        String together = Long.toString(System.currentTimeMillis() + 3000);
        for (Path source : sources) {
            children.add(new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), PublishUntilKilled.class.getName(), out.toString(),
                    source.toString(), "never", together).redirectErrorStream(true).start());
        }
        for (Process child : children) {
            String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, child.waitFor(), printed);
            assertEquals("", printed, "no process took another's temporary folder for a leftover");
        }

        Map<String, String> published = files(out);
        published.remove(FileRecord.NAME);
        List<Map<String, String>> outputs = new ArrayList<>();
        for (Path source : sources) {
            outputs.add(files(source));
        }
        assertTrue(outputs.contains(published), published.keySet().toString());
        assertNull(OutputFolder.of(out, note -> { }).replaceProblem(), "the folder holds exactly its record");
        assertEquals(List.of("out", "sources"), entries(tmp), "no temporary folder is left");
    }
}
