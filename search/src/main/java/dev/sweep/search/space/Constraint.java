package dev.sweep.search.space;

import java.util.Objects;

/** A JEXL boolean expression over parameter names that every proposed configuration must satisfy. */
public record Constraint(String expression) {
    public Constraint {
        Objects.requireNonNull(expression, "expression");
    }
}
