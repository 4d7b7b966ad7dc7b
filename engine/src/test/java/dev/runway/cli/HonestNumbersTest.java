package dev.runway.cli;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.output.Numbers;
import dev.runway.stats.Estimate;
import dev.runway.stats.Intervals;
import dev.runway.stats.ScenarioStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printed table never rounds a breach probability to a claim the paths do not make: a nonzero
 * share never shows as 0%, a date of first breach only beside a probability above zero, ±h only
 * for a symmetric interval, and a warning when the paths are too few for the digits.
 */
class HonestNumbersTest {
    private static final String NISSAN = Path.of("../inputs/nissan").toString();

    @TempDir
    Path tmp;

    /** A Wilson estimate of {@code k} breaches in {@code n} paths, as the statistics make it. */
    private static Estimate breaches(long k, long n) {
        double[] interval = Intervals.wilson(k, n, 0.95);
        return new Estimate((double) k / n, interval[0], interval[1]);
    }

    @Test
    void aNonzeroShareNeverPrintsAsZeroOrAHundred() {
        assertEquals("0.008%", Numbers.percent(8e-5, 1));
        assertEquals("0.0083%", Numbers.percent(8.3e-5, 1));
        assertEquals("99.992%", Numbers.percent(1 - 8e-5, 1));
        assertEquals("0%", Numbers.percent(0, 1));
        assertEquals("100%", Numbers.percent(1, 1));
        assertEquals("71.9%", Numbers.percent(0.719, 1));
        assertEquals("0.1%", Numbers.percent(0.001, 1));
        assertEquals("5.00%", Numbers.percent(0.05, 2));
    }

    @Test
    void anIntervalIsPrintedAsPlusMinusOnlyWhenItsArmsPrintTheSame() {
        // 71,900 of 100,000: Wilson's arms differ by far less than the printed 0.1 point.
        Estimate common = breaches(71_900, 100_000);
        String arm = String.format(Locale.ROOT, "%.1f", 100 * (common.value() - common.low()));
        assertEquals("71.9% ±" + arm, Numbers.percentWithInterval(common, 1));

        // One path that breached: Wilson's interval runs from about 21% to 100%, nowhere near symmetric.
        Estimate one = breaches(1, 1);
        assertEquals("100% [" + Numbers.percentNumber(one.low(), 1) + ", 100]", Numbers.percentWithInterval(one, 1));
        assertTrue(one.low() > 0.2 && one.low() < 0.21, "Wilson's lower end for 1 of 1: " + one.low());

        // 8 of 100,000: printed 0.008%, its interval [0.004, 0.016] is lopsided.
        String rare = Numbers.percentWithInterval(breaches(8, 100_000), 1);
        assertTrue(rare.startsWith("0.008% ["), rare);
        assertFalse(rare.contains("±"), rare);
    }

    @Test
    void aRareBreachIsPrintedWithItsDigitsBesideItsDate() throws IOException {
        // A loss that empties the till with probability 1 in 10,000 in the first quarter: the table used to
        // print 0.0% ±0.0 beside a median first breach, a contradiction on one line.
        Path inputs = InputFolderFixture.minimal()
                .append(InputReader.EVENTS, "base,rare_loss,cash_shock,0.0001,constant,5000,,,,1,1,,test")
                .writeTo(tmp.resolve("inputs"));
        Path out = tmp.resolve("out");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run::printed);

        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        List<String> header = List.of(summary.get(0).split(","));
        String[] base = summary.get(1).split(",");
        double breachProb = Double.parseDouble(base[header.indexOf("breach_prob")]);
        assertTrue(breachProb > 0 && breachProb < 0.001, "a rare breach: " + breachProb);

        String row = run.out().lines().filter(line -> line.startsWith("base ")).findFirst().orElseThrow();
        String cell = row.substring("base".length()).strip();
        assertTrue(cell.startsWith(Numbers.percentNumber(breachProb, 1) + "% ["), row);
        assertFalse(cell.startsWith("0.0%") || cell.startsWith("0%"), row);
        assertTrue(row.contains(" Q1 "), "the median first breach beside it: " + row);
    }

    @Test
    void noBreachPrintsZeroAndNoDate() throws IOException {
        Path inputs = InputFolderFixture.minimal().writeTo(tmp.resolve("inputs"));
        RunwayRun run = RunwayRun.of("simulate", "--inputs", inputs.toString(), "--out", tmp.resolve("out").toString(),
                "--paths", "20000");
        assertEquals(0, run.exitCode(), run::printed);
        String row = run.out().lines().filter(line -> line.startsWith("base ")).findFirst().orElseThrow();
        assertTrue(row.matches("base +0% \\[0, [0-9.]+\\] +- .*"), row);
    }

    @Test
    void onePathGetsItsLopsidedIntervalAndAWarning() {
        RunwayRun run = RunwayRun.of("simulate", "--inputs", NISSAN, "--out", tmp.resolve("out").toString(),
                "--paths", "1", "--scenario", "status_quo");
        assertEquals(0, run.exitCode(), run::printed);
        String row = run.out().lines().filter(line -> line.startsWith("status_quo ")).findFirst().orElseThrow();
        assertFalse(row.contains("±"), "not a symmetric ±: " + row);
        assertTrue(row.contains("100% [" + Numbers.percentNumber(breaches(1, 1).low(), 1) + ", 100]")
                || row.contains("0% [0, " + Numbers.percentNumber(breaches(0, 1).high(), 1) + "]"), row);
        String warning = run.out().lines().filter(line -> line.startsWith("warning: ")).findFirst().orElse("");
        assertTrue(warning.startsWith("warning: 1 path(s) per scenario are too few for these digits"), run::printed);
        assertTrue(warning.contains("paths give every one to ±0.5 point (--paths "), warning);
    }

    @Test
    void theDefaultPathsKeepTheirPlusMinusAndGetNoWarning() {
        RunwayRun run = RunwayRun.of("simulate", "--inputs", NISSAN, "--out", tmp.resolve("out").toString(),
                "--paths", "20000", "--scenario", "re_nissan");
        assertEquals(0, run.exitCode(), run::printed);
        String row = run.out().lines().filter(line -> line.startsWith("re_nissan ")).findFirst().orElseThrow();
        assertTrue(row.matches("re_nissan +\\d+\\.\\d% ±\\d\\.\\d .*"), row);
        assertFalse(run.out().contains("warning:"), run::printed);
    }

    @Test
    void theWarningSaysHowManyPathsTheDigitsNeed() {
        // p(1-p) at its largest over the interval, 0.25 when it holds one half: z² / 4 / 0.005² = 38,415 paths.
        String warning = SummaryTable.tooFewPaths(List.of(statistics(breaches(1, 2), 2)));
        assertTrue(warning.contains("about 39,000 paths give every one to ±0.5 point (--paths 39000), "
                + "3,900,000 to ±0.05."), warning);
    }

    /** Statistics carrying only what the warning reads: the paths and the breach probability. */
    private static ScenarioStatistics statistics(Estimate breach, int paths) {
        return new ScenarioStatistics("s", paths, 1L, List.of(), breach, OptionalInt.empty(), breach, Double.NaN, null,
                Map.of());
    }
}
