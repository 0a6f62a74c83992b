package dev.sweep.search.space;

import java.util.Objects;

/** A searched parameter: its name, distribution, and the condition under which it exists (null: always). */
public record Parameter(String name, Distribution distribution, Condition condition) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(distribution, "distribution of " + name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a parameter name must not be blank");
        }
    }

    public Parameter(String name, Distribution distribution) {
        this(name, distribution, null);
    }
}
