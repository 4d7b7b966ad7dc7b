package dev.runway.model;

import java.util.List;

/** Every error found while reading an input folder, thrown together so a user fixes them in one pass. */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<InputError> errors;

    public InputException(List<InputError> errors) {
        super(errors.size() + " input error(s); first: " + errors.get(0));
        this.errors = List.copyOf(errors);
    }

    public List<InputError> errors() {
        return errors;
    }
}
