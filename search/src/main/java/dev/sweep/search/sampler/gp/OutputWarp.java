package dev.sweep.search.sampler.gp;

import java.util.Arrays;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Makes losses look Gaussian before the GP sees them: centre on the median and scale by the median absolute
 * deviation (so the bulk, not a long tail, sets the scale), apply the Yeo–Johnson power transform with
 * the λ that maximises the normal profile likelihood (λ = 1 leaves the data as it is; λ &lt; 1 compresses a long
 * tail of bad values, as Rosenbrock's or a diverging learning rate's), standardise again. The transform is
 * monotone, so the ranking of configurations, and with it the incumbent, is unchanged.
 */
final class OutputWarp {

    static final double MIN_LAMBDA = -2;
    static final double MAX_LAMBDA = 3;

    private OutputWarp() {
    }

    /** Standardised, warped copies of {@code y}. */
    static double[] apply(double[] y) {
        if (y.length < 3) {
            return standardise(y);
        }
        double[] z = robustStandardise(y);
        double lambda = new BrentOptimizer(1e-6, 1e-8).optimize(new MaxEval(200), GoalType.MAXIMIZE,
                new SearchInterval(MIN_LAMBDA, MAX_LAMBDA, 1.0),
                new UnivariateObjectiveFunction(l -> logLikelihood(z, l))).getPoint();
        double[] w = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            w[i] = yeoJohnson(z[i], lambda);
        }
        return standardise(w);
    }

    static double[] standardise(double[] y) {
        double mean = Arrays.stream(y).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, y.length));
        double s = sd > 0 ? sd : 1;
        return Arrays.stream(y).map(v -> (v - mean) / s).toArray();
    }

    /** Centred on the median, scaled by the normal-consistent median absolute deviation (sd when that is 0). */
    static double[] robustStandardise(double[] y) {
        double med = median(y);
        double mad = 1.4826 * median(Arrays.stream(y).map(v -> Math.abs(v - med)).toArray());
        if (!(mad > 0)) {
            return standardise(y);
        }
        return Arrays.stream(y).map(v -> (v - med) / mad).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static double yeoJohnson(double y, double lambda) {
        if (y >= 0) {
            return Math.abs(lambda) < 1e-12 ? Math.log1p(y) : (Math.pow(y + 1, lambda) - 1) / lambda;
        }
        return Math.abs(lambda - 2) < 1e-12 ? -Math.log1p(-y) : -(Math.pow(1 - y, 2 - lambda) - 1) / (2 - lambda);
    }

    /** The normal profile log likelihood of the transformed data, Jacobian included. */
    static double logLikelihood(double[] y, double lambda) {
        int n = y.length;
        double[] t = new double[n];
        double jac = 0;
        for (int i = 0; i < n; i++) {
            t[i] = yeoJohnson(y[i], lambda);
            jac += Math.signum(y[i]) * Math.log1p(Math.abs(y[i]));
        }
        double mean = Arrays.stream(t).average().orElse(0);
        double var = Arrays.stream(t).map(v -> (v - mean) * (v - mean)).sum() / n;
        if (!(var > 0) || !Double.isFinite(var)) {
            return Double.NEGATIVE_INFINITY;
        }
        return -0.5 * n * Math.log(var) + (lambda - 1) * jac;
    }
}
