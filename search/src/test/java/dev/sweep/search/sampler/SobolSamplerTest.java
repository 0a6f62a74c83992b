package dev.sweep.search.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.space.Constraint;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.space.Spaces;
import dev.sweep.search.study.Goal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SobolSamplerTest {

    private final SpaceCodec square = new SpaceCodec(Spaces.unitSquare());

    @Test
    void theFirst64PointsFillEveryCellOfAn8By8GridOnce() {
        for (long seed : new long[]{0, 1, 42}) {
            SobolSampler s = new SobolSampler(seed);
            int[][] counts = new int[8][8];
            for (int i = 0; i < 64; i++) {
                double[] p = s.point(square, i);
                counts[(int) (p[0] * 8)][(int) (p[1] * 8)]++;
            }
            for (int[] row : counts) {
                for (int c : row) {
                    assertEquals(1, c, "a digitally shifted Sobol sequence is a (0, 6, 2)-net, seed " + seed);
                }
            }
        }
    }

    @Test
    void pointsDoNotDependOnHowTheyAreReached() {
        SobolSampler s = new SobolSampler(9);
        List<Map<String, Object>> proposals = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            proposals.add(s.propose(Spaces.unitSquare(), Goal.MINIMIZE, c, List.of(), new SplittableRandom(c)).orElseThrow());
        }
        for (int c = 19; c >= 0; c--) {
            assertEquals(proposals.get(c), new SobolSampler(9).configuration(square, c));
        }
    }

    @Test
    void differentSeedsShiftTheSequenceDifferently() {
        assertFalse(java.util.Arrays.equals(new SobolSampler(1).point(square, 0), new SobolSampler(2).point(square, 0)));
        assertArrayEquals(new SobolSampler(1).point(square, 5), new SobolSampler(1).point(square, 5));
    }

    @Test
    void withAConstraintConfigurationCIsTheCthFeasiblePoint() {
        SearchSpace s = new SearchSpace(Spaces.unitSquare().parameters(), List.of(), List.of(),
                List.of(new Constraint("x1 + x2 < 1")));
        SobolSampler sampler = new SobolSampler(4);
        SpaceCodec codec = new SpaceCodec(s);
        List<Map<String, Object>> expected = new ArrayList<>();
        for (int i = 0; expected.size() < 10; i++) {
            Map<String, Object> p = codec.decode(sampler.point(codec, i));
            if ((Double) p.get("x1") + (Double) p.get("x2") < 1) {
                expected.add(p);
            }
        }
        for (int c = 0; c < 10; c++) {
            Map<String, Object> p = sampler.configuration(codec, c);
            assertEquals(expected.get(c), p);
            assertTrue((Double) p.get("x1") + (Double) p.get("x2") < 1);
        }
    }
}
