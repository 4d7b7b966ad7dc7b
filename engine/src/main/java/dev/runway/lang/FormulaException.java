package dev.runway.lang;

/** A formula that does not parse: what was expected, and the 0-based offset where. */
public final class FormulaException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int at;

    public FormulaException(int at, String message) {
        super(message);
        this.at = at;
    }

    public int at() {
        return at;
    }
}
