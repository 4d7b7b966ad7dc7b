package dev.runway.sample;

import org.apache.commons.math3.special.Erf;

/**
 * Inputs given as points of the standard normal space of a path's dimensions, one point per
 * path: a dimension drawn as a normal takes the point's coordinate {@code x}, one drawn as a
 * uniform takes {@code Phi(x)}. The origin is then the path of every input's median, and the
 * walk can be asked where on a line from it the breach begins (a design-point search).
 */
public final class PointInputs implements RandomInputs {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double BELOW_ONE = Math.nextDown(1.0);

    private final double[][] points;
    private int first;

    /** @param points {@code points[path][dimension]} for the paths of the block */
    public PointInputs(double[][] points) {
        this.points = points;
    }

    @Override
    public void startChunk(int firstInBlock, int paths) {
        first = firstInBlock;
    }

    @Override
    public void uniforms(int dimension, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(0.5 * Erf.erfc(-points[first + i][dimension] * SQRT_HALF), BELOW_ONE);
        }
    }

    @Override
    public void normals(int dimension, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = points[first + i][dimension];
        }
    }
}
