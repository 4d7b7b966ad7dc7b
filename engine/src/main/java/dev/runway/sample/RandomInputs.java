package dev.runway.sample;

/**
 * Where the random inputs of a block's paths come from, one dimension at a time. A dimension is
 * one random input of a path (a driver, an event's switch, a quarter's shock); each call fills
 * the values of that dimension for the paths of the current chunk, in path order. Plain Monte
 * Carlo ignores the dimension; antithetic, Latin hypercube and quasi-random inputs use it to
 * pair, stratify or place points.
 */
public interface RandomInputs {

    /** Announces the next chunk: its first path's index in the block, and how many paths it has. */
    void startChunk(int firstInBlock, int paths);

    /** Uniforms on [0, 1) for the chunk's paths. */
    void uniforms(int dimension, double[] out, int n);

    /** Standard normals for the chunk's paths. */
    void normals(int dimension, double[] out, int n);
}
