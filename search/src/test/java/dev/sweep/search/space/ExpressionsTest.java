package dev.sweep.search.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

    private final Expressions expressions = new Expressions();

    private static SearchSpace space(List<DerivedParameter> derived, List<Constraint> constraints) {
        return new SearchSpace(List.of(
                new Parameter("base_lr", FloatDistribution.logUniform(1e-5, 1e-3)),
                new Parameter("batch_size", CategoricalDistribution.of(16L, 32L, 64L)),
                new Parameter("optimizer", CategoricalDistribution.of("sgd", "adamw")),
                new Parameter("momentum", FloatDistribution.uniform(0.8, 0.99), new Condition("optimizer", List.of("sgd")))),
                derived, List.of(), constraints);
    }

    @Test
    void derivedParametersUseTheOthersAndEarlierDerivedOnes() {
        SearchSpace s = space(List.of(new DerivedParameter("lr", "base_lr * batch_size / 32"),
                new DerivedParameter("steps", "batch_size / 16"), new DerivedParameter("log_lr", "math:log10(lr)")), List.of());
        Map<String, Object> p = expressions.withDerived(s, Map.of("base_lr", 1e-4, "batch_size", 64L, "optimizer", "adamw"));
        assertEquals(2e-4, (Double) p.get("lr"), 1e-18);
        assertEquals(4L, p.get("steps"), "integer arithmetic stays integral (as Long)");
        assertEquals(Math.log10(2e-4), (Double) p.get("log_lr"), 1e-12);
    }

    @Test
    void constraintsSeeAbsentConditionalParametersAsNull() {
        SearchSpace s = space(List.of(), List.of(new Constraint("momentum == null || momentum < 0.95")));
        assertEquals(Optional.empty(), expressions.firstViolated(s, Map.of("base_lr", 1e-4, "batch_size", 16L, "optimizer", "adamw")));
        assertTrue(expressions.firstViolated(s, Map.of("base_lr", 1e-4, "batch_size", 16L, "optimizer", "sgd", "momentum", 0.97)).isPresent());
    }

    @Test
    void anUnguardedAbsentParameterIsAClearError() {
        SearchSpace s = space(List.of(), List.of(new Constraint("momentum < 0.95")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> expressions.firstViolated(s, Map.of("base_lr", 1e-4, "batch_size", 16L, "optimizer", "adamw")));
        assertTrue(e.getMessage().contains("constraint 'momentum < 0.95'") && e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void unknownNamesNonBooleanConstraintsAndMethodCallsAreRejected() {
        Map<String, Object> p = new HashMap<>(Map.of("base_lr", 1e-4, "batch_size", 16L, "optimizer", "adamw"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> expressions.firstViolated(space(List.of(), List.of(new Constraint("lerning_rate < 1"))), p));
        assertTrue(unknown.getMessage().contains("lerning_rate"), unknown.getMessage());
        IllegalArgumentException notBool = assertThrows(IllegalArgumentException.class,
                () -> expressions.firstViolated(space(List.of(), List.of(new Constraint("batch_size * 2"))), p));
        assertTrue(notBool.getMessage().contains("true or false") && notBool.getMessage().contains("32"), notBool.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> expressions.validate(space(List.of(), List.of(new Constraint("optimizer.getClass() == null")))));
        assertThrows(IllegalArgumentException.class,
                () -> expressions.validate(space(List.of(new DerivedParameter("x", "base_lr = 3")), List.of())));
    }
}
