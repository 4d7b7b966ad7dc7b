package dev.runway.sample;

/**
 * Turns random inputs into draws of one distribution, many at a time, so the loop over a
 * chunk's paths runs inside one small class and stays monomorphic. A sampler holds only its
 * configuration (parameters, a quantile table) and is shared by every block and thread. It is
 * built on one kind of input — uniforms (closed-form inverse CDFs) or standard normals — and
 * accepts the other too, converting through {@link StandardNormal}. Both methods work element
 * by element, so {@code out} may be the input array. {@link BlockSamplers#of} makes them.
 */
public interface BlockSampler {

    /** The kind of input a sampler is built on. */
    enum Input {
        UNIFORM,
        NORMAL
    }

    /** The input this sampler transforms directly; the other kind costs a conversion. */
    Input input();

    /** {@code out[i] = F^-1(u[i])} for {@code i < n}. */
    void fromUniforms(double[] u, double[] out, int n);

    /** {@code out[i] = F^-1(Phi(z[i]))} for {@code i < n}. */
    void fromNormals(double[] z, double[] out, int n);

    /** True when the distribution is a point mass: its draws ignore their inputs. */
    default boolean constant() {
        return false;
    }
}
