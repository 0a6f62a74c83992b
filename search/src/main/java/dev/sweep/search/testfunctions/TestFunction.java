package dev.sweep.search.testfunctions;

import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark function to minimise over a box: its name, domain ({@code lower[i] <= x[i] <= upper[i]}), the
 * exact global minimum value, and the function itself. Parameters are named {@code x1..xd}.
 */
public record TestFunction(String name, double[] lower, double[] upper, double optimum,
                           ToDoubleFunction<double[]> function) {

    public TestFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        if (lower.length != upper.length || lower.length == 0) {
            throw new IllegalArgumentException("lower and upper must have the same, non-zero length, but got ("
                    + lower.length + ", " + upper.length + ")");
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    public int dimensions() {
        return lower.length;
    }

    /** The value at {@code x}; throws when {@code x} has the wrong dimension. */
    public double value(double[] x) {
        if (x.length != dimensions()) {
            throw new IllegalArgumentException(name + " takes " + dimensions() + " coordinates, but got " + x.length);
        }
        return function.applyAsDouble(x);
    }

    /** The value at the point given as parameters {@code x1..xd} (numbers). */
    public double value(Map<String, ?> params) {
        double[] x = new double[dimensions()];
        for (int i = 0; i < x.length; i++) {
            Object v = params.get(parameterName(i));
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(name + " needs a number for parameter '" + parameterName(i)
                        + "', but got " + v);
            }
            x[i] = n.doubleValue();
        }
        return value(x);
    }

    /** {@code value(x) - optimum()}: zero at a global minimum. */
    public double regret(double[] x) {
        return value(x) - optimum;
    }

    public static String parameterName(int i) {
        return "x" + (i + 1);
    }

    /** The search space {@code x1..xd}, each uniform over its interval. */
    public SearchSpace space() {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < dimensions(); i++) {
            ps.add(new Parameter(parameterName(i), FloatDistribution.uniform(lower[i], upper[i])));
        }
        return SearchSpace.of(ps);
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }
}
