package dev.runway.cli;

import dev.runway.analysis.Analyses;
import dev.runway.analysis.InjectionSolver;
import dev.runway.analysis.RareBreach;
import dev.runway.model.Scenario;
import dev.runway.output.Numbers;
import dev.runway.stats.Estimate;
import dev.runway.stats.QuarterStatistics;
import dev.runway.stats.ScenarioStatistics;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one-screen table printed at the end of a run: per scenario, terminal cash, breach odds and timing, injections. */
final class SummaryTable {
    /** Fewer paths than this always get the warning: their intervals are too rough to trust at any digit. */
    static final int FEW_PATHS = 1_000;

    /** A breach probability whose interval reaches farther than this from it gets the warning. */
    static final double WIDE_ARM = 0.01;

    private SummaryTable() {
    }

    static void print(PrintWriter out, List<Scenario> scenarios, List<ScenarioStatistics> statistics,
            Analyses analyses) {
        List<String> breach = new ArrayList<>();
        int breachWidth = 13;
        for (ScenarioStatistics s : statistics) {
            breach.add(Numbers.percentWithInterval(s.breachProb(), 1));
            breachWidth = Math.max(breachWidth, breach.get(breach.size() - 1).length());
        }
        String format = "%-18s %" + breachWidth + "s %10s %10s %10s %8s %12s %8s %11s%n";
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
            // A date of first breach beside a breach probability printed as 0% would contradict it.
            boolean breaches = s.breachProb().value() > 0 && s.firstBreachP50Quarter().isPresent();
            out.printf(Locale.ROOT, format, s.scenario(), breach.get(i),
                    breaches ? labels.get(s.firstBreachP50Quarter().getAsInt() - 1) : "-",
                    money(end.percentile(0.05).value(), decimals), money(end.percentile(0.50).value(), decimals),
                    money(end.percentile(0.95).value(), decimals),
                    money(worst.percentile(0.05).value(), decimals) + " (" + worst.quarter() + ")",
                    Numbers.percent(s.injectionProb().value(), 1),
                    Double.isNaN(s.injectionMean()) ? "-" : money(s.injectionMean(), decimals));
        }
        out.println("Money in " + (unit.isEmpty() ? "the model's unit" : unit) + ". 'breach prob': share of paths in "
                + "breach (" + scenarios.get(0).model().breachText() + ") in some quarter, ± half its 95% interval"
                + (breach.stream().anyMatch(cell -> cell.contains("[")) ? " ([its ends] where lopsided)" : "") + ";");
        out.println("'min P05 " + item + "': the lowest 5th percentile of " + item
                + " over the quarters, and which quarter.");
        String warning = tooFewPaths(statistics);
        if (warning != null) {
            out.println(warning);
        }
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
        printRare(out, statistics, analyses.rare());
        out.flush();
    }

    /** With --rare: each scenario's breach probability by importance sampling beside the plain paths' one. */
    private static void printRare(PrintWriter out, List<ScenarioStatistics> statistics, List<RareBreach.Outcome> rare) {
        if (rare.isEmpty()) {
            return;
        }
        out.println();
        out.println("Breach probability measured by importance sampling around the most likely breach (--rare, "
                + "rare.csv), [95% interval]:");
        String row = "%-18s %-34s %-34s %16s%n";
        out.printf(Locale.ROOT, row, "scenario", "importance sampling", "plain paths", "variance cut");
        for (RareBreach.Outcome outcome : rare) {
            Estimate plain = statistics.stream().filter(s -> s.scenario().equals(outcome.scenario())).findFirst()
                    .orElseThrow().breachProb();
            RareBreach.Estimate estimate = outcome.estimate();
            out.printf(Locale.ROOT, row, outcome.scenario(),
                    estimate == null ? "not run (see below)" : probability(estimate.probability(), estimate.low(),
                            estimate.high()),
                    probability(plain.value(), plain.low(), plain.high()),
                    estimate == null ? "-" : String.format(Locale.ROOT, "%,.0fx", estimate.varianceReduction()));
        }
        for (RareBreach.Outcome outcome : rare) {
            if (outcome.refusal() != null) {
                out.println(outcome.scenario() + ": " + outcome.refusal() + ".");
            }
        }
        out.println("'variance cut': how many times more plain paths the same interval would take.");
    }

    /** A small probability and its interval in three significant digits: 1.02e-04 [9.71e-05, 1.07e-04]. */
    private static String probability(double value, double low, double high) {
        return String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", value, low, high);
    }

    private static String describe(InjectionSolver.Solution solution, int decimals) {
        return switch (solution.status()) {
            case ALREADY_MET -> "none needed";
            case OUT_OF_REACH -> "out of reach";
            case SOLVED -> money(solution.injection(), decimals) + " [" + money(solution.low(), decimals) + "-"
                    + money(solution.high(), decimals) + "]";
        };
    }

    /**
     * A warning when the paths are too few for the table's digits: fewer than
     * {@link #FEW_PATHS}, or a breach probability's interval reaching more than
     * {@link #WIDE_ARM} from its estimate. It says how many paths would bring every breach
     * probability within half a point (the whole percent) and within 0.05 point (the printed
     * tenth): {@code z² p(1-p) / h²} paths, with {@code p(1-p)} at its largest over the interval.
     */
    static String tooFewPaths(List<ScenarioStatistics> statistics) {
        int fewest = Integer.MAX_VALUE;
        double widest = 0;
        double variance = 0;
        for (ScenarioStatistics s : statistics) {
            Estimate breach = s.breachProb();
            fewest = Math.min(fewest, s.paths());
            widest = Math.max(widest, Math.max(breach.value() - breach.low(), breach.high() - breach.value()));
            double nearestHalf = Math.max(breach.low(), Math.min(breach.high(), 0.5));
            variance = Math.max(variance, nearestHalf * (1 - nearestHalf));
        }
        if (fewest >= FEW_PATHS && widest <= WIDE_ARM) {
            return null;
        }
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability((1 + ScenarioStatistics.CONFIDENCE) / 2);
        long wholePercent = Math.max(FEW_PATHS, roundUp(z * z * variance / (0.005 * 0.005)));
        long tenth = Math.max(FEW_PATHS, roundUp(z * z * variance / (0.0005 * 0.0005)));
        return String.format(Locale.ROOT, "warning: %,d path(s) per scenario are too few for these digits: a breach "
                + "probability's 95%% interval reaches %s points from it; about %,d paths give every one to ±0.5 point "
                + "(--paths %d), %,d to ±0.05.", fewest, Numbers.percentNumber(widest, 1), wholePercent, wholePercent,
                tenth);
    }

    /** Up to two significant digits, so a suggested path count does not pretend to more. */
    private static long roundUp(double paths) {
        if (!(paths > 10)) {
            return (long) Math.ceil(Math.max(paths, 1));
        }
        double step = Math.pow(10, Math.floor(Math.log10(paths)) - 1);
        return (long) (Math.ceil(paths / step) * step);
    }

    /** Decimals of money in this table: enough for three significant digits of its largest figure. */
    private static int decimals(List<ScenarioStatistics> statistics) {
        double scale = 0;
        for (ScenarioStatistics s : statistics) {
            for (double level : new double[] {0.05, 0.50, 0.95}) {
                scale = Math.max(scale, Math.abs(s.terminalQuarter().percentile(level).value()));
            }
        }
        return Numbers.moneyDecimals(scale);
    }

    private static String money(double value, int decimals) {
        return Numbers.money(value, decimals);
    }
}
