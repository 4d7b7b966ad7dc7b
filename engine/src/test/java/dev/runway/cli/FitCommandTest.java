package dev.runway.cli;

import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.FiscalQuarter;
import dev.runway.output.FileRecord;
import dev.runway.output.OutputFiles;
import dev.runway.output.OutputFiles.ManifestCsv;
import dev.runway.output.Schema;
import dev.runway.sample.BlockRandom;
import dev.runway.sample.BlockSampler;
import dev.runway.sample.BlockSamplers;
import dev.runway.sample.MonteCarloInputs;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code runway fit} end to end: what it prints and writes, that its rows are valid input, that
 * it gives the same bytes again, and that every bad input stops it with exit code 2, one error
 * and nothing written.
 */
class FitCommandTest {
    private static final String HEADER = "quarter,item,value,unit,source";
    private static final FiscalQuarter FIRST = new FiscalQuarter(2015, 1);
    private static final int QUARTERS = 40;

    @TempDir
    Path tmp;

    /** Draws of a distribution by the engine's own sampler. */
    private static double[] draws(Distribution distribution, int n, long seed) {
        BlockSampler sampler = BlockSamplers.of(distribution);
        MonteCarloInputs inputs = new MonteCarloInputs(new BlockRandom(RandomSource.XO_SHI_RO_256_PP.create(seed)));
        double[] values = new double[n];
        inputs.normals(0, values, n);
        sampler.fromNormals(values, values, n);
        return values;
    }

    /**
     * Ten years of a start-up's quarters from FY2015Q1, in USD m: growth (normal(0.06, 0.02)),
     * revenue, and working capital (quarterly means -8, 4, -2, 6 plus an AR(1) with phi -0.4 and
     * sigma 2.5), one item per line in quarter order: a comment line 1, the header line 2, and
     * quarter i's growth, revenue and working capital on lines 3 + 3i, 4 + 3i, 5 + 3i.
     */
    static List<String> history() {
        double[] growth = draws(Distribution.of(DistributionKind.NORMAL, 0.06, 0.02), QUARTERS, 1);
        double[] e = draws(Distribution.of(DistributionKind.NORMAL, 0, 1), QUARTERS, 2);
        double[] means = {-8, 4, -2, 6};
        List<String> lines = new ArrayList<>(List.of("# a start-up's history (synthetic)", HEADER));
        double revenue = 30;
        double deviation = 0;
        for (int i = 0; i < QUARTERS; i++) {
            FiscalQuarter q = FIRST.plus(i);
            revenue *= Math.exp(growth[i]);
            deviation = -0.4 * deviation + 2.5 * e[i];
            lines.add(String.format(Locale.ROOT, "%s,growth,%.6f,log change per quarter,\"Test, table %d\"", q,
                    growth[i], i));
            lines.add(String.format(Locale.ROOT, "%s,revenue,%.3f,USD m,Test", q, revenue));
            lines.add(String.format(Locale.ROOT, "%s,working_capital,%.3f,USD m,Test", q, means[q.quarter() - 1]
                    + deviation));
        }
        return lines;
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private RunwayRun fit(Path history, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("fit", "--history", history.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return RunwayRun.of(args.toArray(new String[0]));
    }

    /**
     * Values that tie pull a Student's t onto them: its likelihood grows without bound as its scale
     * shrinks. The fit must say so instead of recommending the spike (it once ranked
     * student_t(100, 2e-153, 1) first by an AIC of -6,952).
     */
    @Test
    void aStudentTThatCollapsesOntoTiedValuesIsNoFit() throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        double[] values = {100, 100, 90, 100, 100, 120, 100, 100, 100, 130, 100, 100, 100, 100, 100, 100};
        for (int i = 0; i < values.length; i++) {
            lines.add(FIRST.plus(i) + ",x," + values[i] + ",,Test");
        }
        Path out = tmp.resolve("ties");
        RunwayRun run = fit(write("ties.csv", lines), out, "--series", "x");
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("student_t   not fitted: student_t collapses onto the values that tie (13 of the 16 "
                + "values are equal)"), run::printed);
        assertFalse(Files.readString(out.resolve("drivers.csv")).contains("student_t"), "not the recommended row");
    }

    /**
     * A uniform fitted to four values ends at their lowest and highest and ranks first by AIC; the
     * rows must not recommend a range that says the series never goes beyond its history.
     */
    @Test
    void theRowsDoNotRecommendAFitThatEndsAtTheHistorysExtremes() throws IOException {
        List<String> lines = List.of(HEADER, "FY2020Q1,x,4.5,,T", "FY2020Q2,x,13.5,,T", "FY2020Q3,x,9,,T",
                "FY2020Q4,x,6,,T");
        Path out = tmp.resolve("pinned");
        RunwayRun run = fit(write("four.csv", lines), out, "--series", "x");
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("1     uniform     min 4.5, max 13.5 (ends at the history's extremes)"), run::printed);
        assertTrue(run.out().contains("The rows use lognormal: a fit whose range ends at the history's extremes"),
                run::printed);
        String row = row(out.resolve("drivers.csv"));
        assertTrue(row.startsWith("base,x,lognormal,"), row);
    }

    /** The second line of a file: the one row of a fit's drivers.csv without a time series. */
    private static String row(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).get(1);
    }

    @Test
    void printsTheRankedFitsAndWritesEveryFileWithTheRowsToPaste() throws IOException {
        Path history = write("history.csv", history());
        Path out = tmp.resolve("out");
        RunwayRun run = fit(history, out, "--series", "growth", "--to", "FY2023Q4");
        assertEquals(0, run.exitCode(), run::printed);
        assertEquals("", run.err(), run::printed);
        assertTrue(run.out().startsWith("growth over FY2015Q1–FY2023Q4 (36 quarters) of " + history), run::printed);
        assertTrue(run.out().contains("rank  family"), run::printed);
        assertTrue(run.out().contains(out.resolve("drivers.csv") + "  (the "), run::printed);
        for (String file : List.of("fits.csv", "series.csv", "drivers.csv", "manifest.csv", FileRecord.NAME,
                "charts/qq-normal.png", "charts/qq-normal.svg", "charts/qq-beta.svg")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file + " is written");
        }
        assertFalse(Files.exists(out.resolve("model.csv")), "model.csv is for --time-series");
        assertEquals(36, Files.readAllLines(out.resolve("series.csv")).size() - 1);
        String driver = row(out.resolve("drivers.csv"));
        assertTrue(driver.startsWith("base,growth,"), driver);
        assertTrue(driver.contains("Fitted by runway fit to growth over FY2015Q1 to FY2023Q4 (36 quarters) of "
                + history), driver);
        assertTrue(driver.contains("Rerun: runway fit --history " + history + " --series growth --from FY2015Q1 --to "
                + "FY2023Q4 --family auto --name growth --scenario base"), driver);
        List<String> fits = Files.readAllLines(out.resolve("fits.csv"));
        assertEquals(1 + 7, fits.size(), "every family has a row");
        assertTrue(fits.get(1).startsWith("1,"), fits.get(1));
        String manifest = Files.readString(out.resolve("manifest.csv"));
        assertTrue(manifest.contains("optimistic"), "the manifest says the KS p-value is optimistic");
    }

    /**
     * The row is valid input: in a copy of the start-up case, in place of its own growth driver,
     * {@code runway validate} accepts it, pre-flight included.
     */
    @Test
    void theDriverRowIsValidInputForValidate() throws IOException {
        Path out = tmp.resolve("out");
        for (String family : List.of("auto", "normal", "lognormal", "uniform", "triangular", "pert", "beta",
                "student_t")) {
            RunwayRun run = fit(write("history.csv", history()), out, "--series", "growth + 0.1", "--name", "growth",
                    "--family", family);
            assertEquals(0, run.exitCode(), run::printed);
            List<String> rows = rowsOf(out.resolve("drivers.csv"));
            Path inputs = startupWith(UnaryOperator.identity(), lines -> replaceStarting(lines, "base,growth,", rows),
                    family);
            RunwayRun validate = RunwayRun.of("validate", "--inputs", inputs.toString());
            assertEquals(0, validate.exitCode(), family + ":\n" + validate.printed());
        }
    }

    /**
     * The time series' rows are valid input too: its model.csv rows in the start-up's model, the
     * working capital taken out of cash as it builds, and its drivers in drivers.csv.
     */
    @Test
    void theTimeSeriesRowsAreValidInputForValidate() throws IOException {
        Path out = tmp.resolve("out");
        RunwayRun run = fit(write("history.csv", history()), out, "--series", "working_capital", "--time-series");
        assertEquals(0, run.exitCode(), run::printed);
        assertTrue(run.out().contains("Time series: x - m(quarter)"), run::printed);
        assertTrue(run.out().contains("-     lognormal   not fitted: lognormal needs values above 0"), run::printed);
        List<String> model = rowsOf(out.resolve("model.csv"));
        assertEquals(4, model.size());
        List<String> drivers = rowsOf(out.resolve("drivers.csv"));
        assertEquals(6, drivers.size());
        Path inputs = startupWith(lines -> {
            List<String> changed = replaceStarting(lines, "cash,", List.of("cash,prev(cash) - burn - (working_capital - "
                    + "prev(working_capital)),opening_cash,USD m,with the working capital fitted by runway fit"));
            changed.addAll(model);
            return changed;
        }, lines -> {
            List<String> changed = new ArrayList<>(lines);
            changed.addAll(drivers);
            return changed;
        }, "time-series");
        RunwayRun validate = RunwayRun.of("validate", "--inputs", inputs.toString());
        assertEquals(0, validate.exitCode(), validate.printed());
        List<String> timeSeries = Files.readAllLines(out.resolve("time_series.csv"));
        assertTrue(timeSeries.get(1).startsWith("seasonal_ar1,"), timeSeries.get(1));
    }

    /** A copy of inputs/startup with its model.csv and drivers.csv lines changed. */
    private Path startupWith(UnaryOperator<List<String>> model, UnaryOperator<List<String>> drivers, String name)
            throws IOException {
        Path copy = tmp.resolve("startup-" + name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(Path.of("../inputs/startup"))) {
            for (Path file : files.toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                String fileName = file.getFileName().toString();
                if (fileName.equals("model.csv")) {
                    lines = model.apply(lines);
                } else if (fileName.equals("drivers.csv")) {
                    lines = drivers.apply(lines);
                }
                Files.write(copy.resolve(fileName), lines, StandardCharsets.UTF_8);
            }
        }
        return copy;
    }

    private static List<String> rowsOf(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return new ArrayList<>(lines.subList(1, lines.size()));
    }

    private static List<String> replaceStarting(List<String> lines, String start, List<String> replacement) {
        List<String> changed = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(start)) {
                changed.addAll(replacement);
            } else {
                changed.add(line);
            }
        }
        assertEquals(lines.size() - 1 + replacement.size(), changed.size(), "one line starts with " + start);
        return changed;
    }

    /**
     * The same command gives the same bytes in every file (the manifest's execution lines aside),
     * and so does the command the rows' source gives to rerun the fit, after the history has grown.
     */
    @Test
    void aRerunAndTheCommandInTheSourceGiveByteIdenticalFiles() throws IOException {
        Path history = write("history.csv", history());
        String[] options = {"--series", "log(revenue / lag(revenue, 4))", "--name", "yearly_growth", "--to", "FY2023Q4",
            "--time-series"};
        RunwayRun first = fit(history, tmp.resolve("first"), options);
        assertEquals(0, first.exitCode(), first::printed);
        RunwayRun again = fit(history, tmp.resolve("again"), options);
        assertEquals(0, again.exitCode(), again::printed);
        assertEquals(first.out().replace("first", "again"), again.out());
        Map<String, String> files = files(tmp.resolve("first"));
        assertEquals(files, files(tmp.resolve("again")));

        Matcher rerun = Pattern.compile("Rerun: runway (fit .*?)\"?$").matcher(row(tmp.resolve("first/drivers.csv")));
        assertTrue(rerun.find());
        List<String> more = new ArrayList<>(history());
        more.add(FIRST.plus(QUARTERS) + ",revenue,999,USD m,a later quarter outside the window");
        Files.writeString(history, String.join("\n", more) + "\n");
        List<String> words = shellWords(rerun.group(1));
        words.addAll(List.of("--out", tmp.resolve("rerun").toString()));
        RunwayRun rerunRun = RunwayRun.of(words.toArray(new String[0]));
        assertEquals(0, rerunRun.exitCode(), rerunRun::printed);
        Map<String, String> rerunFiles = files(tmp.resolve("rerun"));
        for (String file : List.of("drivers.csv", "model.csv", "fits.csv", "series.csv", "time_series.csv",
                "charts/qq-normal.svg")) {
            if (!file.equals("drivers.csv") && !file.equals("model.csv")) {
                assertEquals(files.get(file), rerunFiles.get(file), file);
            }
        }
        // The rows name the history by its SHA-256, which grew: all else is the same.
        String hash = Pattern.compile("SHA-256 ([0-9a-f]{12})").matcher(files.get("drivers.csv")).results().findFirst()
                .orElseThrow().group(1);
        String newHash = Pattern.compile("SHA-256 ([0-9a-f]{12})").matcher(rerunFiles.get("drivers.csv")).results()
                .findFirst().orElseThrow().group(1);
        assertEquals(files.get("drivers.csv").replace(hash, newHash), rerunFiles.get("drivers.csv"));
        assertEquals(files.get("model.csv").replace(hash, newHash), rerunFiles.get("model.csv"));
    }

    /** A command line as the shell splits it: words, with single quotes around those that need them. */
    private static List<String> shellWords(String command) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("'((?:[^']|'\\\\'')*)'|(\\S+)").matcher(command.replace("\"\"", "\""));
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1).replace("'\\''", "'") : word.group(2));
        }
        return words;
    }

    /** Every file of an output folder by path, the manifest without its execution lines, the record without the manifest's. */
    private static Map<String, String> files(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = out.relativize(file).toString();
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (name.equals(ManifestCsv.SCHEMA.file())) {
                    text = text.lines().filter(line -> ManifestCsv.EXECUTION_KEYS.stream()
                            .noneMatch(key -> line.startsWith(key + ","))).collect(Collectors.joining("\n"));
                } else if (name.equals(FileRecord.NAME)) {
                    text = text.lines().filter(line -> !line.startsWith(ManifestCsv.SCHEMA.file() + ","))
                            .collect(Collectors.joining("\n"));
                }
                files.put(name, text);
            }
        }
        return files;
    }

    /** A fit's folder holds one file of each of its schemas, with its header. */
    @Test
    void everyCsvAFitWritesHasTheHeaderOfItsSchema() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, fit(write("history.csv", history()), out, "--series", "working_capital", "--time-series")
                .exitCode());
        Map<String, String> expected = new TreeMap<>();
        for (Schema schema : OutputFiles.fitOnlySchemas()) {
            expected.put(schema.file(), String.join(",", schema.header()));
        }
        expected.put(ManifestCsv.SCHEMA.file(), String.join(",", ManifestCsv.SCHEMA.header()));
        expected.put(FileRecord.NAME, String.join(",", OutputFiles.FilesCsv.SCHEMA.header()));
        Map<String, String> headers = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                headers.put(file.getFileName().toString(), Files.readAllLines(file).get(0));
            }
        }
        assertEquals(expected, headers);
    }

    /** A bad input: the history's lines (null for the synthetic one), the options, and what the error says. */
    record Bad(String name, List<String> history, List<String> options, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<String> changed(UnaryOperator<List<String>> change) {
        return change.apply(new ArrayList<>(history()));
    }

    /** The synthetic history with line {@code line} (1-based, as error messages count) replaced. */
    private static List<String> withLine(int line, String text) {
        return changed(lines -> {
            lines.set(line - 1, text);
            return lines;
        });
    }

    static Stream<Bad> badInputs() {
        return Stream.of(
                new Bad("a missing quarter in the window", changed(lines -> {
                    lines.remove(3 + 3 * 10 + 1 - 1); // FY2017Q3's revenue, line 34
                    return lines;
                }), List.of("--series", "revenue"), "history.csv:36: column 'quarter': the series \"revenue\" in FY2017Q3 "
                        + "needs revenue of FY2017Q3, which history.csv does not have: its revenue rows jump from FY2017Q2 "
                        + "(line 31) to FY2017Q4 (line 36); the window is FY2015Q1–FY2024Q4. Add the row, or start after it "
                        + "(--from FY2017Q4), or end before it (--to FY2017Q2). Nothing was written."),
                new Bad("a single row", List.of(HEADER, "FY2020Q1,revenue,12,USD m,Test"), List.of("--series", "revenue"),
                        "the window FY2020Q1 holds one value of the series (12); a fit needs at least 4 values"),
                new Bad("too few values for the family", null, List.of("--series", "revenue", "--family", "beta",
                        "--to", "FY2016Q1"), "beta estimates 4 parameter(s) and needs at least 6 values; the window "
                        + "FY2015Q1–FY2016Q1 has 5: widen it with --from/--to, or add history. Nothing was written."),
                new Bad("constant values", changed(lines -> {
                    lines.replaceAll(line -> line.contains(",revenue,") ? line.replaceAll(",revenue,[^,]*,",
                            ",revenue,42,") : line);
                    return lines;
                }), List.of("--series", "revenue"), "all 40 values of the series in FY2015Q1–FY2024Q4 are 42; a "
                        + "distribution cannot be fitted to a constant: write it as constant(42) in drivers.csv, or widen "
                        + "the window. Nothing was written."),
                new Bad("a cell that is not a number", withLine(7, "FY2015Q2,revenue,n/a,USD m,Test"),
                        List.of("--series", "revenue"), "history.csv:7: column 'value': expected a number such as 12.5 "
                        + "or -3e2, found \"n/a\". Nothing was written; fix the row and run the fit again."),
                new Bad("quarters out of order", withLine(7, "FY2014Q2,revenue,31,USD m,Test"),
                        List.of("--series", "revenue"), "history.csv:7: column 'quarter': revenue's FY2014Q2 comes after "
                        + "its FY2015Q1 (line 4); list each item's quarters in time order, oldest first"),
                new Bad("a quarter twice", withLine(7, "FY2015Q1,revenue,31,USD m,Test"),
                        List.of("--series", "revenue"), "history.csv:7: column 'quarter': revenue of FY2015Q1 is already "
                        + "on line 4; keep one row per item and quarter"),
                new Bad("a quarter that is not a fiscal quarter", withLine(7, "2015-06,revenue,31,USD m,Test"),
                        List.of("--series", "revenue"), "history.csv:7: column 'quarter': expected a fiscal quarter "
                        + "FY<year>Q<1-4>, such as FY2024Q4 (or <year>Q<1-4> for calendar quarters), found \"2015-06\""),
                new Bad("an item in two units", withLine(7, "FY2015Q2,revenue,31,EUR m,Test"),
                        List.of("--series", "revenue"), "history.csv:7: column 'unit': revenue is in \"USD m\" on line 4 "
                        + "but in \"EUR m\" here; every row of an item has the same unit"),
                new Bad("a row without a source", withLine(7, "FY2015Q2,revenue,31,USD m,"),
                        List.of("--series", "revenue"), "history.csv:7: column 'source': expected the public source"),
                new Bad("an unknown item", null, List.of("--series", "free_cash_flow / revenue", "--name", "margin"),
                        "--series \"free_cash_flow / revenue\", at character 1: unknown item \"free_cash_flow\". The "
                        + "names in a series are items of "),
                new Bad("a malformed formula", null, List.of("--series", "revenue / (growth", "--name", "x"),
                        "--series \"revenue / (growth\", at character 18: expected ')'"),
                new Bad("a formula without --name", null, List.of("--series", "revenue * growth"),
                        "is a formula; name the driver it becomes with --name (e.g. --name growth_revenue_fit)"),
                new Bad("a lognormal of values at or below 0", null, List.of("--series", "working_capital", "--family",
                        "lognormal"), "lognormal needs values above 0, and the series is "),
                new Bad("a beta on a support the values leave", null, List.of("--series", "growth", "--family", "beta",
                        "--support", "0,0.07"), "beta on --support [0, 0.07] needs every value strictly inside it"),
                new Bad("an unknown family", null, List.of("--series", "revenue", "--family", "norml"),
                        "error: unknown --family \"norml\"; did you mean \"normal\"?"),
                new Bad("a discrete family", null, List.of("--series", "revenue", "--family", "bernoulli"),
                        "error: --family bernoulli is not fitted: a history of amounts is continuous"),
                new Bad("a window that is not a quarter", null, List.of("--series", "revenue", "--to", "2024Q4"),
                        "error: --to must be a fiscal quarter FY<year>Q<1-4>, such as FY2024Q4, found '2024Q4'"),
                new Bad("a quarter written as a calendar quarter among fiscal ones", withLine(7, "2015Q2,revenue,31,USD m,"
                        + "Test"), List.of("--series", "revenue"), "history.csv:7: column 'quarter': line 3 writes "
                        + "FY2015Q1, a fiscal quarter, and this row 2015Q2; write every quarter of the file the same way"),
                new Bad("a support beyond the input limits", null, List.of("--series", "growth", "--family", "pert",
                        "--support", "-10,1e308"), "error: --support's ends must be within ±1e15"),
                new Bad("a time series with too little variation", List.of(HEADER, "FY2020Q1,x,42,,T", "FY2020Q2,x,42,,T",
                        "FY2020Q3,x,42,,T", "FY2020Q4,x,42,,T", "FY2021Q1,x,42,,T", "FY2021Q2,x,42,,T", "FY2021Q3,x,42,,T",
                        "FY2021Q4,x,42,,T", "FY2022Q1,x,42,,T", "FY2022Q2,x,42,,T", "FY2022Q3,x,42,,T", "FY2022Q4,x,42,,T",
                        "FY2023Q1,x,42,,T", "FY2023Q2,x,42,,T", "FY2023Q3,x,42,,T", "FY2023Q4,x,43,,T"),
                        List.of("--series", "x", "--time-series"), "varies too little"),
                new Bad("a time series shorter than three years", null, List.of("--series", "revenue", "--time-series",
                        "--from", "FY2022Q2"), "needs at least 12 consecutive quarters (3 of each fiscal quarter); the window "
                        + "FY2022Q2–FY2024Q4 has 11"));
    }

    /**
     * Each bad input exits with 2 and an {@code error:} line that says what was wrong and what to
     * do, and writes nothing: a new --out is not created, and an earlier fit in another --out is
     * left as it was.
     */
    @ParameterizedTest
    @MethodSource("badInputs")
    void everyBadInputExitsWithTwoAndItsMessageAndWritesNothing(Bad bad) throws IOException {
        Path history = write("history.csv", bad.history() == null ? history() : bad.history());
        Path earlier = tmp.resolve("earlier");
        assertEquals(0, fit(write("good.csv", history()), earlier, "--series", "growth").exitCode());
        Map<String, String> before = files(earlier);
        Path out = tmp.resolve("out");
        RunwayRun run = fit(history, out, bad.options().toArray(new String[0]));
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().startsWith("error: "), run::printed);
        assertTrue(run.err().contains(bad.message().replace("history.csv", history.toString())), run::printed);
        assertEquals(1, run.err().lines().filter(line -> line.startsWith("error: ")).count(), run::printed);
        assertFalse(Files.exists(out), "nothing is written");
        assertEquals("", run.out());
        RunwayRun over = fit(history, earlier, bad.options().toArray(new String[0]));
        assertEquals(2, over.exitCode(), over::printed);
        assertEquals(before, files(earlier), "the earlier fit is as it was");
    }
}
