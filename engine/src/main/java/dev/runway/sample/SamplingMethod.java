package dev.runway.sample;

import java.util.Locale;

/**
 * How the random inputs of the paths are drawn. Every method derives a block's inputs from the
 * run's seed and the block alone, so results stay the same for any number of threads.
 */
public enum SamplingMethod {
    /** Plain Monte Carlo: independent draws. */
    MC,
    /** Antithetic pairs of chunks: the second of each pair mirrors the first's inputs. */
    ANTITHETIC,
    /** Latin hypercube over the per-path drivers within each block; events and shocks plain. */
    LHS,
    /** Randomized (shifted) Sobol points over every input of a path. */
    SOBOL;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * True when the paths' inputs are independent draws, as the confidence intervals of the
     * statistics assume; the other methods correlate paths to reduce the variance.
     */
    public boolean independentPaths() {
        return switch (this) {
            case MC -> true;
            case ANTITHETIC, LHS, SOBOL -> false;
        };
    }

    /**
     * The method prepared for one run, built once and asked for every block's inputs.
     *
     * @param seed       the run's seed (Sobol draws its rotations from it)
     * @param dimensions the random inputs of a path
     * @param drivers    the first {@code drivers} dimensions are the per-path drivers
     * @param chunk      the paths walked together
     */
    public PreparedMethod prepare(long seed, int dimensions, int drivers, int chunk) {
        return switch (this) {
            case MC -> (stream, blockFirstPath, blockPaths) -> new MonteCarloInputs(new BlockRandom(stream));
            case ANTITHETIC -> (stream, blockFirstPath, blockPaths) ->
                    new AntitheticInputs(new BlockRandom(stream), dimensions, chunk);
            case LHS -> (stream, blockFirstPath, blockPaths) ->
                    new LatinHypercubeInputs(new BlockRandom(stream), drivers, blockPaths);
            case SOBOL -> SobolInputs.prepare(seed, dimensions, chunk);
        };
    }
}
