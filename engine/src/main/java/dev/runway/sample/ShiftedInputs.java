package dev.runway.sample;

/**
 * Plain Monte Carlo inputs seen in the standard normal space of a path's dimensions, optionally
 * shifted there: importance sampling around a design point. Dimension {@code d}'s normal
 * {@code z} (a uniform {@code u} is read as {@code z = Phi^-1(u)}) is drawn from the block's
 * stream as plain Monte Carlo draws it, moved to {@code x = z + shift[d]}, and handed to the walk
 * as {@code x} (or {@code Phi(x)}). Each path's likelihood ratio, the density of its inputs under
 * the scenario over their density as drawn, is
 * {@code prod_d phi(x_d) / phi(x_d - shift_d) = exp(sum_d (shift_d^2 / 2 - shift_d x_d))}; its
 * logarithm is summed per path. A dimension without a shift is passed through untouched, so with
 * no shift at all these are exactly {@link MonteCarloInputs}' draws.
 */
public final class ShiftedInputs implements RandomInputs {

    private final MonteCarloInputs base;
    private final double[] shift;
    private final double[] logWeight;
    private int first;

    /**
     * @param shift      per dimension, the shift of its normal (all 0: plain Monte Carlo)
     * @param blockPaths the paths of the block
     */
    public ShiftedInputs(BlockRandom random, double[] shift, int blockPaths) {
        this.base = new MonteCarloInputs(random);
        this.shift = shift.clone();
        this.logWeight = new double[blockPaths];
    }

    @Override
    public void startChunk(int firstInBlock, int paths) {
        first = firstInBlock;
    }

    @Override
    public void uniforms(int dimension, double[] out, int n) {
        base.uniforms(dimension, out, n);
        double m = shift[dimension];
        if (m == 0.0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            // A uniform of exactly 0 (a chance of 2^-53) is read as the smallest positive one.
            double x = StandardNormal.inverseCdf(Math.max(out[i], Double.MIN_NORMAL)) + m;
            logWeight[first + i] += m * (0.5 * m - x);
            out[i] = StandardNormal.exactUniform(x);
        }
    }

    @Override
    public void normals(int dimension, double[] out, int n) {
        base.normals(dimension, out, n);
        double m = shift[dimension];
        if (m == 0.0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            double x = out[i] + m;
            logWeight[first + i] += m * (0.5 * m - x);
            out[i] = x;
        }
    }

    /** The likelihood ratio of path {@code i} of the block: 1 without a shift. */
    public double weight(int i) {
        return Math.exp(logWeight[i]);
    }
}
