package dev.runway.sample;

import dev.runway.model.Distribution;

import java.util.Arrays;

/**
 * Makes the {@link BlockSampler} of each distribution. Normal and lognormal transform a ziggurat
 * normal; uniform, triangular, discrete uniform and Bernoulli invert their CDF in closed form;
 * beta, PERT and Student's t read their {@link QuantileTable} at a ziggurat normal — no
 * rejection loop or iterative inverse CDF on the hot path.
 */
public final class BlockSamplers {
    private BlockSamplers() {
    }

    /** The sampler of a distribution. */
    public static BlockSampler of(Distribution distribution) {
        double p1 = distribution.parameter(0);
        switch (distribution.kind()) {
            case CONSTANT:
                return new Constant(p1);
            case NORMAL: {
                double sd = distribution.parameter(1);
                return (random, out, count) -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = p1 + sd * random.normal();
                    }
                };
            }
            case LOGNORMAL: {
                double sd = distribution.parameter(1);
                return (random, out, count) -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = Math.exp(p1 + sd * random.normal());
                    }
                };
            }
            case UNIFORM: {
                double width = distribution.parameter(1) - p1;
                return (random, out, count) -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = p1 + width * random.uniform();
                    }
                };
            }
            case TRIANGULAR:
                return new Triangular(p1, distribution.parameter(1), distribution.parameter(2));
            case PERT: {
                double range = distribution.parameter(2) - p1;
                double alpha = 1.0 + 4.0 * (distribution.parameter(1) - p1) / range;
                double beta = 1.0 + 4.0 * (distribution.parameter(2) - distribution.parameter(1)) / range;
                return new Tabulated(QuantileTable.beta(alpha, beta), p1, range);
            }
            case BETA: {
                double min = distribution.parameter(2);
                return new Tabulated(QuantileTable.beta(p1, distribution.parameter(1)), min, distribution.parameter(3) - min);
            }
            case STUDENT_T:
                return new Tabulated(QuantileTable.studentT(distribution.parameter(2)), p1, distribution.parameter(1));
            case DISCRETE_UNIFORM: {
                int min = (int) p1;
                int values = (int) distribution.parameter(1) - min + 1;
                return (random, out, count) -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = min + random.below(values);
                    }
                };
            }
            case BERNOULLI:
                return (random, out, count) -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = random.uniform() < p1 ? 1.0 : 0.0;
                    }
                };
            default:
                throw new AssertionError(distribution.kind());
        }
    }

    /** A point mass: fills without drawing. */
    private static final class Constant implements BlockSampler {
        private final double value;

        Constant(double value) {
            this.value = value;
        }

        @Override
        public void fill(BlockRandom random, double[] out, int count) {
            Arrays.fill(out, 0, count, value);
        }

        @Override
        public boolean constant() {
            return true;
        }
    }

    /** The triangular distribution on [min, max] with its mode, by closed-form inversion of its CDF. */
    private static final class Triangular implements BlockSampler {
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
        public void fill(BlockRandom random, double[] out, int count) {
            for (int i = 0; i < count; i++) {
                double u = random.uniform();
                out[i] = u < modeQuantile ? min + Math.sqrt(u * lowerScale) : max - Math.sqrt((1.0 - u) * upperScale);
            }
        }
    }

    /** {@code offset + scale * G(z)}: a standard distribution's quantile table read at a normal draw. */
    private static final class Tabulated implements BlockSampler {
        private final QuantileTable table;
        private final double offset;
        private final double scale;

        Tabulated(QuantileTable table, double offset, double scale) {
            this.table = table;
            this.offset = offset;
            this.scale = scale;
        }

        @Override
        public void fill(BlockRandom random, double[] out, int count) {
            for (int i = 0; i < count; i++) {
                out[i] = offset + scale * table.atNormal(random.normal());
            }
        }
    }
}
