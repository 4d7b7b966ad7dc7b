package dev.runway.cli;

import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code runway sensitivity}: a {@code simulate} that also writes what drives each scenario. */
@Command(name = "sensitivity", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Simulates like 'simulate' and also writes <scenario>/sensitivity.csv: which drivers and event amounts move "
                + "terminal cash and the breach probability most.",
            "",
            "Per random driver and event amount: its Spearman rank correlation with terminal cash and its share of the "
                + "variance those correlations explain; per random driver also the breach probability and mean terminal "
                + "cash with the driver held at its P10 and at its P90 — on the same paths for every other input "
                + "(common random numbers), so a swing is the driver's effect, not noise.",
            ""},
        footerHeading = "%nExample:%n",
        footer = {"  ${COMMAND-FULL-NAME} --scenario status_quo \\",
            "      --scenario re_nissan --out outputs/drivers"})
final class SensitivityCommand extends SimulateCommand {
    @Override
    public Integer call() throws IOException {
        options.requireSensitivity();
        return super.call();
    }
}
