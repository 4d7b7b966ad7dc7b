package dev.runway.output;

import dev.runway.cli.RunwayCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schemas of {@link OutputFiles} are what a run writes, what the contract documents, and complete rows. */
class OutputFilesTest {
    @TempDir
    Path tmp;

    @Test
    void everyFileARunWritesHasTheHeaderOfItsSchema() throws IOException {
        Path out = tmp.resolve("out");
        Path actuals = Files.writeString(tmp.resolve("actuals.csv"), "quarter,item,value,unit,source\n"
                + "2026Q1,revenue,10,,a test\n", StandardCharsets.UTF_8);
        int exit = RunwayCommand.commandLine().execute("backtest", "--actuals", actuals.toString(), "--inputs",
                "../inputs/startup", "--paths", "2000", "--sensitivity", "--solve", "--explain", "--rare", "--out", out.toString());
        assertEquals(0, exit);
        // A backtest of the startup case reports several items and has the optional files: every schema is written.
        Map<String, String> headers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
                String previous = headers.put(file.getFileName().toString(), first);
                assertTrue(previous == null || previous.equals(first), file + ": " + first + " against " + previous);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (Schema schema : OutputFiles.schemas()) {
            // A fit's own files are checked by FitCommandTest, on a fit's folder.
            if (!OutputFiles.fitOnlySchemas().contains(schema)) {
                expected.put(schema.file(), String.join(",", schema.header()));
            }
        }
        assertEquals(expected, headers);
    }

    @Test
    void theManifestSaysWhereTheTimeWentPhaseByPhaseWithinTheElapsedTime() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, RunwayCommand.commandLine().execute("simulate", "--inputs", "../inputs/nissan", "--paths",
                "4096", "--scenario", "status_quo", "--out", out.toString()));
        Map<String, Long> rows = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
            String[] cells = line.split(",", 2);
            if (cells[0].endsWith("_ms")) {
                rows.put(cells[0], Long.parseLong(cells[1]));
            }
        }
        assertEquals(1 + OutputFiles.ManifestCsv.PHASES.size(), rows.size(), "elapsed_ms and the phases: " + rows);
        long phases = 0;
        for (String phase : OutputFiles.ManifestCsv.PHASES) {
            assertTrue(rows.get(phase) >= 0, phase + " in " + rows);
            phases += rows.get(phase);
        }
        assertTrue(phases <= rows.get("elapsed_ms"), "the phases lie inside the elapsed time: " + rows);
        assertTrue(rows.get("simulation_ms") + rows.get("statistics_ms") > 0, "a run takes time: " + rows);
        assertTrue(OutputFiles.ManifestCsv.EXECUTION_KEYS.containsAll(OutputFiles.ManifestCsv.PHASES),
                "the phases' times differ from run to run, so they are execution rows");
    }

    @Test
    void theContractListsEveryRequiredColumnOfEveryFileInOrder() throws IOException {
        String contract = Files.readString(Path.of("../docs/model.md"), StandardCharsets.UTF_8);
        String outputs = contract.substring(contract.indexOf("## 12. Outputs"), contract.indexOf("## 13."));
        for (Schema schema : OutputFiles.schemas()) {
            List<String> required = schema.columns().stream().filter(c -> !c.optional()).map(Column::name).toList();
            assertTrue(outputs.contains("`" + schema.file()) || outputs.contains("/" + schema.file() + "`"),
                    schema.file() + " is not in docs/model.md §12");
            assertTrue(outputs.contains(String.join(",", required)), schema.file() + ": docs/model.md §12 does not "
                    + "list its columns " + String.join(",", required));
        }
    }

    @Test
    void aRowWithAColumnLeftOutIsNotWritten() {
        Schema schema = OutputFiles.TerminalCsv.SCHEMA;
        Schema.Row row = schema.row().number(OutputFiles.TerminalCsv.BIN_LOW, 1).whole(OutputFiles.TerminalCsv.COUNT, 3);
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> schema.write(tmp.resolve("terminal.csv"), List.of(row)));
        assertEquals("terminal.csv: column 'bin_high' was not given", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> schema.row().text(OutputFiles.SummaryCsv.SCENARIO, "x"),
                "a column of another file");
    }
}
