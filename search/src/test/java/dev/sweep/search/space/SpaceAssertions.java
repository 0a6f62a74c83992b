package dev.sweep.search.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Checks that a configuration is a legal member of a search space. Published in the test-jar. */
public final class SpaceAssertions {

    private SpaceAssertions() {
    }

    /**
     * Every active parameter present with a value inside its distribution (ints as Long or Integer, floats as
     * Double, categoricals the choice objects themselves), inactive ones absent, zip groups expanded into one
     * of their rows, derived parameters equal to their expressions, every constraint satisfied, nothing else.
     */
    public static void assertValid(SearchSpace space, Map<String, Object> params) {
        Set<String> expected = new HashSet<>();
        for (Parameter p : space.parameters()) {
            boolean active = p.condition() == null || (params.containsKey(p.condition().parent())
                    && new CategoricalDistribution(p.condition().values()).contains(params.get(p.condition().parent())));
            if (!active) {
                assertFalse(params.containsKey(p.name()), p.name() + " must be absent in " + params);
                continue;
            }
            expected.add(p.name());
            Object v = params.get(p.name());
            assertTrue(v != null, p.name() + " must be present in " + params);
            assertTrue(p.distribution().contains(v), p.name() + "=" + v + " outside " + p.distribution());
            if (p.distribution() instanceof FloatDistribution) {
                assertTrue(v instanceof Double, p.name() + " must be a Double, got " + v.getClass());
            } else if (p.distribution() instanceof IntDistribution) {
                assertTrue(v instanceof Long || v instanceof Integer, p.name() + " must be a Long, got " + v.getClass());
            } else {
                CategoricalDistribution c = (CategoricalDistribution) p.distribution();
                assertTrue(c.choices().stream().anyMatch(x -> x.equals(v)), p.name() + "=" + v + " is not one of the choice objects (same type and value)");
            }
        }
        for (ZipGroup z : space.zips()) {
            assertFalse(params.containsKey(z.name()), "zip group name " + z.name() + " must not be a parameter");
            assertTrue(z.rows().stream().anyMatch(r -> r.entrySet().stream()
                            .allMatch(e -> e.getValue().equals(params.get(e.getKey())))),
                    "zip " + z.name() + " members must form one of its rows in " + params);
            expected.addAll(z.names());
        }
        Map<String, Object> recomputed = new Expressions().withDerived(space, strip(space, params));
        for (DerivedParameter d : space.derived()) {
            expected.add(d.name());
            assertEquals(recomputed.get(d.name()), params.get(d.name()), "derived " + d.name());
        }
        if (new Expressions().firstViolated(space, params).isPresent()) {
            fail("constraint violated by " + params);
        }
        assertEquals(expected, params.keySet(), "parameters of " + params);
    }

    private static Map<String, Object> strip(SearchSpace space, Map<String, Object> params) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(params);
        space.derived().forEach(d -> m.remove(d.name()));
        return m;
    }
}
