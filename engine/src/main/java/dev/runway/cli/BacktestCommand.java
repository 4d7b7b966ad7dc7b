package dev.runway.cli;

import picocli.CommandLine.Command;

/**
 * {@code runway backtest}: a {@code simulate} run that also places each realized value of
 * {@code --actuals} in the forecast of its quarter and item (analysis.Backtest), writing
 * backtest.csv and backtest_coverage.csv beside the usual files.
 */
@Command(name = "backtest", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Simulates like simulate, then scores the forecast against realized values (--actuals).",
            "",
            "For each value in --actuals (quarter,item,value,unit,source) of an item the model reports, in a "
                + "quarter the forecast covers: its PIT (the share of paths below it: uniform on 0..1 for a calibrated "
                + "forecast, near 0 or 1 when it was too narrow or biased), whether it lies in the central 50%% "
                + "(P25-P75) and 90%% (P05-P95) bands, and its CRPS (in the item's unit; lower is better). With --as-of "
                + "the forecast starts from the realized state at the end of that quarter and only later values are "
                + "scored.",
            "",
            "Writes simulate's files and, under --out:",
            "  backtest.csv           per scenario and value: bands, PIT, hits, CRPS",
            "  backtest_coverage.csv  per scenario and item: hits against 50%% and 90%%,",
            "                         with exact binomial p-values",
            "With --report, the charts mark the realized values and report.html has a backtest section.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ${COMMAND-FULL-NAME} --actuals inputs/nissan/actuals.csv --scenario status_quo \\",
            "      --out outputs/backtest --report",
            "      (the May 2025 Nissan case against FY2025 as it happened)",
            "  ${COMMAND-FULL-NAME} --actuals inputs/nissan/actuals.csv --as-of FY2025Q2 \\",
            "      --out outputs/from-q2",
            "      (re-forecast from the end of FY2025Q2, scored against the quarters after it)"})
public class BacktestCommand extends SimulateCommand {
    @Override
    boolean needsActuals() {
        return true;
    }
}
