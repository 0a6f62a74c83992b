package dev.sweep.search.space;

import java.util.Objects;

/**
 * A parameter computed from the others after sampling, e.g. {@code learning_rate = base_lr * batch_size / 32}.
 * The expression is JEXL over the other parameters' names.
 */
public record DerivedParameter(String name, String expression) {
    public DerivedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression of " + name);
    }
}
