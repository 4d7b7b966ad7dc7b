package dev.runway.cli;

import dev.runway.analysis.Explain;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code runway explain}: a {@code simulate} that also says what each scenario's breaches look like. */
@Command(name = "explain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "What does a breach look like? Simulates like 'simulate', then splits each scenario's paths into those "
                + "that breach in some quarter and the others, and says what sets them apart.",
            "",
            "Under --out, besides simulate's files:",
            "  explain.csv          per scenario and random driver or event: its P10,",
            "                       median and P90 on breaching and on other paths,",
            "                       its shift in sd, the KS distance that ranks it,",
            "                       and its value at the most likely breach",
            "  explain_timing.csv   per quarter: the paths that first breach in it",
            "  explain_summary.csv  per scenario: its breaching paths, and its most",
            "                       likely breach in one sentence",
            "",
            "How to read it. Start with the sentence: the most likely breach is the combination of inputs nearest "
                + "their medians whose path breaches (the design point of reliability analysis), the story of the "
                + "cheapest breach: which inputs must go how far wrong together. Its distance from the median path is "
                + "in standard deviations, and Phi(-distance) is the breach probability it implies (FORM). When the "
                + "median path itself breaches, the sentence says so.",
            "Then read explain.csv from rank 1 down. The Kolmogorov-Smirnov distance is 0 when an input looks the "
                + "same on breaching and on other paths and 1 when it alone tells them apart; under ks_noise_95 "
                + "(explain_summary.csv) it could be chance. shift_sd gives the direction: below 0, breaching paths "
                + "have lower values. An event's amount counts as 0 where it is off; breach_on and other_on are the "
                + "shares of paths it is on in.",
            "",
            "A scenario with fewer than " + Explain.MIN_BREACHES + " breaching (or other) paths is not compared: the "
                + "run says how many there are and about how many paths would give enough. When no scenario asked for "
                + "can be compared, nothing is written and the exit code is 2. With --report, report.html gets a "
                + "section 'What a breach looks like'.",
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
