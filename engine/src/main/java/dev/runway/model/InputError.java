package dev.runway.model;

/**
 * One problem found in the inputs, with where it is: the file, the 1-based line, the column (its
 * header name, or empty when the problem is the whole row or file) and what was expected. A
 * problem inside a formula also carries its 1-based character position in the line, and an
 * excerpt: the formula with a caret under the spot.
 */
public record InputError(String file, int line, String column, String message, int position, String excerpt) {

    public InputError(String file, int line, String column, String message) {
        this(file, line, column, message, 0, "");
    }

    /** Renders as {@code file:line: column 'name': message}, the form editors and terminals link. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
            if (position > 0) {
                text.append(':').append(position);
            }
        }
        text.append(": ");
        if (column != null && !column.isEmpty()) {
            text.append("column '").append(column).append("': ");
        }
        text.append(message);
        if (excerpt != null && !excerpt.isEmpty()) {
            for (String excerptLine : excerpt.split("\n")) {
                text.append("\n      ").append(excerptLine);
            }
        }
        return text.toString();
    }
}
