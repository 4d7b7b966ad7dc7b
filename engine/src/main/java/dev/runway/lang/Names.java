package dev.runway.lang;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The reserved words of the model language, and the "did you mean" for a misspelled name. */
public final class Names {
    /** The functions a formula may call, besides the distributions of random series. */
    public static final List<String> FUNCTIONS = List.of("if", "min", "max", "abs", "floor", "exp", "log", "sqrt", "pow",
            "prev", "lag");

    private Names() {
    }

    /** The known name closest to {@code name}, if it is close enough to be a likely misspelling; else null. */
    public static String suggestion(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance || (distance == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // A third of the name's length, at least one edit and at most three.
        int allowed = Math.max(1, Math.min(3, name.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /**
     * The "did you mean" of a message: {@code ; did you mean "x"?} when a known name is close,
     * else a full stop, so the message reads as a sentence either way.
     */
    public static String didYouMean(String name, Collection<String> known) {
        String suggestion = name.isEmpty() ? null : suggestion(name, known);
        return suggestion == null ? "." : "; did you mean \"" + suggestion + "\"?";
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
