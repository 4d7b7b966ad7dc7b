package dev.runway.output;

import java.util.regex.Pattern;

/**
 * A Runway command as a hint prints it, so that it works when pasted into a POSIX shell: the
 * prefix the user started Runway with (the {@link #PROPERTY} system property, set by the
 * {@code bin/runway} launcher or by the command line's main from the running jar), then the
 * arguments, each quoted where the shell would otherwise split or expand it.
 */
public final class ShellCommand {
    /** The system property holding the command as the user types it, already quoted for the shell. */
    public static final String PROPERTY = "runway.command";

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private ShellCommand() {
    }

    /** The prefix, e.g. {@code bin/runway}, then {@code arguments} as given (already quoted). */
    public static String of(String arguments) {
        String prefix = System.getProperty(PROPERTY);
        return (prefix == null || prefix.isBlank() ? "runway" : prefix.strip()) + " " + arguments;
    }

    /** A word as a POSIX shell reads it back: as it is when that is safe, else in single quotes. */
    public static String word(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
