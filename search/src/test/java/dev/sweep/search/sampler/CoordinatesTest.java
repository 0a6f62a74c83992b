package dev.sweep.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Distribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoordinatesTest {

    private static final List<Distribution> DISTRIBUTIONS = List.of(
            FloatDistribution.uniform(-2, 3), FloatDistribution.logUniform(1e-6, 1e-1),
            new FloatDistribution(0, 0.3, false, 0.05, null), new FloatDistribution(0.1, 1.0, false, 0.3, null),
            IntDistribution.of(-3, 7), new IntDistribution(1, 4096, true, 1, null), new IntDistribution(8, 64, false, 8, null),
            new IntDistribution(5, 5, false, 1, null), CategoricalDistribution.of("a", 2L, true));

    @Test
    void everyCoordinateMapsInsideItsDistribution() {
        SplittableRandom rng = new SplittableRandom(11);
        for (Distribution d : DISTRIBUTIONS) {
            for (int i = 0; i < 2000; i++) {
                double u = i < 3 ? new double[]{0, 1, 0.999999999999}[i] : rng.nextDouble();
                Object v = Coordinates.toValue(d, u);
                assertTrue(d.contains(v), v + " outside " + d);
                assertEquals(v, Coordinates.toValue(d, Coordinates.toUnit(d, v)), "round trip of " + v + " in " + d);
            }
        }
    }

    @Test
    void quantisedRangesReachEveryValueWithEqualWidthCells() {
        Distribution d = new FloatDistribution(0, 0.3, false, 0.05, null);
        Set<Object> values = new HashSet<>();
        for (int i = 0; i < 700; i++) {
            values.add(Coordinates.toValue(d, (i + 0.5) / 700));
        }
        assertEquals(Set.of(0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3), values, "decimal steps, no 0.15000000000000002");
        assertEquals(7, Coordinates.cells(d));
        assertEquals(4L, Coordinates.cells(new FloatDistribution(0.1, 1.0, false, 0.3, null)), "0.1, 0.4, 0.7, 1.0");
    }

    @Test
    void logRangesAreUniformInLogSpace() {
        Distribution d = FloatDistribution.logUniform(1e-6, 1e-2);
        assertEquals(1e-4, (Double) Coordinates.toValue(d, 0.5), 1e-16);
        Distribution li = new IntDistribution(1, 1000, true, 1, null);
        assertEquals(0.5, Coordinates.toUnit(li, Coordinates.toValue(li, 0.5)), 0.01);
    }
}
