package dev.runway.model;

import java.util.ArrayList;
import java.util.List;

/** Every error found while reading an input folder, thrown together so a user fixes them in one pass. */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The most errors {@link #lines} shows. */
    public static final int SHOWN = 100;

    private final transient List<InputError> errors;

    public InputException(List<InputError> errors) {
        super(errors.size() + " input error(s); first: " + errors.get(0));
        this.errors = List.copyOf(errors);
    }

    public List<InputError> errors() {
        return errors;
    }

    /**
     * The errors as a user reads them, one indented line each: at most {@value #SHOWN}, then how
     * many more there are. A file of a million broken rows gives a readable answer, not a million lines.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (InputError error : errors.subList(0, Math.min(SHOWN, errors.size()))) {
            lines.add("  " + error);
        }
        if (errors.size() > SHOWN) {
            lines.add("  ... and " + (errors.size() - SHOWN) + " more; fix the ones above and check again");
        }
        return lines;
    }
}
