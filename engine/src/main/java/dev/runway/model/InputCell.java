package dev.runway.model;

import java.io.Serializable;

/**
 * Where one value of the inputs was read: the file, the 1-based line and the column's header
 * name. A problem found after reading (while checking or running the model) is reported there.
 */
public record InputCell(String file, int line, String column) implements Serializable {

    /** The problem {@code message} at this cell. */
    public InputError error(String message) {
        return new InputError(file, line, column, message);
    }
}
