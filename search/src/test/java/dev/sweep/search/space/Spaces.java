package dev.sweep.search.space;

import java.util.List;
import java.util.Map;

/** Search spaces for tests, published in the test-jar. */
public final class Spaces {

    private Spaces() {
    }

    /**
     * Every feature at once: log float, categorical numbers, strings and booleans, a conditional float and
     * categorical declared before their parent, a stepped float, an int, a log int, a fixed value, a zip group,
     * a derived parameter and a constraint.
     */
    public static SearchSpace rich() {
        return new SearchSpace(List.of(
                new Parameter("momentum", new FloatDistribution(0.8, 0.99, false, null, null),
                        new Condition("optimizer", List.of("sgd"))),
                new Parameter("learning_rate", FloatDistribution.logUniform(1e-5, 1e-2)),
                new Parameter("batch_size", CategoricalDistribution.of(16L, 32L, 64L)),
                new Parameter("optimizer", CategoricalDistribution.of("sgd", "adamw", "adam")),
                new Parameter("nesterov", CategoricalDistribution.of(true, false),
                        new Condition("optimizer", List.of("sgd"))),
                new Parameter("dropout", new FloatDistribution(0.0, 0.3, false, 0.05, null)),
                new Parameter("epochs", IntDistribution.of(1, 4)),
                new Parameter("warmup_steps", new IntDistribution(1, 1000, true, 1, null)),
                new Parameter("schedule", CategoricalDistribution.fixed("linear"))),
                List.of(new DerivedParameter("effective_lr", "learning_rate * batch_size / 32")),
                List.of(new ZipGroup("zip_len", List.of("max_len", "grad_accum"),
                        List.of(Map.of("max_len", 64L, "grad_accum", 1L), Map.of("max_len", 128L, "grad_accum", 2L)))),
                List.of(new Constraint("!(optimizer == 'sgd' && learning_rate < 1e-4)")));
    }

    /**
     * A grid: learning_rate 4 log-spaced points, batch_size 2, optimizer 2, momentum 2 only with sgd, a zip of
     * 2 rows, and a constraint removing sgd with learning_rate 1e-2: 24 sgd cells + 16 adamw cells = 40.
     */
    public static SearchSpace grid() {
        return new SearchSpace(List.of(
                new Parameter("learning_rate", new FloatDistribution(1e-5, 1e-2, true, null, 4)),
                new Parameter("batch_size", CategoricalDistribution.of(16L, 32L)),
                new Parameter("optimizer", CategoricalDistribution.of("sgd", "adamw")),
                new Parameter("momentum", CategoricalDistribution.of(0.9, 0.99), new Condition("optimizer", List.of("sgd")))),
                List.of(),
                List.of(new ZipGroup("zip_len", List.of("max_len", "grad_accum"),
                        List.of(Map.of("max_len", 64L, "grad_accum", 1L), Map.of("max_len", 128L, "grad_accum", 2L)))),
                List.of(new Constraint("!(optimizer == 'sgd' && learning_rate > 1e-3)")));
    }

    /** x1, x2 uniform on [0, 1]. */
    public static SearchSpace unitSquare() {
        return SearchSpace.of(List.of(new Parameter("x1", FloatDistribution.uniform(0, 1)),
                new Parameter("x2", FloatDistribution.uniform(0, 1))));
    }
}
