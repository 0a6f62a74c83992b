package dev.sweep.search.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Condition;
import dev.sweep.search.space.Constraint;
import dev.sweep.search.space.DerivedParameter;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.space.Spaces;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpaceCodecTest {

    private final SpaceCodec rich = new SpaceCodec(Spaces.rich());

    @Test
    void parentsComeBeforeTheirConditionalChildrenAndZipsLast() {
        List<String> names = rich.dims().stream().map(SpaceCodec.Dim::name).toList();
        assertTrue(names.indexOf("optimizer") < names.indexOf("momentum"), names.toString());
        assertEquals("zip_len", names.get(names.size() - 1));
        assertFalse(rich.free().stream().anyMatch(d -> d.name().equals("schedule")), "a fixed value is not searched");
    }

    @Test
    void conditionalParametersExistOnlyWhenTheirParentHasOneOfTheValues() {
        Map<String, Object> sgd = rich.assemble(values("sgd", 0));
        assertEquals(0.9, sgd.get("momentum"));
        assertEquals(true, sgd.get("nesterov"));
        Map<String, Object> adam = rich.assemble(values("adam", 1));
        assertFalse(adam.containsKey("momentum"));
        assertFalse(adam.containsKey("nesterov"));
    }

    @Test
    void zipGroupsExpandIntoTheirRowsAndDerivedParametersAreEvaluated() {
        Map<String, Object> p = rich.assemble(values("adamw", 1));
        assertEquals(128L, p.get("max_len"));
        assertEquals(2L, p.get("grad_accum"));
        assertFalse(p.containsKey("zip_len"));
        assertEquals(1e-3 * 64 / 32, (Double) p.get("effective_lr"), 1e-18);
        assertEquals("linear", p.get("schedule"));
    }

    @Test
    void encodeInvertsDecode() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            double[] point = rich.snap(RandomSampler.uniformPoint(rich, rng));
            Map<String, Object> params = rich.decode(point);
            double[] back = rich.encode(params).orElseThrow();
            boolean[] active = rich.activeMask(point);
            for (int k = 0; k < point.length; k++) {
                if (active[k]) {
                    assertEquals(point[k], back[k], 1e-9, rich.free().get(k).name() + " of " + params);
                } else {
                    assertTrue(Double.isNaN(back[k]), rich.free().get(k).name() + " is inactive in " + params);
                }
            }
            assertEquals(params, rich.decode(back));
        }
    }

    @Test
    void aConfigurationThatDoesNotFitTheSpaceHasNoPoint() {
        Map<String, Object> p = rich.decode(rich.snap(new double[rich.freeCount()]));
        Map<String, Object> outside = new java.util.HashMap<>(p);
        outside.put("learning_rate", 0.5);
        assertTrue(rich.encode(outside).isEmpty());
        Map<String, Object> badRow = new java.util.HashMap<>(p);
        badRow.put("max_len", 256L);
        assertTrue(rich.encode(badRow).isEmpty());
    }

    @Test
    void anUnsatisfiableConstraintFailsNamingIt() {
        SearchSpace s = new SearchSpace(List.of(new Parameter("x", FloatDistribution.uniform(0, 1))), List.of(), List.of(),
                List.of(new Constraint("x > 0"), new Constraint("x > 2")));
        SpaceCodec codec = new SpaceCodec(s);
        SplittableRandom rng = new SplittableRandom(1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> codec.sampleFeasible(() -> RandomSampler.uniformPoint(codec, rng)));
        assertTrue(e.getMessage().contains("'x > 2'") && e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void conditionsThatFormACycleAreRejected() {
        SearchSpace s = SearchSpace.of(List.of(
                new Parameter("a", CategoricalDistribution.of("u", "v"), new Condition("b", List.of("u"))),
                new Parameter("b", CategoricalDistribution.of("u", "v"), new Condition("a", List.of("u")))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpaceCodec(s));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void aBadExpressionIsReportedWhenTheCodecIsBuilt() {
        SearchSpace s = new SearchSpace(List.of(new Parameter("x", IntDistribution.of(1, 3))),
                List.of(new DerivedParameter("y", "x * (2")), List.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpaceCodec(s));
        assertTrue(e.getMessage().contains("derived parameter 'y'"), e.getMessage());
    }

    @Test
    void snappingMovesQuantisedCoordinatesToCellCentres() {
        double[] p = new double[rich.freeCount()];
        java.util.Arrays.fill(p, 0.26);
        double[] s = rich.snap(p);
        for (int k = 0; k < p.length; k++) {
            SpaceCodec.Dim d = rich.free().get(k);
            if (d.categorical()) {
                assertEquals(0, s[k], d.name());
            } else if (d.name().equals("epochs")) {
                assertEquals(0.375, s[k], 1e-12, "epochs 1..4: 0.26 lies in the cell of 2, centre 3/8");
            } else if (d.name().equals("learning_rate")) {
                assertEquals(0.26, s[k], 0, "a continuous coordinate stays");
            }
        }
        assertArrayEquals(s, rich.snap(s), "snapping is idempotent");
    }

    private Map<String, Object> values(String optimizer, int zipRow) {
        return Map.of("momentum", 0.9, "learning_rate", 1e-3, "batch_size", 64L, "optimizer", optimizer,
                "nesterov", true, "dropout", 0.1, "epochs", 2L, "warmup_steps", 10L, "zip_len", zipRow);
    }
}
