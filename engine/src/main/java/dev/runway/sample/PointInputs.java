package dev.runway.sample;

/**
 * Inputs given as points of the standard normal space of a path's dimensions, one point per
 * path: a dimension drawn as a normal takes the point's coordinate {@code x}, one drawn as a
 * uniform takes {@code Phi(x)}. The origin is then the path of every input's median, and the
 * walk can be asked where on a line from it the breach begins (a design-point search).
 */
public final class PointInputs implements RandomInputs {

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
            out[i] = StandardNormal.exactUniform(points[first + i][dimension]);
        }
    }

    @Override
    public void normals(int dimension, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = points[first + i][dimension];
        }
    }
}
