package dev.sweep.worker.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplingTest {
    /** 700 of label 0, 300 of label 1, interleaved. */
    private static final int[] LABELS = IntStream.range(0, 1000).map(i -> i % 10 < 7 ? 0 : 1).toArray();

    @Test
    void stratifiedSampleHasTheExactSizeAndTheClassProportions() {
        for (int k : new int[] {1, 10, 99, 250, 999}) {
            int[] chosen = Sampling.stratified(LABELS, k, 5);
            assertEquals(k, chosen.length);
            assertEquals(k, Arrays.stream(chosen).distinct().count());
            long ones = Arrays.stream(chosen).filter(i -> LABELS[i] == 1).count();
            assertTrue(Math.abs(ones - 0.3 * k) <= 1, "k=" + k + " ones=" + ones);
            assertTrue(IntStream.range(1, chosen.length).allMatch(i -> chosen[i - 1] < chosen[i]), "ascending");
        }
        assertEquals(1000, Sampling.stratified(LABELS, 5000, 5).length);
    }

    @Test
    void sameSeedSameSampleOtherSeedAnotherAndSmallerSamplesNest() {
        assertArrayEquals(Sampling.stratified(LABELS, 100, 1), Sampling.stratified(LABELS, 100, 1));
        assertFalse(Arrays.equals(Sampling.stratified(LABELS, 100, 1), Sampling.stratified(LABELS, 100, 2)));
        Set<Integer> half = new HashSet<>(Arrays.stream(Sampling.stratified(LABELS, 500, 3)).boxed().toList());
        assertTrue(Arrays.stream(Sampling.stratified(LABELS, 250, 3)).allMatch(half::contains),
                "the 25% sample must lie inside the 50% sample");
    }

    @Test
    void stratifiedSplitPartitionsTheIndices() {
        int[][] parts = Sampling.stratifiedSplit(LABELS, 0.1, 9);
        assertEquals(900, parts[0].length);
        assertEquals(100, parts[1].length);
        assertEquals(30, Arrays.stream(parts[1]).filter(i -> LABELS[i] == 1).count());
        Set<Integer> all = new HashSet<>();
        Arrays.stream(parts[0]).forEach(all::add);
        Arrays.stream(parts[1]).forEach(all::add);
        assertEquals(1000, all.size());
    }

    @Test
    void groupSplitNeverPutsOneGroupInTwoParts() {
        List<String> groups = IntStream.range(0, 300).mapToObj(i -> "q" + (i / 3)).toList();
        int[][] parts = Sampling.groupSplit(groups, new double[] {0.8, 0.1, 0.1}, 11);
        assertEquals(300, parts[0].length + parts[1].length + parts[2].length);
        assertEquals(240, parts[0].length);
        assertEquals(30, parts[1].length);
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                Set<String> ga = new HashSet<>(Sampling.pick(groups, parts[a]));
                ga.retainAll(Sampling.pick(groups, parts[b]));
                assertEquals(Set.of(), ga, "parts " + a + " and " + b + " share groups");
            }
        }
        assertArrayEquals(parts[1], Sampling.groupSplit(groups, new double[] {0.8, 0.1, 0.1}, 11)[1]);
    }
}
