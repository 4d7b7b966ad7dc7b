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
     * The inputs of one block.
     *
     * @param random         the block's stream
     * @param sobolShifts    the run's Sobol rotations ({@link SobolInputs#shifts}); only SOBOL uses them
     * @param blockFirstPath the run's index of the block's first path
     * @param blockPaths     the paths of the block
     * @param dimensions     the random inputs of a path
     * @param drivers        the first {@code drivers} dimensions are the per-path drivers
     * @param chunk          the paths walked together
     */
    public RandomInputs inputs(BlockRandom random, double[] sobolShifts, long blockFirstPath, int blockPaths,
            int dimensions, int drivers, int chunk) {
        return switch (this) {
            case MC -> new MonteCarloInputs(random);
            case ANTITHETIC -> new AntitheticInputs(random, dimensions, chunk);
            case LHS -> new LatinHypercubeInputs(random, drivers, blockPaths);
            case SOBOL -> new SobolInputs(sobolShifts, blockFirstPath, chunk);
        };
    }
}
