package dev.runway.sim;

import dev.runway.model.CaseInputs;
import dev.runway.model.InputError;
import dev.runway.model.InputLimits;
import dev.runway.model.NonFiniteValueException;
import dev.runway.model.Scenario;
import dev.runway.sample.RandomInputs;
import dev.runway.sample.StandardNormal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks every command runs on inputs that read without error, before any work: what a
 * simulation would find before its first draw, found first, so that {@code validate} says "all
 * valid" only for inputs {@code simulate} runs. For every scenario it builds the kernel (the
 * model compiled, every sampler and quantile table built) and walks a pilot of extreme but legal
 * paths through the model: every random input at the lowest, the middle and the highest point
 * of its sampler's range, all together, one at a time, and in a fixed pattern of corners; each
 * event on and off, first and last in its window. A random series is drawn afresh each quarter
 * and a model often sums it over the quarters, so where the pilot moves all inputs together a
 * series goes to 7 / sqrt(H) standard deviations each quarter: its sum over the H quarters then
 * reaches the same extreme (a chance of 1.3e-12) as a driver, not H times it. A value that is not
 * finite on a pilot path, or a reported item past what the statistics can sum, is an error at
 * the input cell the path's values trace it to. The pilot draws from no random stream, so the
 * runs that follow draw exactly what they would have drawn without it.
 */
public final class Preflight {
    /** The pilot's extremes of a normal input, a chance of 1.3e-12 beyond each ({@link InputLimits#PILOT_Z}). */
    static final double EXTREME = InputLimits.PILOT_Z;
    /** The most path-quarters a scenario's pilot walks: a few milliseconds of the compiled walk. */
    private static final int MAX_PATH_QUARTERS = 1 << 20;
    /** The pilot paths before the one-at-a-time ones: all inputs low, all high, all in the middle. */
    private static final int UNIFORM_PATHS = 3;

    private Preflight() {
    }

    /**
     * Every problem the pre-flight finds in inputs that read without error, each at the input cell
     * it traces to; a cell that several scenarios inherit is reported once.
     */
    public static List<InputError> check(CaseInputs inputs) {
        List<InputError> errors = new ArrayList<>();
        Set<String> cells = new HashSet<>();
        for (Scenario scenario : inputs.scenarios()) {
            InputError error = pilot(scenario);
            if (error != null && cells.add(error.file() + ":" + error.line() + ":" + error.column())) {
                errors.add(error);
            }
        }
        return errors;
    }

    /** The pilot walk of one scenario: null if every value stays finite, else where it went wrong. */
    static InputError pilot(Scenario scenario) {
        PathKernel kernel = new PathKernel(scenario);
        int paths = paths(kernel.dimensions(), kernel.horizon());
        try {
            kernel.preflight(new PilotInputs(kernel.dimensions(), kernel.seriesDimension(0, 0), kernel.horizon()),
                    PathResults.of(scenario, paths), paths);
            return null;
        } catch (NonFiniteValueException e) {
            return e.cell().orElseGet(() -> new InputError(scenario.model().file(), 0, "", "scenario "
                    + scenario.name() + ": " + e.getMessage()));
        }
    }

    /**
     * Paths enough for the three uniform ones and each input low and high alone, in whole chunks,
     * and at most about {@link #MAX_PATH_QUARTERS} path-quarters (but one chunk at least); the
     * rest of the last chunk goes to corners.
     */
    static int paths(int dimensions, int horizon) {
        long wanted = UNIFORM_PATHS + 2L * dimensions;
        long chunks = (wanted + PathKernel.CHUNK - 1) / PathKernel.CHUNK;
        long most = Math.max(1, MAX_PATH_QUARTERS / ((long) horizon * PathKernel.CHUNK));
        return (int) (Math.min(chunks, most) * PathKernel.CHUNK);
    }

    /**
     * The pilot's inputs: a level (-1 low, 0 middle, 1 high) for each path and dimension. Path 0
     * has every input low, path 1 high, path 2 in the middle; then each input low and then high
     * with the others in the middle; then corners, each input low or high by a fixed hash of the
     * path and the dimension. Low and high are 7 standard deviations out, or 7 / sqrt(H) for a
     * random series on a path that moves every input.
     */
    static final class PilotInputs implements RandomInputs {
        private final int dimensions;
        private final int firstSeries;
        private final double seriesExtreme;
        private int first;

        /**
         * @param firstSeries the first dimension of the random series (they come after the drivers and events)
         * @param horizon     the quarters a series is drawn in
         */
        PilotInputs(int dimensions, int firstSeries, int horizon) {
            this.dimensions = dimensions;
            this.firstSeries = firstSeries;
            this.seriesExtreme = EXTREME / Math.sqrt(horizon);
        }

        @Override
        public void startChunk(int firstInBlock, int paths) {
            first = firstInBlock;
        }

        @Override
        public void uniforms(int dimension, double[] out, int n) {
            for (int j = 0; j < n; j++) {
                // Strictly inside [0, 1), as a generator's uniforms are.
                out[j] = Math.min(StandardNormal.cdf(normal(first + j, dimension)), Math.nextDown(1.0));
            }
        }

        @Override
        public void normals(int dimension, double[] out, int n) {
            for (int j = 0; j < n; j++) {
                out[j] = normal(first + j, dimension);
            }
        }

        /** The normal input of a path and dimension: its level times how far out the level goes. */
        double normal(int path, int dimension) {
            boolean alone = path >= UNIFORM_PATHS && path - UNIFORM_PATHS < 2L * dimensions;
            return level(path, dimension) * (dimension >= firstSeries && !alone ? seriesExtreme : EXTREME);
        }

        int level(int path, int dimension) {
            if (path < UNIFORM_PATHS) {
                return path == 0 ? -1 : path == 1 ? 1 : 0;
            }
            long alone = path - UNIFORM_PATHS;
            if (alone < 2L * dimensions) {
                return alone / 2 != dimension ? 0 : alone % 2 == 0 ? -1 : 1;
            }
            // SplitMix64's finalizer: a fixed, well-mixed bit for each path and dimension.
            long z = path * 0x9E3779B97F4A7C15L + dimension;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return ((z ^ (z >>> 31)) & 1) == 0 ? -1 : 1;
        }
    }
}
