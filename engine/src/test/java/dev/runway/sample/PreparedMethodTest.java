package dev.runway.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sampling method is prepared once per run, and a block's inputs still depend on the seed and
 * the block's index alone: not on which blocks the prepared method served before, nor on the
 * thread that asks, nor on whether the run or a task on another machine prepared it.
 */
class PreparedMethodTest {
    private static final long SEED = 20250513L;
    private static final int BLOCK = 4096;
    private static final int CHUNK = 256;
    private static final int DIMENSIONS = 40;
    private static final int DRIVERS = 6;

    private static PreparedMethod prepare(SamplingMethod method) {
        return method.prepare(SEED, DIMENSIONS, DRIVERS, CHUNK);
    }

    /** Every input of every path of block {@code block}: uniforms in even dimensions, normals in odd ones. */
    private static double[][][] draw(PreparedMethod prepared, int block) {
        RandomInputs inputs = prepared.block(BlockStreams.forBlocks(SEED, block, block + 1)[0], (long) block * BLOCK,
                BLOCK);
        double[][][] drawn = new double[BLOCK / CHUNK][DIMENSIONS][CHUNK];
        for (int c = 0; c < BLOCK / CHUNK; c++) {
            inputs.startChunk(c * CHUNK, CHUNK);
            for (int d = 0; d < DIMENSIONS; d++) {
                if (d % 2 == 0) {
                    inputs.uniforms(d, drawn[c][d], CHUNK);
                } else {
                    inputs.normals(d, drawn[c][d], CHUNK);
                }
            }
        }
        return drawn;
    }

    private static void assertSame(double[][][] expected, double[][][] actual, String what) {
        for (int c = 0; c < expected.length; c++) {
            for (int d = 0; d < DIMENSIONS; d++) {
                assertArrayEquals(expected[c][d], actual[c][d], what + ", chunk " + c + ", dimension " + d);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SamplingMethod.class)
    void aBlocksInputsAreTheSameWhateverTheBlocksThePreparedMethodServedBefore(SamplingMethod method) {
        double[][][] alone = draw(prepare(method), 5);
        PreparedMethod busy = prepare(method);
        for (int b : new int[] {9, 0, 5, 3}) {
            draw(busy, b);
        }
        assertSame(alone, draw(busy, 5), method.cliName() + ", block 5 after blocks 9, 0, 5, 3");
    }

    @ParameterizedTest
    @EnumSource(SamplingMethod.class)
    void blocksDrawnOnTwoThreadsAtOnceAreTheBlocksDrawnOneByOne(SamplingMethod method)
            throws InterruptedException, ExecutionException {
        int blocks = 8;
        PreparedMethod sequential = prepare(method);
        List<double[][][]> expected = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            expected.add(draw(sequential, b));
        }
        PreparedMethod shared = prepare(method);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<double[][][]>> drawn = new ArrayList<>();
            for (int b = blocks - 1; b >= 0; b--) {
                int block = b;
                drawn.add(0, threads.submit(() -> draw(shared, block)));
            }
            for (int b = 0; b < blocks; b++) {
                assertSame(expected.get(b), drawn.get(b).get(), method.cliName() + ", block " + b);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSobolRunBuildsItsGeneratorOnceNotOncePerBlock() {
        PreparedMethod prepared = prepare(SamplingMethod.SOBOL);
        for (int b = 0; b < 6; b++) {
            draw(prepared, b);
        }
        assertEquals(1, SobolInputs.generatorsBuilt(prepared), "generators built for 6 blocks on one thread");
    }

    @Test
    void sobolBlocksOfDifferentSeedsAreRotatedDifferently() {
        double[][][] one = draw(prepare(SamplingMethod.SOBOL), 2);
        double[][][] other = draw(SamplingMethod.SOBOL.prepare(SEED + 1, DIMENSIONS, DRIVERS, CHUNK), 2);
        assertTrue(one[0][0][0] != other[0][0][0], "the rotation comes from the seed");
    }
}
