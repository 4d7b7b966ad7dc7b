package dev.runway.sample;

import dev.runway.model.Distribution;
import dev.runway.model.QuantileTable;

import java.util.Arrays;

/**
 * Makes the {@link BlockSampler} of each distribution. Normal and lognormal transform a
 * normal; uniform, triangular, discrete uniform and Bernoulli invert their CDF in closed form
 * from a uniform; beta, PERT and Student's t read their {@link QuantileTable} at a normal — no
 * rejection loop or iterative inverse CDF on the hot path.
 */
public final class BlockSamplers {
    private BlockSamplers() {
    }

    /** The sampler of a distribution. */
    public static BlockSampler of(Distribution distribution) {
        double p1 = distribution.parameter(0);
        return switch (distribution.kind()) {
            case CONSTANT -> new Constant(p1);
            case NORMAL -> new Normal(p1, distribution.parameter(1), false);
            case LOGNORMAL -> new Normal(p1, distribution.parameter(1), true);
            case UNIFORM -> new Uniform(p1, distribution.parameter(1) - p1);
            case TRIANGULAR -> new Triangular(p1, distribution.parameter(1), distribution.parameter(2));
            // The tables are the model's: reading the inputs builds them, to say whether they can be solved.
            case PERT -> new Tabulated(distribution.quantileTable(), p1, distribution.parameter(2) - p1);
            case BETA -> {
                double min = distribution.parameter(2);
                yield new Tabulated(distribution.quantileTable(), min, distribution.parameter(3) - min);
            }
            case STUDENT_T -> new Tabulated(distribution.quantileTable(), p1, distribution.parameter(1));
            // The ends are within InputLimits.MAX_WHOLE, so the count fits an int; toIntExact says so if not.
            case DISCRETE_UNIFORM -> new DiscreteUniform(Math.toIntExact((long) p1),
                    Math.toIntExact((long) distribution.parameter(1) - (long) p1 + 1));
            case BERNOULLI -> new Bernoulli(p1);
        };
    }

    /** Converts normals to uniforms in place of the output, for samplers built on uniforms. */
    private static void toUniforms(double[] z, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = StandardNormal.cdf(z[i]);
        }
    }

    /** Converts uniforms to normals in place of the output, for samplers built on normals. */
    private static void toNormals(double[] u, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = StandardNormal.inverseCdf(u[i]);
        }
    }

    /** A sampler built on uniforms: a normal input is first mapped through Phi. */
    private abstract static class OnUniforms implements BlockSampler {
        @Override
        public final Input input() {
            return Input.UNIFORM;
        }

        @Override
        public final void fromNormals(double[] z, double[] out, int n) {
            toUniforms(z, out, n);
            fromUniforms(out, out, n);
        }
    }

    /** A sampler built on normals: a uniform input is first mapped through Phi^-1. */
    private abstract static class OnNormals implements BlockSampler {
        @Override
        public final Input input() {
            return Input.NORMAL;
        }

        @Override
        public final void fromUniforms(double[] u, double[] out, int n) {
            toNormals(u, out, n);
            fromNormals(out, out, n);
        }
    }

    /** A point mass. */
    private static final class Constant implements BlockSampler {
        private final double value;

        Constant(double value) {
            this.value = value;
        }

        @Override
        public Input input() {
            return Input.UNIFORM;
        }

        @Override
        public void fromUniforms(double[] u, double[] out, int n) {
            Arrays.fill(out, 0, n, value);
        }

        @Override
        public void fromNormals(double[] z, double[] out, int n) {
            Arrays.fill(out, 0, n, value);
        }

        @Override
        public boolean constant() {
            return true;
        }
    }

    /** {@code mean + sd z}, or its exponential for the lognormal. */
    private static final class Normal extends OnNormals {
        private final double mean;
        private final double sd;
        private final boolean exponential;

        Normal(double mean, double sd, boolean exponential) {
            this.mean = mean;
            this.sd = sd;
            this.exponential = exponential;
        }

        @Override
        public void fromNormals(double[] z, double[] out, int n) {
            if (exponential) {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.exp(mean + sd * z[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = mean + sd * z[i];
                }
            }
        }
    }

    /** {@code min + width u}. */
    private static final class Uniform extends OnUniforms {
        private final double min;
        private final double width;

        Uniform(double min, double width) {
            this.min = min;
            this.width = width;
        }

        @Override
        public void fromUniforms(double[] u, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                out[i] = min + width * u[i];
            }
        }
    }

    /** The triangular distribution on [min, max] with its mode, by closed-form inversion of its CDF. */
    private static final class Triangular extends OnUniforms {
        private final double min;
        private final double max;
        private final double modeQuantile;
        private final double lowerScale;
        private final double upperScale;

        Triangular(double min, double mode, double max) {
            this.min = min;
            this.max = max;
            this.modeQuantile = (mode - min) / (max - min);
            this.lowerScale = (max - min) * (mode - min);
            this.upperScale = (max - min) * (max - mode);
        }

        @Override
        public void fromUniforms(double[] u, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                double v = u[i];
                out[i] = v < modeQuantile ? min + Math.sqrt(v * lowerScale) : max - Math.sqrt((1.0 - v) * upperScale);
            }
        }
    }

    /** {@code offset + scale * G(z)}: a standard distribution's quantile table read at a normal. */
    private static final class Tabulated extends OnNormals {
        private final QuantileTable table;
        private final double offset;
        private final double scale;

        Tabulated(QuantileTable table, double offset, double scale) {
            this.table = table;
            this.offset = offset;
            this.scale = scale;
        }

        @Override
        public void fromNormals(double[] z, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                out[i] = offset + scale * table.atNormal(z[i]);
            }
        }
    }

    /** {@code min + floor(count u)}: each of {@code count} whole numbers with probability 1/count. */
    private static final class DiscreteUniform extends OnUniforms {
        private final int min;
        private final int count;

        DiscreteUniform(int min, int count) {
            this.min = min;
            this.count = count;
        }

        @Override
        public void fromUniforms(double[] u, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                out[i] = min + Math.min((int) (u[i] * count), count - 1);
            }
        }
    }

    /** 1 with probability p, else 0. */
    private static final class Bernoulli extends OnUniforms {
        private final double probability;

        Bernoulli(double probability) {
            this.probability = probability;
        }

        @Override
        public void fromUniforms(double[] u, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                out[i] = u[i] < probability ? 1.0 : 0.0;
            }
        }
    }
}
