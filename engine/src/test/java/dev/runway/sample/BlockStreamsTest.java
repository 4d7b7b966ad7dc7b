package dev.runway.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

/** Streams belong to blocks: fixed by the run's seed and the block's index, and by nothing else. */
class BlockStreamsTest {
    private static final long SEED = 12345L;
    private static final int FIRST = 64;

    private static long[] firstNumbers(UniformRandomProvider stream) {
        long[] numbers = new long[FIRST];
        for (int i = 0; i < FIRST; i++) {
            numbers[i] = stream.nextLong();
        }
        return numbers;
    }

    @Test
    void theSameSeedGivesEveryBlockTheSameFirstNumbers() {
        UniformRandomProvider[] first = BlockStreams.forBlocks(SEED, 4);
        UniformRandomProvider[] second = BlockStreams.forBlocks(SEED, 4);
        assertEquals(4, first.length);
        for (int b = 0; b < 4; b++) {
            assertArrayEquals(firstNumbers(first[b]), firstNumbers(second[b]), "block " + b);
        }
    }

    @Test
    void differentBlocksDrawDifferentSequences() {
        UniformRandomProvider[] streams = BlockStreams.forBlocks(SEED, 8);
        // 64-bit outputs of non-overlapping streams coincide with probability about 2^-64 per pair.
        Set<Long> seen = new HashSet<>();
        for (int b = 0; b < streams.length; b++) {
            for (long number : firstNumbers(streams[b])) {
                assertTrue(seen.add(number), "block " + b + " repeats " + number + " drawn before");
            }
        }
    }

    @Test
    void differentSeedsGiveTheSameBlockDifferentSequences() {
        long[] one = firstNumbers(BlockStreams.forBlocks(SEED, 1)[0]);
        long[] other = firstNumbers(BlockStreams.forBlocks(SEED + 1, 1)[0]);
        for (int i = 0; i < FIRST; i++) {
            assertNotEquals(one[i], other[i], "draw " + i + " is the same under both seeds");
        }
    }

    @Test
    void aBlocksStreamDoesNotDependOnHowManyBlocksThereAre() {
        UniformRandomProvider[] ten = BlockStreams.forBlocks(SEED, 10);
        UniformRandomProvider[] three = BlockStreams.forBlocks(SEED, 3);
        for (int b = 0; b < 3; b++) {
            assertArrayEquals(firstNumbers(three[b]), firstNumbers(ten[b]), "block " + b);
        }
    }

    @Test
    void drawingFromOneBlockLeavesTheOthersUntouched() {
        UniformRandomProvider[] used = BlockStreams.forBlocks(SEED, 3);
        UniformRandomProvider[] untouched = BlockStreams.forBlocks(SEED, 3);
        for (int i = 0; i < 10_000; i++) {
            used[0].nextLong();
        }
        assertArrayEquals(firstNumbers(untouched[1]), firstNumbers(used[1]));
        assertArrayEquals(firstNumbers(untouched[2]), firstNumbers(used[2]));
    }
}
