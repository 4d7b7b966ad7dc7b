package dev.runway.cli;

import dev.runway.model.CaseInputs;
import dev.runway.model.Correlation;
import dev.runway.model.Model;
import dev.runway.model.Event;
import dev.runway.model.Scenario;
import dev.runway.model.Schedule;
import dev.runway.run.InputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code runway validate}: reads an input folder and runs the pre-flight every command runs
 * ({@link InputOptions}), without simulating, and prints what it found or every error. For each
 * scenario it also prints the calibration check of the base case: the quarterly cash flow at base
 * volume, mean margin, no savings, restructuring or debt flows.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Checks an input folder and prints its scenarios, drivers, events and horizon, or every error "
                + "with its file, line and column. Nothing is written.",
            "It runs every check simulate runs before its first draw, including a pre-flight walk of each scenario "
                + "over a few hundred paths with the random inputs at the ends of their range, so a value that would "
                + "overflow is reported at the input cell it comes from, and 'all valid' means simulate will run.",
            "For the standard model it also prints each scenario's base cash flow per quarter, contribution_margin "
                + "(mean) x base_revenue - fixed_costs - capex: what the business burns or earns at base volume before "
                + "savings, restructuring and debt, to compare with the company's reported free cash flow."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CaseInputs caseInputs = inputs.read(spec.commandLine().getErr(), Launcher.prefix());
        if (caseInputs == null) {
            return RunwayCommand.INPUT_ERROR;
        }
        List<Scenario> scenarios = caseInputs.scenarios();
        out.printf(Locale.ROOT, "%s: %d scenario(s), all valid.%n", inputs.folder(), scenarios.size());
        printModel(out, caseInputs.model());
        for (Scenario scenario : scenarios) {
            printScenario(out, scenario);
        }
        out.flush();
        return 0;
    }

    private static void printScenario(PrintWriter out, Scenario scenario) {
        Schedule schedule = scenario.schedule();
        List<String> labels = schedule.labels();
        out.printf(Locale.ROOT, "%s — %s%n  horizon: %d quarters, %s to %s%n", scenario.name(),
                scenario.description(), scenario.horizon(), labels.get(0), labels.get(labels.size() - 1));
        Model model = scenario.model();
        scenario.drivers().forEach((driver, distribution) -> out.printf(Locale.ROOT, "  %-22s %-40s mean %s %s%n",
                driver, distribution, number(distribution.mean()), model.unit(driver)));
        for (Event event : scenario.events()) {
            out.printf(Locale.ROOT, "  event %-16s %-12s on %-10s p=%s amount %s, quarters %d..%d%s%n", event.name(),
                    event.kind().csvName(), event.target(), number(event.probability()), event.amount(),
                    event.firstQuarter(), event.lastQuarter(), event.triggered() ? ", when " + event.target() + " < "
                            + number(event.triggerBelow()) : "");
        }
        for (Correlation correlation : scenario.correlations()) {
            out.printf(Locale.ROOT, "  correlation %s ~ %s: rank %s%n", correlation.a(), correlation.b(),
                    number(correlation.rho()));
        }
        if (!model.drivers().contains("contribution_margin")
                || !schedule.columns().containsAll(List.of("base_revenue", "fixed_costs", "capex"))) {
            out.println();
            return;
        }
        // The standard model's calibration check: what the business burns or earns at base volume.
        double margin = scenario.driver("contribution_margin").mean();
        double[] revenue = schedule.column("base_revenue");
        double[] fixed = schedule.column("fixed_costs");
        double[] capex = schedule.column("capex");
        StringBuilder flows = new StringBuilder();
        double firstYear = 0.0;
        int firstYearQuarters = Math.min(4, revenue.length);
        for (int q = 0; q < revenue.length; q++) {
            double flow = margin * revenue[q] - fixed[q] - capex[q];
            if (q < firstYearQuarters) {
                firstYear += flow;
            }
            flows.append(q == 0 ? "" : " ").append(number(flow));
        }
        out.printf(Locale.ROOT, "  base cash flow per quarter (margin %s x revenue - fixed - capex): %s%n",
                number(margin), flows);
        out.printf(Locale.ROOT, "  average over the first %d quarter(s): %s per quarter%n%n", firstYearQuarters,
                number(firstYear / firstYearQuarters));
    }

    private static void printModel(PrintWriter out, Model model) {
        out.printf(Locale.ROOT, "model: %s; %d line item(s), %d random series, %d driver(s); reports %s (in %s); "
                + "breach when %s%n%n", model.file(), model.items().size(), model.series().size(),
                model.drivers().size(), String.join(", ", model.reported()),
                model.primaryUnit().isEmpty() ? "no declared unit" : model.primaryUnit(), model.breachText());
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
