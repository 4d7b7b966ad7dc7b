package dev.runway.cli;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.output.OutputFiles.RareCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code simulate --rare}: rare.csv and the manifest say what importance sampling measured, and
 * where it cannot aim at the breach the run still succeeds, says why and gives the plain estimate.
 */
class RareOptionTest {
    @TempDir
    Path tmp;

    /** Cash {@code c0 + 3a + 4b} with a, b standard normals: a breach below 0 has probability Phi(-c0 / 5). */
    private Path linear(String c0Row) {
        return InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER, "base,a,normal,0,1,,,x,t",
                        "base,b,normal,0,1,,,x,t", c0Row)
                .file(InputReader.SCHEDULE, "scenario,quarter,label", "base,1,2026Q1")
                .file(InputReader.MODEL, "item,formula,initial,unit,source", "cash,c0 + 3 * a + 4 * b,,x,",
                        "breach,cash < 0,,,", "report,cash,,,")
                .writeTo(tmp.resolve("in-" + c0Row.hashCode()));
    }

    private static List<String[]> rare(Path out) throws IOException {
        try (CSVReader csv = new CSVReader(Files.newBufferedReader(out.resolve(RareCsv.SCHEMA.file()),
                StandardCharsets.UTF_8))) {
            return csv.readAll();
        } catch (CsvException e) {
            throw new IOException(e);
        }
    }

    private static String cell(List<String[]> rows, int row, String column) {
        return rows.get(row)[List.of(rows.get(0)).indexOf(column)];
    }

    @Test
    void aRareBreachIsMeasuredAndTheManifestSaysHow() throws IOException {
        Path out = tmp.resolve("out");
        // c0 = 5 x 3.719: a breach probability of 1.0e-4, which 20,000 plain paths see twice.
        RunwayRun run = RunwayRun.of("simulate", "--inputs", linear("base,c0,constant,18.595,,,,x,t").toString(),
                "--paths", "20000", "--rare", "--out", out.toString());
        assertEquals(0, run.exitCode(), run::printed);
        List<String[]> rows = rare(out);
        assertEquals(RareCsv.SCHEMA.header(), List.of(rows.get(0)));
        assertEquals("importance_sampling", cell(rows, 1, "method"));
        double p = Double.parseDouble(cell(rows, 1, "breach_prob"));
        double se = Double.parseDouble(cell(rows, 1, "std_error"));
        double exact = 1.0001e-4;
        assertTrue(Math.abs(p - exact) < 4 * se && se < 0.05 * exact, p + " ± " + se + " against " + exact);
        assertEquals(3.719, Double.parseDouble(cell(rows, 1, "design_distance")), 0.005);
        assertTrue(Double.parseDouble(cell(rows, 1, "variance_reduction")) > 100, run::printed);
        String manifest = Files.readString(out.resolve("manifest.csv"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("importance_sampling:base,\"ran: 20000 paths from seed 20250513"), manifest);
        assertTrue(run.out().contains("Breach probability measured by importance sampling"), run::printed);
    }

    @Test
    void whereImportanceSamplingCannotAimTheRunSaysWhyAndGivesThePlainEstimate() throws IOException {
        // The median path breaches: not rare.
        Path common = tmp.resolve("common");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", linear("base,c0,constant,-1,,,,x,t").toString(),
                "--paths", "4096", "--rare", "--out", common.toString());
        assertEquals(0, run.exitCode(), run::printed);
        assertEquals("plain", cell(rare(common), 1, "method"));
        assertTrue(cell(rare(common), 1, "note").contains("median path of scenario base breaches"), run::printed);
        assertEquals(cell(rare(common), 1, "plain_breach_prob"), cell(rare(common), 1, "breach_prob"));
        assertTrue(run.err().contains("--rare: the median path of scenario base breaches"), run::printed);

        // Never breaches: no breach in the pilot.
        Path never = tmp.resolve("never");
        run = RunwayRun.of("simulate", "--inputs", linear("base,c0,constant,1000,,,,x,t").toString(), "--paths",
                "4096", "--rare", "--out", never.toString());
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(cell(rare(never), 1, "note").startsWith("no breach in 65536 pilot paths"), run::printed);
        assertEquals("0", cell(rare(never), 1, "breach_prob"));

        // Only a discrete input is random.
        Path discrete = tmp.resolve("discrete");
        Path folder = InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER, "base,flip,bernoulli,0.001,,,,x,t")
                .file(InputReader.SCHEDULE, "scenario,quarter,label", "base,1,2026Q1")
                .file(InputReader.MODEL, "item,formula,initial,unit,source", "cash,1 - 2 * flip,,x,",
                        "breach,cash < 0,,,", "report,cash,,,")
                .writeTo(tmp.resolve("in-discrete"));
        run = RunwayRun.of("simulate", "--inputs", folder.toString(), "--paths", "4096", "--rare", "--out",
                discrete.toString());
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(cell(rare(discrete), 1, "note").contains("is discrete"), run::printed);
        assertTrue(Files.readString(discrete.resolve("manifest.csv")).contains("importance_sampling:base,\"not run: "));
    }
}
