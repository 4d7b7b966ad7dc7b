package dev.runway.cli;

import dev.runway.analysis.Analyses;
import dev.runway.analysis.InjectionSolver;
import dev.runway.model.Scenario;
import dev.runway.stats.QuarterStatistics;
import dev.runway.stats.ScenarioStatistics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one-screen table printed at the end of a run: per scenario, terminal cash, breach odds and timing, injections. */
final class SummaryTable {
    private SummaryTable() {
    }

    static void print(PrintWriter out, List<Scenario> scenarios, List<ScenarioStatistics> statistics,
            Analyses analyses) {
        String format = "%-18s %13s %10s %10s %10s %8s %12s %8s %11s%n";
        String item = scenarios.get(0).model().primary();
        String unit = scenarios.get(0).model().primaryUnit();
        String shortItem = item.length() > 8 ? item.substring(0, 8) : item;
        int decimals = decimals(statistics);
        out.printf(Locale.ROOT, format, "scenario", "breach", "median", "P05", "P50", "P95", "min P05", "inject", "inject");
        out.printf(Locale.ROOT, format, "", "prob", "1st breach", shortItem + " end", shortItem + " end",
                shortItem + " end", shortItem + " (qtr)", "prob", "mean");
        for (int i = 0; i < statistics.size(); i++) {
            ScenarioStatistics s = statistics.get(i);
            List<String> labels = scenarios.get(i).schedule().labels();
            QuarterStatistics end = s.terminalQuarter();
            QuarterStatistics worst = s.quarters().get(0);
            for (QuarterStatistics q : s.quarters()) {
                if (q.percentile(0.05).value() < worst.percentile(0.05).value()) {
                    worst = q;
                }
            }
            out.printf(Locale.ROOT, format, s.scenario(), percent(s.breachProb().value()) + String.format(Locale.ROOT,
                    " ±%.1f", 100 * s.breachProb().halfWidth()),
                    s.firstBreachP50Quarter().isPresent() ? labels.get(s.firstBreachP50Quarter().getAsInt() - 1) : "-",
                    money(end.percentile(0.05).value(), decimals), money(end.percentile(0.50).value(), decimals),
                    money(end.percentile(0.95).value(), decimals),
                    money(worst.percentile(0.05).value(), decimals) + " (" + worst.quarter() + ")",
                    percent(s.injectionProb().value()),
                    Double.isNaN(s.injectionMean()) ? "-" : money(s.injectionMean(), decimals));
        }
        out.println("Money in " + (unit.isEmpty() ? "the model's unit" : unit) + ". 'breach prob': share of paths in "
                + "breach (" + scenarios.get(0).model().breachText() + ") in some quarter, ± half its 95% interval;");
        out.println("'min P05 " + item + "': the lowest 5th percentile of " + item
                + " over the quarters, and which quarter.");
        if (!analyses.solutions().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "Up-front injection (%s, in quarter %d) that keeps the breach probability at or "
                    + "under the target, [95%% Monte Carlo interval]:%n", unit.isEmpty() ? "in cash's unit" : unit,
                    analyses.solutions().get(0).quarter());
            String row = "%-18s %24s %24s %24s%n";
            out.printf(Locale.ROOT, row, "scenario", "<= 1%", "<= 5%", "<= 10%");
            for (ScenarioStatistics s : statistics) {
                List<String> cells = new ArrayList<>();
                for (InjectionSolver.Solution solution : analyses.solutions()) {
                    if (solution.scenario().equals(s.scenario())) {
                        cells.add(describe(solution, decimals));
                    }
                }
                while (cells.size() < 3) {
                    cells.add("-");
                }
                out.printf(Locale.ROOT, row, s.scenario(), cells.get(0), cells.get(1), cells.get(2));
            }
        }
        out.flush();
    }

    private static String describe(InjectionSolver.Solution solution, int decimals) {
        switch (solution.status()) {
            case ALREADY_MET:
                return "none needed";
            case OUT_OF_REACH:
                return "out of reach";
            default:
                return money(solution.injection(), decimals) + " [" + money(solution.low(), decimals) + "-" + money(solution.high(), decimals) + "]";
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** Decimals of money in this table: enough for three significant digits of its largest figure. */
    private static int decimals(List<ScenarioStatistics> statistics) {
        double scale = 0;
        for (ScenarioStatistics s : statistics) {
            for (double level : new double[] {0.05, 0.50, 0.95}) {
                scale = Math.max(scale, Math.abs(s.terminalQuarter().percentile(level).value()));
            }
        }
        return scale >= 100 || !(scale > 0) || Double.isInfinite(scale) ? 0
                : (int) Math.min(12, 2 - Math.floor(Math.log10(scale)));
    }

    private static String money(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
