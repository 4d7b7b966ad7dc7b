package dev.runway.model;

/**
 * One problem found in the inputs, with where it is: the file, the 1-based line, the column (its
 * header name, or empty when the problem is the whole row or file) and what was expected.
 */
public record InputError(String file, int line, String column, String message) {

    /** Renders as {@code file:line: column 'name': message}, the form editors and terminals link. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (column != null && !column.isEmpty()) {
            text.append("column '").append(column).append("': ");
        }
        return text.append(message).toString();
    }
}
