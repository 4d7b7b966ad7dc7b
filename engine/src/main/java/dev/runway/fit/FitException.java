package dev.runway.fit;

/**
 * A fit that cannot be made from the data or the options given: the message is one line that
 * says what was found, what was expected and what to do, with the history file's line where one
 * is to blame. The command line prints it after {@code error: } and exits with code 2.
 */
public final class FitException extends Exception {
    private static final long serialVersionUID = 1L;

    public FitException(String message) {
        super(message);
    }
}
