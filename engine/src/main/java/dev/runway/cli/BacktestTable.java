package dev.runway.cli;

import dev.runway.analysis.Backtest;
import dev.runway.output.Numbers;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The backtest's scores and coverage as a run prints them, after the summary table. */
final class BacktestTable {
    private BacktestTable() {
    }

    static void print(PrintWriter out, List<Backtest.Score> scores) {
        if (scores.isEmpty()) {
            return;
        }
        String format = "%-18s %-9s %-16s %12s %26s %7s %5s %5s %10s%n";
        out.printf("%nBacktest: each realized value against the forecast of its quarter%n");
        out.printf(Locale.ROOT, format, "scenario", "quarter", "item", "actual", "forecast P05 / P50 / P95", "PIT",
                "50%", "90%", "CRPS");
        for (Backtest.Score s : scores) {
            out.printf(Locale.ROOT, format, s.scenario(), s.label(), s.item(), Numbers.money(s.actual()),
                    Numbers.money(s.p05()) + " / " + Numbers.money(s.p50()) + " / " + Numbers.money(s.p95()),
                    Numbers.percentNumber(s.pit(), 1) + "%", s.in50() ? "in" : "out", s.in90() ? "in" : "out",
                    Numbers.money(s.crps()));
        }
        out.println();
        for (Backtest.Coverage c : Backtest.coverage(scores)) {
            out.printf(Locale.ROOT, "%s, %s: %d of %d in the 50%% band (p = %s), %d in the 90%% band (p = %s), mean PIT "
                    + "%s%n", c.scenario(), c.item(), c.in50(), c.scored(), Numbers.decimal(c.pValue50()), c.in90(),
                    Numbers.decimal(c.pValue90()), Numbers.decimal(c.meanPit()));
        }
        out.println("A few quarters prove little: a p-value near 0 is evidence the forecast is miscalibrated, one far "
                + "from 0 is only the absence of that evidence.");
    }
}
