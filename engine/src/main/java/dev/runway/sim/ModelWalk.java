package dev.runway.sim;

/**
 * The quarter-by-quarter walk of a model over a chunk of paths, generated from the model's syntax
 * trees by {@link ModelCompiler} and compiled in-process: what the engine once wrote by hand,
 * now written by the engine for each model. Its two methods compute the same numbers;
 * {@link #walkChecked} also checks every line item of every path and quarter, and names the
 * first that is not finite.
 */
public interface ModelWalk {

    /** Walks the first {@code n} paths of the chunk through every quarter, recording into the state's outputs. */
    void walk(WalkState state, int n);

    /**
     * As {@link #walk}, throwing {@link dev.runway.model.NonFiniteValueException} at the first line
     * item that is infinite or undefined.
     */
    void walkChecked(WalkState state, int n);
}
