package dev.sweep.search.sampler.math;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS with optional box bounds handled by projection (variables at a bound whose gradient
 * pushes outwards are held fixed for the step), backtracking Armijo line search along the projected path.
 * Commons Math 3 has no quasi-Newton optimiser; this small one serves the GP's hyperparameter fit and the
 * refinement of its acquisition function, both smooth, low-dimensional and cheap to differentiate.
 */
public final class Lbfgs {

    /** f(x), writing ∇f(x) into {@code grad}; may return +∞ where f is undefined. */
    @FunctionalInterface
    public interface Objective {
        double valueAndGradient(double[] x, double[] grad);
    }

    public record Result(double[] x, double value, int iterations, int evaluations) {
    }

    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeTolerance;

    public Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    /** Minimises {@code f} from {@code x0} within [lower, upper] (either may be null: unbounded). */
    public Result minimize(Objective f, double[] x0, double[] lower, double[] upper) {
        int n = x0.length;
        double[] x = project(x0.clone(), lower, upper);
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evals = 1;
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, 0, evals);
        }
        Deque<double[][]> pairs = new ArrayDeque<>();
        int it = 0;
        for (; it < maxIterations; it++) {
            double[] pg = projectedGradient(x, g, lower, upper);
            if (normInf(pg) < gradientTolerance) {
                break;
            }
            double[] d = direction(pg, pairs);
            for (int i = 0; i < n; i++) {
                if (pg[i] == 0) {
                    d[i] = 0;
                }
            }
            double slope = dot(d, pg);
            if (!(slope < 0)) {
                pairs.clear();
                for (int i = 0; i < n; i++) {
                    d[i] = -pg[i];
                }
                slope = dot(d, pg);
            }
            double t = pairs.isEmpty() ? Math.min(1.0, 1.0 / normInf(d)) : 1.0;
            double[] xn = null;
            double[] gn = new double[n];
            double fn = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 40; ls++) {
                xn = x.clone();
                for (int i = 0; i < n; i++) {
                    xn[i] += t * d[i];
                }
                project(xn, lower, upper);
                fn = f.valueAndGradient(xn, gn);
                evals++;
                double decrease = 0;
                for (int i = 0; i < n; i++) {
                    decrease += g[i] * (xn[i] - x[i]);
                }
                if (Double.isFinite(fn) && fn <= fx + 1e-4 * Math.min(decrease, 0)) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                if (pairs.isEmpty()) {
                    break;
                }
                pairs.clear();
                continue;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xn[i] - x[i];
                y[i] = gn[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                pairs.addLast(new double[][]{s, y, {1 / sy}});
                if (pairs.size() > memory) {
                    pairs.removeFirst();
                }
            }
            boolean small = Math.abs(fx - fn) <= relativeTolerance * Math.max(1.0, Math.abs(fx));
            x = xn;
            g = gn;
            fx = fn;
            if (small || normInf(s) == 0) {
                it++;
                break;
            }
        }
        return new Result(x, fx, it, evals);
    }

    private static double[] direction(double[] g, Deque<double[][]> pairs) {
        double[] q = g.clone();
        int m = pairs.size();
        double[] a = new double[m];
        int k = m - 1;
        for (Iterator<double[][]> it = pairs.descendingIterator(); it.hasNext(); k--) {
            double[][] p = it.next();
            a[k] = p[2][0] * dot(p[0], q);
            axpy(-a[k], p[1], q);
        }
        if (m > 0) {
            double[][] last = pairs.getLast();
            double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        k = 0;
        for (double[][] p : pairs) {
            double b = p[2][0] * dot(p[1], q);
            axpy(a[k] - b, p[0], q);
            k++;
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    private static double[] projectedGradient(double[] x, double[] g, double[] lo, double[] hi) {
        double[] pg = g.clone();
        for (int i = 0; i < x.length; i++) {
            if (lo != null && x[i] <= lo[i] && g[i] > 0) {
                pg[i] = 0;
            }
            if (hi != null && x[i] >= hi[i] && g[i] < 0) {
                pg[i] = 0;
            }
        }
        return pg;
    }

    private static double[] project(double[] x, double[] lo, double[] hi) {
        for (int i = 0; i < x.length; i++) {
            if (lo != null) {
                x[i] = Math.max(lo[i], x[i]);
            }
            if (hi != null) {
                x[i] = Math.min(hi[i], x[i]);
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double normInf(double[] v) {
        return Arrays.stream(v).map(Math::abs).max().orElse(0);
    }
}
