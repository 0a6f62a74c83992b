package dev.sweep.search.space;

/**
 * The closed set of parameter distributions: float, int and categorical, each validated on construction.
 * A fixed value ({@code value:} in a sweep file) is a categorical with one choice.
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** Whether {@code value} is a legal value of this distribution. */
    boolean contains(Object value);

    /** True when the distribution admits exactly one value (nothing to search). */
    boolean isSingle();
}
