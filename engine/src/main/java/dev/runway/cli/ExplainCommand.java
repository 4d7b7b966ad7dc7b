package dev.runway.cli;

import dev.runway.analysis.Explain;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code runway explain}: a {@code simulate} that also says what each scenario's breaches look like. */
@Command(name = "explain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "What does a breach look like? Simulates like 'simulate', then splits each scenario's paths into those "
                + "that breach in some quarter and the others, and writes what sets them apart.",
            "",
            "  explain.csv          per random driver and event: its P10, median and P90 on breaching paths and on "
                + "the others (an event's amount is 0 where it is off; breach_on and other_on are the shares it is on "
                + "in), the shift of its mean in standard deviations, and the Kolmogorov-Smirnov distance between the "
                + "two sides (0: alike, 1: apart), by which the inputs are ranked; and its value at the most likely "
                + "breach beside its median",
            "  explain_timing.csv   per quarter: how many breaching paths first breach in it, and their share",
            "  explain_summary.csv  per scenario: the breaching paths, the noise level of the ranking (ks_noise_95: a "
                + "distance below it could be chance), and the most likely breach as one sentence",
            "",
            "The most likely breach is the combination of inputs nearest their medians whose path breaches (the "
                + "design point of reliability analysis): its distance from the median path is in standard "
                + "deviations, and Phi(-distance) is the first-order (FORM) estimate of the breach probability. Read "
                + "it as the story of the cheapest breach: which inputs must go how far wrong together. When the "
                + "median path itself breaches, the sentence says so.",
            "",
            "A scenario with fewer than " + Explain.MIN_BREACHES + " breaching (or other) paths is not compared: the "
                + "run says how many there are and about how many paths would give enough. When no scenario asked for "
                + "can be compared, nothing is written and the exit code is 2. With --report, report.html gets a section "
                + "'What a breach looks like'.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {"  ${COMMAND-FULL-NAME} --scenario status_quo --out outputs/why",
            "  ${COMMAND-FULL-NAME} --inputs inputs/startup --paths 20000 \\",
            "      --report --out outputs/startup-why"})
final class ExplainCommand extends SimulateCommand {
    @Override
    public Integer call() throws IOException {
        options.requireExplanation();
        return super.call();
    }
}
