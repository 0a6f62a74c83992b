package dev.sweep.search.space;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A finite set of choices: strings, numbers or booleans (null is not a choice). Choices are distinct and keep
 * their order (a grid walks them in that order).
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

    public CategoricalDistribution {
        Objects.requireNonNull(choices, "choices");
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("choices must not be empty");
        }
        for (Object c : choices) {
            if (!(c instanceof String || c instanceof Number || c instanceof Boolean)) {
                throw new IllegalArgumentException("a choice must be a string, number or boolean, but got " + c
                        + (c == null ? "" : " (" + c.getClass().getSimpleName() + ")"));
            }
        }
        if (new HashSet<>(choices).size() != choices.size()) {
            throw new IllegalArgumentException("choices must be distinct, but got " + choices);
        }
        choices = List.copyOf(choices);
    }

    public static CategoricalDistribution of(Object... choices) {
        return new CategoricalDistribution(List.of(choices));
    }

    public static CategoricalDistribution fixed(Object value) {
        return new CategoricalDistribution(List.of(value));
    }

    /** Index of {@code value} among the choices, comparing numbers by value; -1 when absent. */
    public int indexOf(Object value) {
        for (int i = 0; i < choices.size(); i++) {
            Object c = choices.get(i);
            if (c.equals(value)) {
                return i;
            }
            if (c instanceof Number a && value instanceof Number b && a.doubleValue() == b.doubleValue()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean contains(Object value) {
        return indexOf(value) >= 0;
    }

    @Override
    public boolean isSingle() {
        return choices.size() == 1;
    }
}
