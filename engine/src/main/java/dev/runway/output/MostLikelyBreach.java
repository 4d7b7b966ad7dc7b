package dev.runway.output;

import dev.runway.analysis.DesignPoint;
import dev.runway.analysis.Explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A scenario's explanation in words, as explain_summary.csv, the terminal and the report give it:
 * its most likely breach ({@link DesignPoint}) as one sentence a committee can read, each input
 * that carries it in the input's own unit beside its value on the median path, and a note when
 * the breaching paths could not be compared with the others or no breach was found.
 */
public final class MostLikelyBreach {
    /** The most inputs the sentence names; explain.csv has them all. */
    static final int INPUTS = 5;

    /**
     * An input with less than this share of the design point's squared distance is left out of the
     * sentence: it is near its median there, so it tells nothing about the breach.
     */
    static final double MIN_IMPORTANCE = 0.05;

    private MostLikelyBreach() {
    }

    /**
     * The most likely breach in one sentence, e.g. "Most likely breach (0.65 sd from the median path,
     * FORM probability 25.8%): volume_trend -0.00412 log change per quarter (median -0.003), ...;
     * first breach in FY2027Q3." When the median path breaches it says so, and in which inputs the
     * breaching paths differ most from the others. Empty when no design point was found.
     *
     * @param breachRule the model's breach rule as written, for a median path that already breaches
     */
    public static String sentence(Explain.Result result, String breachRule) {
        DesignPoint.Result point = result.designPoint();
        if (point == null) {
            return "";
        }
        String firstBreach = label(result, point.firstBreach());
        if (point.distance() == 0) {
            List<String> apart = result.rows().stream().filter(Explain.Row::compared).limit(2)
                    .map(row -> row.input() + " (median " + Numbers.decimal(row.breaching().p50()) + " against "
                            + value(row.others().p50(), row.unit()) + ")")
                    .toList();
            return "The median path already breaches: with every input at its median, " + breachRule
                    + " first holds in " + firstBreach + ", so a breach needs no bad luck at all (distance 0)."
                    + (apart.isEmpty() ? "" : " Breaching paths differ from the others most in "
                            + String.join(" and ", apart) + ".");
        }
        List<Explain.Row> carrying = result.rows().stream().filter(row -> !Double.isNaN(row.importance()))
                .sorted(Comparator.comparingDouble((Explain.Row row) -> -row.importance()).thenComparing(
                        Explain.Row::input))
                .toList();
        List<String> inputs = new ArrayList<>();
        for (Explain.Row row : carrying) {
            if (inputs.size() == INPUTS || !inputs.isEmpty() && row.importance() < MIN_IMPORTANCE) {
                break;
            }
            inputs.add(input(row));
        }
        return "Most likely breach (" + Numbers.decimal(point.distance()) + " sd from the median path, FORM "
                + "probability " + Numbers.percent(point.formProbability()) + "): " + String.join(", ", inputs)
                + "; first breach in " + firstBreach + ".";
    }

    /** One input at the design point, beside its value on the median path. */
    private static String input(Explain.Row row) {
        double at = row.atDesignPoint();
        double median = row.atMedian();
        return switch (row.kind()) {
            case "event" -> at == 0 && median == 0 ? row.input() + " off"
                    : at == 0 ? row.input() + " off (on the median path: " + value(median, row.unit()) + ")"
                    : median == 0 ? row.input() + " on, " + value(at, row.unit()) + " (off on the median path)"
                    : row.input() + " " + value(at, row.unit()) + " (median " + Numbers.decimal(median) + ")";
            case "series" -> row.input() + " " + value(at, row.unit()) + " on average over the quarters (median 0)";
            default -> row.input() + " " + value(at, row.unit()) + " (median " + Numbers.decimal(median) + ")";
        };
    }

    private static String value(double value, String unit) {
        return Numbers.decimal(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** The label of a 1-based quarter, from the explanation's timing. */
    static String label(Explain.Result result, int quarter) {
        return quarter >= 1 && quarter <= result.timing().size() ? result.timing().get(quarter - 1).label()
                : Integer.toString(quarter);
    }

    /**
     * Why a scenario's breaching paths were not compared with the others, with about how many
     * paths would give enough of them, and why no most likely breach was found; empty when both are there.
     */
    public static String note(Explain.Result result) {
        List<String> notes = new ArrayList<>();
        if (!result.compared()) {
            notes.add(result.comparisonNote() + (result.suggestedPaths() > 0 ? String.format(Locale.ROOT,
                    " (about %,d paths would give that many)", result.suggestedPaths()) : ""));
        }
        if (!result.designPointNote().isEmpty()) {
            notes.add(result.designPointNote());
        }
        return String.join("; ", notes);
    }
}
