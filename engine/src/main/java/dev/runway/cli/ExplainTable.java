package dev.runway.cli;

import dev.runway.analysis.Explain;
import dev.runway.output.MostLikelyBreach;
import dev.runway.output.Numbers;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Each scenario's explanation as a run prints it, after the summary table: its most likely breach,
 * the inputs that separate breaching from other paths most, and when the breaches come.
 */
final class ExplainTable {
    /** The inputs printed per scenario; explain.csv ranks them all. */
    static final int TOP = 3;

    private ExplainTable() {
    }

    static void print(PrintWriter out, List<Explain.Result> explanations, String breachRule) {
        if (explanations.isEmpty()) {
            return;
        }
        out.printf("%nWhat a breach looks like (explain.csv, explain_timing.csv, explain_summary.csv):%n");
        for (Explain.Result result : explanations) {
            String sentence = MostLikelyBreach.sentence(result, breachRule);
            out.println(result.scenario() + ": "
                    + (sentence.isEmpty() ? "no most likely breach was found." : sentence));
            if (result.compared()) {
                List<String> top = new ArrayList<>();
                for (Explain.Row row : result.rows().subList(0, Math.min(TOP, result.rows().size()))) {
                    if (row.compared()) {
                        top.add(separation(row));
                    }
                }
                out.println("  separate breaching paths most: " + String.join("; ", top));
                out.println("  " + timing(result));
            }
            String note = MostLikelyBreach.note(result);
            if (!note.isEmpty()) {
                out.println("  note: " + note);
            }
        }
        out.println("KS: the Kolmogorov-Smirnov distance between an input's values on breaching and on other paths "
                + "(0 alike, 1 apart); medians on breaching paths against the others'.");
    }

    /** One input's separation: its KS distance and the medians of the two sides. */
    private static String separation(Explain.Row row) {
        String unit = row.unit().isEmpty() ? "" : " " + row.unit();
        String medians = Numbers.decimal(row.breaching().p50()) + " vs " + Numbers.decimal(row.others().p50()) + unit;
        String on = row.kind().equals("event") ? ", on in " + Numbers.percent(row.breachingOn()) + " vs "
                + Numbers.percent(row.othersOn()) : "";
        return row.input() + " (KS " + Numbers.decimal(row.separation()) + ", median " + medians + on + ")";
    }

    /** When the breaches come: the quarter most first breaches fall in, and the one by which half have. */
    private static String timing(Explain.Result result) {
        Explain.Timing most = result.timing().get(0);
        Explain.Timing half = null;
        for (Explain.Timing quarter : result.timing()) {
            if (quarter.firstBreaches() > most.firstBreaches()) {
                most = quarter;
            }
            if (half == null && quarter.cumulativeShare() >= 0.5) {
                half = quarter;
            }
        }
        return "first breaches: most in " + most.label() + " (" + Numbers.percent(most.share())
                + " of breaching paths), half by " + (half == null ? "-" : half.label());
    }
}
