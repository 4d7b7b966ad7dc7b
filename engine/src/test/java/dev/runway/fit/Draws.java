package dev.runway.fit;

import dev.runway.model.Distribution;
import dev.runway.model.FiscalQuarter;
import dev.runway.sample.BlockRandom;
import dev.runway.sample.BlockSampler;
import dev.runway.sample.BlockSamplers;
import dev.runway.sample.MonteCarloInputs;
import dev.runway.sample.RandomInputs;
import org.apache.commons.rng.simple.RandomSource;

import java.util.ArrayList;
import java.util.List;

/** Samples drawn by the engine's own samplers, as a run draws a driver, and series made of them. */
final class Draws {
    private Draws() {
    }

    /** {@code n} draws of {@code distribution} from the seed's stream, through the input its sampler is built on. */
    static double[] of(Distribution distribution, int n, long seed) {
        BlockSampler sampler = BlockSamplers.of(distribution);
        RandomInputs inputs = new MonteCarloInputs(new BlockRandom(RandomSource.XO_SHI_RO_256_PP.create(seed)));
        double[] values = new double[n];
        if (sampler.input() == BlockSampler.Input.NORMAL) {
            inputs.normals(0, values, n);
            sampler.fromNormals(values, values, n);
        } else {
            inputs.uniforms(0, values, n);
            sampler.fromUniforms(values, values, n);
        }
        return values;
    }

    /** The values as a series of consecutive quarters from FY2000Q1, each from line i + 2 of a history. */
    static Series series(String expression, double[] values) {
        List<FiscalQuarter> quarters = new ArrayList<>();
        List<List<Integer>> lines = new ArrayList<>();
        FiscalQuarter q = new FiscalQuarter(2000, 1);
        for (int i = 0; i < values.length; i++) {
            quarters.add(q);
            lines.add(List.of(i + 2));
            q = q.plus(1);
        }
        return new Series(expression, "", quarters, values, lines);
    }
}
