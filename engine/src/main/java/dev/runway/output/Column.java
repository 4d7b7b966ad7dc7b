package dev.runway.output;

/**
 * A column of an output CSV: its name, what it holds, and whether a reader may find it absent.
 *
 * @param number   how a number in it is written; null for a text or whole-number column
 * @param optional whether a reader accepts a file without this column (the interval columns:
 *                 they were added after the values they belong to)
 */
public record Column(String name, Numbers.Kind number, boolean optional) {

    /** A column of text or whole numbers. */
    public static Column text(String name) {
        return new Column(name, null, false);
    }

    /** A column of numbers written as {@code kind}. */
    public static Column number(String name, Numbers.Kind kind) {
        return new Column(name, kind, false);
    }

    /**
     * An estimate's three columns: {@code name}, {@code name_lo} and {@code name_hi}, the
     * interval's ends optional on reading.
     */
    public static Estimated estimated(String name, Numbers.Kind kind) {
        return new Estimated(number(name, kind), new Column(name + "_lo", kind, true),
                new Column(name + "_hi", kind, true));
    }

    /** The columns of an estimate: its value and its interval's ends. */
    public record Estimated(Column value, Column low, Column high) {
    }
}
