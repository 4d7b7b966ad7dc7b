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
                "../inputs/startup", "--paths", "2000", "--sensitivity", "--solve", "--out", out.toString());
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
