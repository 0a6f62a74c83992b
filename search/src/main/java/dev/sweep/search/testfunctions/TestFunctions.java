package dev.sweep.search.testfunctions;

import java.util.Arrays;
import java.util.Locale;

/**
 * Exact definitions of the standard optimisation benchmarks used by the sampler benchmarks and the worker's
 * synthetic task (Surjanovic &amp; Bingham, "Virtual Library of Simulation Experiments").
 */
public final class TestFunctions {

    /** Hartmann 6-D constants. */
    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
            {10, 3, 17, 3.5, 1.7, 8},
            {0.05, 10, 17, 0.1, 8, 14},
            {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
            {1312e-4, 1696e-4, 5569e-4, 124e-4, 8283e-4, 5886e-4},
            {2329e-4, 4135e-4, 8307e-4, 3736e-4, 1004e-4, 9991e-4},
            {2348e-4, 1451e-4, 3522e-4, 2883e-4, 3047e-4, 6650e-4},
            {4047e-4, 8828e-4, 8732e-4, 5743e-4, 1091e-4, 381e-4}};

    private TestFunctions() {
    }

    /** Branin-Hoo on x1 ∈ [-5, 10], x2 ∈ [0, 15]; minimum 0.397887 at (-π, 12.275), (π, 2.275), (9.42478, 2.475). */
    public static TestFunction branin() {
        return new TestFunction("branin", new double[]{-5, 0}, new double[]{10, 15}, 0.39788735772973816,
                TestFunctions::braninValue);
    }

    /** Hartmann 6-D on [0, 1]^6; minimum −3.32237 at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573). */
    public static TestFunction hartmann6() {
        double[] lo = new double[6];
        double[] hi = new double[6];
        Arrays.fill(hi, 1.0);
        return new TestFunction("hartmann6", lo, hi, -3.3223680114155147, TestFunctions::hartmann6Value);
    }

    /** Rosenbrock in {@code d >= 2} dimensions on [-2, 2]^d; minimum 0 at (1, …, 1). */
    public static TestFunction rosenbrock(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("rosenbrock needs dimensions >= 2, but got (dimensions=" + d + ")");
        }
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, -2.0);
        Arrays.fill(hi, 2.0);
        return new TestFunction("rosenbrock", lo, hi, 0.0, TestFunctions::rosenbrockValue);
    }

    /**
     * The function named {@code name} (branin, hartmann6, rosenbrock); {@code dimensions} is used by rosenbrock
     * only.
     */
    public static TestFunction byName(String name, int dimensions) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "branin" -> branin();
            case "hartmann6" -> hartmann6();
            case "rosenbrock" -> rosenbrock(dimensions);
            default -> throw new IllegalArgumentException(
                    "function must be one of [branin, hartmann6, rosenbrock], but got '" + name + "'");
        };
    }

    static double braninValue(double[] x) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
        return u * u + 10 * (1 - t) * Math.cos(x[0]) + 10;
    }

    static double hartmann6Value(double[] x) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double d = x[j] - P[i][j];
                inner += A[i][j] * d * d;
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    static double rosenbrockValue(double[] x) {
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }
}
