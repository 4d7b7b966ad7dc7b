package dev.runway.cli;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runway backtest}: the scores a run writes, and what a bad actuals file gets. */
class BacktestCommandTest {
    private static final String HEADER = "quarter,item,value,unit,source\n";

    @TempDir
    Path tmp;

    private Path actuals(String rows) throws IOException {
        Path file = tmp.resolve("actuals.csv");
        Files.writeString(file, "# realized values\n" + HEADER + rows, StandardCharsets.UTF_8);
        return file;
    }

    private RunwayRun backtest(Path actuals, String... more) {
        List<String> args = new ArrayList<>(List.of("backtest", "--inputs", "../inputs/nissan", "--scenario",
                "status_quo", "--paths", "4000", "--actuals", actuals.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--out")) {
            args.addAll(List.of("--out", tmp.resolve("out").toString()));
        }
        return RunwayRun.of(args.toArray(new String[0]));
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException, CsvException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVReader parser = new CSVReader(reader)) {
            List<String[]> lines = parser.readAll();
            List<Map<String, String>> rows = new ArrayList<>();
            for (String[] line : lines.subList(1, lines.size())) {
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < line.length; c++) {
                    row.put(lines.get(0)[c], line[c]);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /**
     * The bands of backtest.csv are the percentiles item_quarterly.csv reports for the same item and
     * quarter (computed there by exact selection, here by sorting), a value at the median scores a
     * PIT of a half, and one beyond every path 0 or 1.
     */
    @Test
    void theBandsAreTheRunsOwnPercentilesAndThePitPlacesTheValue() throws IOException, CsvException {
        Path plain = tmp.resolve("plain");
        RunwayRun simulate = RunwayRun.of("simulate", "--inputs", "../inputs/nissan", "--scenario", "status_quo",
                "--paths", "4000", "--out", plain.toString());
        assertEquals(0, simulate.exitCode(), simulate.printed());
        Map<String, Map<String, String>> quarterly = new HashMap<>();
        for (Map<String, String> row : rows(plain.resolve("status_quo/item_quarterly.csv"))) {
            quarterly.put(row.get("item") + " " + row.get("label"), row);
        }
        String median = quarterly.get("revenue FY2025Q2").get("p50");
        RunwayRun run = backtest(actuals("FY2025Q2,revenue," + median + ",JPY bn,test\n"
                + "FY2025Q3,revenue,-1000000,JPY bn,test\nFY2025Q1,cash,1000000,JPY bn,test\n"
                + "FY2025Q1,unit_sales,707,thousand units,test\n"));
        assertEquals(0, run.exitCode(), run.printed());
        assertTrue(run.err().contains("note: the actuals of unit_sales are not scored: the model reports cash, revenue, "
                + "free_cash_flow"), run.printed());
        assertTrue(run.out().contains("Backtest: each realized value"), run.printed());

        List<Map<String, String>> scores = rows(tmp.resolve("out/backtest.csv"));
        assertEquals(3, scores.size());
        for (Map<String, String> score : scores) {
            Map<String, String> forecast = quarterly.get(score.get("item") + " " + score.get("label"));
            for (String level : List.of("p05", "p25", "p50", "p75", "p95", "mean")) {
                assertEquals(forecast.get(level), score.get(level), level + " of " + score);
            }
            assertEquals("test", score.get("source"));
        }
        assertEquals(0.5, Double.parseDouble(scores.get(0).get("pit")), 0.001, "a value at the median");
        assertEquals("1", scores.get(0).get("in_50"));
        assertEquals("0.000000", scores.get(1).get("pit"));
        assertEquals("0", scores.get(1).get("in_90"));
        assertEquals("1.000000", scores.get(2).get("pit"));

        List<Map<String, String>> coverage = rows(tmp.resolve("out/backtest_coverage.csv"));
        assertEquals(List.of("revenue", "cash"), coverage.stream().map(c -> c.get("item")).toList());
        assertEquals("2", coverage.get(0).get("quarters"));
        assertEquals("1", coverage.get(0).get("in_90"));
        String manifest = Files.readString(tmp.resolve("out/manifest.csv"));
        assertTrue(manifest.contains("actuals," + tmp.resolve("actuals.csv")), manifest);
    }

    @Test
    void theScoresDoNotDependOnTheThreads() throws IOException {
        Path actuals = actuals("FY2025Q1,revenue,2706.9,JPY bn,test\nFY2025Q1,cash,2100,JPY bn,test\n");
        assertEquals(0, backtest(actuals, "--threads", "1", "--out", tmp.resolve("one").toString()).exitCode());
        assertEquals(0, backtest(actuals, "--threads", "3", "--out", tmp.resolve("three").toString()).exitCode());
        for (String file : List.of("backtest.csv", "backtest_coverage.csv")) {
            assertEquals(Files.readString(tmp.resolve("one").resolve(file)), Files.readString(tmp.resolve("three")
                    .resolve(file)), file);
        }
    }

    @Test
    void theReportMarksTheRealizedValues() throws IOException {
        RunwayRun run = backtest(actuals("FY2025Q1,revenue,2706.9,JPY bn,test\nFY2025Q2,revenue,2871.8,JPY bn,test\n"
                + "FY2025Q1,cash,2100,JPY bn,test\n"), "--report");
        assertEquals(0, run.exitCode(), run.printed());
        String page = Files.readString(tmp.resolve("out/report.html"));
        assertTrue(page.contains("Against what happened"), "the backtest section");
        assertTrue(page.contains("revenue: 0 of 2 in the 50% band") || page.contains("revenue: 1 of 2 in the 50% band")
                || page.contains("revenue: 2 of 2 in the 50% band"), "the coverage line");
        assertTrue(Files.exists(tmp.resolve("out/charts/status_quo-backtest-revenue.svg")));
        assertFalse(Files.exists(tmp.resolve("out/charts/status_quo-backtest-cash.svg")),
                "cash, the primary item, is marked on the fan chart instead");
        String fan = Files.readString(tmp.resolve("out/charts/status_quo-fan.svg"));
        assertTrue(fan.contains("Realized: FY2025Q1 2,100 ("), "the fan chart's description names the value");
    }

    @Test
    void aBadActualsFileStopsTheRunWithEveryProblemAndWritesNothing() throws IOException {
        RunwayRun run = backtest(actuals("FY2025Q1,revenue,2706.9,JPY bn,\nFY2025Q5,revenue,1,JPY bn,x\n"
                + "FY2025Q2,revenue,lots,JPY bn,x\nFY2025Q3,revenue,1,JPY bn,x\nFY2025Q3,revenue,2,JPY bn,x\n"));
        assertEquals(2, run.exitCode(), run.printed());
        String file = tmp.resolve("actuals.csv").toString();
        assertTrue(run.err().contains("error: the actuals in " + file + " have 4 problem(s):"), run.printed());
        assertTrue(run.err().contains(file + ":3: column 'source': expected the public source of the number"), run.printed());
        assertTrue(run.err().contains(file + ":4: column 'quarter': expected a fiscal quarter FY<year>Q<1-4>"), run.printed());
        assertTrue(run.err().contains(file + ":5: column 'value':"), run.printed());
        assertTrue(run.err().contains(file + ":7: column 'quarter': revenue of FY2025Q3 is already on line 6"),
                run.printed());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
    }

    @Test
    void theSameQuarterWrittenTwoWaysIsAnErrorNotACrash() throws IOException {
        RunwayRun run = backtest(actuals("FY2025Q1,cash,2100,JPY bn,x\n2025Q1,cash,2000,JPY bn,y\n"));
        assertEquals(2, run.exitCode(), run.printed());
        assertTrue(run.err().contains(":4: column 'quarter': line 3 writes FY2025Q1, a fiscal quarter, and this row "
                + "2025Q1"), run.printed());
    }

    @Test
    void aValueTheForecastCannotPlaceIsAnError() throws IOException {
        RunwayRun outside = backtest(actuals("FY2024Q4,revenue,3490,JPY bn,x\n"));
        assertEquals(2, outside.exitCode(), outside.printed());
        assertTrue(outside.err().contains(":3: column 'quarter': FY2024Q4 is not a quarter the forecast covers "
                + "(FY2025Q1 to FY2027Q4)"), outside.printed());

        RunwayRun unit = backtest(actuals("FY2025Q1,revenue,2.7069,JPY tn,x\n"));
        assertEquals(2, unit.exitCode(), unit.printed());
        assertTrue(unit.err().contains(":3: column 'unit': revenue is in 'JPY tn' here but in 'JPY bn'"), unit.printed());

        RunwayRun streamed = backtest(actuals("FY2025Q1,revenue,2706.9,JPY bn,x\n"), "--statistics", "streaming");
        assertEquals(2, streamed.exitCode(), streamed.printed());
        assertTrue(streamed.err().contains("a backtest places each realized value among every path's"),
                streamed.printed());

        RunwayRun missing = RunwayRun.of("backtest", "--inputs", "../inputs/nissan", "--out",
                tmp.resolve("out").toString());
        assertEquals(2, missing.exitCode(), missing.printed());
        assertTrue(missing.err().contains("--actuals"), missing.printed());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
    }
}
