package dev.runway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --precision adds blocks of paths until the intervals are narrow enough, and says why it stopped. */
class PrecisionTest {
    private static final String NISSAN = Path.of("../inputs/nissan").toString();
    private static final Pattern STOPPED = Pattern.compile("precision:status_quo,\"target met at (\\d+) paths");

    @TempDir
    Path tmp;

    @Test
    void aPreciseRunIsExactlyThePlainRunOfItsFinalPathCountAndMeetsItsTarget() throws IOException {
        Path precise = tmp.resolve("precise");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", NISSAN, "--out", precise.toString(), "--scenario",
                "status_quo", "--paths", "4096", "--precision", "20bn,1pp");
        assertEquals(0, run.exitCode(), run::printed);
        Matcher stopped = STOPPED.matcher(Files.readString(precise.resolve("manifest.csv")));
        assertTrue(stopped.find(), run::printed);
        int paths = Integer.parseInt(stopped.group(1));
        assertTrue(paths > 4096, "a 4,096-path run is not that precise; it stopped at " + paths);

        String[] summary = Files.readAllLines(precise.resolve("summary.csv")).get(1).split(",");
        double p05HalfWidth = (Double.parseDouble(summary[14]) - Double.parseDouble(summary[13])) / 2;
        double breachHalfWidth = (Double.parseDouble(summary[20]) - Double.parseDouble(summary[19])) / 2;
        assertTrue(p05HalfWidth <= 20 && breachHalfWidth <= 0.01, "the target holds: ±" + p05HalfWidth + " bn, ±"
                + breachHalfWidth);

        Path plain = tmp.resolve("plain");
        assertEquals(0, RunwayRun.of("simulate", "--inputs", NISSAN, "--out", plain.toString(), "--scenario",
                "status_quo", "--paths", Integer.toString(paths)).exitCode());
        assertEquals(Files.readString(plain.resolve("status_quo/quarterly.csv")),
                Files.readString(precise.resolve("status_quo/quarterly.csv")),
                "blocks added round by round give the same paths as one run of that size");
    }

    @Test
    void theManifestSaysWhenMaxPathsStoppedItBeforeTheTarget() throws IOException {
        Path out = tmp.resolve("capped");
        RunwayRun run = RunwayRun.of("simulate", "--inputs", NISSAN, "--out", out.toString(), "--scenario",
                "status_quo", "--paths", "4096", "--precision", "0.01pp", "--max-paths", "12288");
        assertEquals(0, run.exitCode(), run::printed);
        String manifest = Files.readString(out.resolve("manifest.csv"));
        assertTrue(manifest.contains("precision:status_quo,\"--max-paths reached before the target at 12288 paths"),
                manifest);
    }

    @Test
    void anUnreadablePrecisionIsAUsageError() {
        RunwayRun run = RunwayRun.of("simulate", "--inputs", NISSAN, "--out", tmp.resolve("x").toString(),
                "--precision", "5 yen");
        assertEquals(2, run.exitCode(), run::printed);
        assertTrue(run.err().contains("10 (P05, in the unit of the primary item; 10bn is read the same) and 0.5pp"), run::printed);
        assertTrue(Files.notExists(tmp.resolve("x")));
    }
}
