package dev.sweep.search.space;

import java.util.List;
import java.util.Objects;

/** A parameter is active only when {@code parent} takes one of {@code values} (e.g. momentum only with sgd). */
public record Condition(String parent, List<Object> values) {
    public Condition {
        Objects.requireNonNull(parent, "parent");
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a condition on '" + parent + "' needs at least one value");
        }
        values = List.copyOf(values);
    }
}
