package dev.sweep.search.sampler.gp;

import java.util.Arrays;

/**
 * Exact Gaussian-process regression with a Matérn-5/2 ARD kernel k(a, b) = s²·(1 + √5r + 5r²/3)·e^(−√5r),
 * r² = Σᵢ (aᵢ − bᵢ)²/ℓᵢ², plus observation noise σ². Immutable: built from data and hyperparameters, it
 * holds the Cholesky factor of the kernel matrix and the weights α = K⁻¹y.
 */
public final class GaussianProcess {

    static final double SQRT5 = Math.sqrt(5);

    /** Kernel hyperparameters: length scales per input, signal variance s², noise variance σ². */
    public record Hyper(double[] lengthscales, double signal, double noise) {
        public Hyper {
            lengthscales = lengthscales.clone();
        }
    }

    private final double[][] x;
    private final double[] y;
    private final double[] noise;
    private final Hyper hyper;
    private final double[] invSq;
    private final double[][] chol;
    private final double[] alpha;

    /** @throws IllegalStateException when the kernel matrix is not positive definite even with jitter */
    public GaussianProcess(double[][] x, double[] y, Hyper hyper) {
        this(x, y, hyper, filled(x.length, hyper.noise()));
    }

    /** With a noise variance per observation (e.g. none for fantasies). */
    GaussianProcess(double[][] x, double[] y, Hyper hyper, double[] noise) {
        this.x = x;
        this.y = y;
        this.noise = noise;
        this.hyper = hyper;
        this.invSq = invSquares(hyper.lengthscales());
        double[][] k = kernelMatrix(x, invSq, hyper.signal(), 0);
        for (int i = 0; i < x.length; i++) {
            k[i][i] += noise[i];
        }
        double[][] l = null;
        for (double jitter = 0; l == null && jitter <= 1e-2; jitter = jitter == 0 ? 1e-9 : jitter * 10) {
            l = cholesky(k, jitter * hyper.signal());
        }
        if (l == null) {
            throw new IllegalStateException("the GP kernel matrix is not positive definite for " + x.length + " points");
        }
        this.chol = l;
        this.alpha = solve(l, y);
    }

    public Hyper hyper() {
        return hyper;
    }

    public int size() {
        return x.length;
    }

    /**
     * The same model with more observations of noise variance {@code moreNoise} (fantasies for pending points
     * take a tiny one, so the model is sure of them), hyperparameters unchanged.
     */
    public GaussianProcess with(double[][] moreX, double[] moreY, double moreNoise) {
        double[][] nx = Arrays.copyOf(x, x.length + moreX.length);
        System.arraycopy(moreX, 0, nx, x.length, moreX.length);
        double[] ny = Arrays.copyOf(y, y.length + moreY.length);
        System.arraycopy(moreY, 0, ny, y.length, moreY.length);
        double[] nn = Arrays.copyOf(noise, noise.length + moreX.length);
        Arrays.fill(nn, noise.length, nn.length, moreNoise);
        return new GaussianProcess(nx, ny, hyper, nn);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * Posterior mean and latent variance at {@code q} into {@code out[0], out[1]}; when {@code dMean} is not
     * null, also their gradients with respect to {@code q}.
     */
    public void predict(double[] q, double[] out, double[] dMean, double[] dVar) {
        int n = x.length;
        int d = q.length;
        double[] k = new double[n];
        double[] dk = dMean == null ? null : new double[n]; // s²·(5/3)(1+√5r)e^(−√5r), the radial derivative factor
        double s2 = hyper.signal();
        for (int j = 0; j < n; j++) {
            double r2 = 0;
            double[] xj = x[j];
            for (int i = 0; i < d; i++) {
                double t = q[i] - xj[i];
                r2 += t * t * invSq[i];
            }
            double r = Math.sqrt(r2);
            double e = Math.exp(-SQRT5 * r);
            k[j] = s2 * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * e;
            if (dk != null) {
                dk[j] = s2 * 5.0 / 3.0 * (1 + SQRT5 * r) * e;
            }
        }
        double mean = 0;
        for (int j = 0; j < n; j++) {
            mean += k[j] * alpha[j];
        }
        double[] v = forward(chol, k);
        double var = s2;
        for (double vi : v) {
            var -= vi * vi;
        }
        out[0] = mean;
        out[1] = Math.max(var, 1e-12 * s2);
        if (dMean == null) {
            return;
        }
        double[] beta = backward(chol, v);
        Arrays.fill(dMean, 0);
        Arrays.fill(dVar, 0);
        for (int j = 0; j < n; j++) {
            double[] xj = x[j];
            double a = alpha[j] * dk[j];
            double b = beta[j] * dk[j];
            for (int i = 0; i < d; i++) {
                double g = -(q[i] - xj[i]) * invSq[i];
                dMean[i] += a * g;
                dVar[i] -= 2 * b * g;
            }
        }
    }

    static double[] invSquares(double[] lengthscales) {
        double[] s = new double[lengthscales.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 / (lengthscales[i] * lengthscales[i]);
        }
        return s;
    }

    static double[][] kernelMatrix(double[][] x, double[] invSq, double s2, double noise) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int a = 0; a < n; a++) {
            k[a][a] = s2 + noise;
            for (int b = 0; b < a; b++) {
                double r2 = 0;
                for (int i = 0; i < invSq.length; i++) {
                    double t = x[a][i] - x[b][i];
                    r2 += t * t * invSq[i];
                }
                double r = Math.sqrt(r2);
                double v = s2 * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * Math.exp(-SQRT5 * r);
                k[a][b] = v;
                k[b][a] = v;
            }
        }
        return k;
    }

    /** Lower Cholesky factor of k + jitter·I, or null when it is not positive definite. */
    static double[][] cholesky(double[][] k, double jitter) {
        int n = k.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            l[i] = new double[i + 1];
            double[] li = l[i];
            for (int j = 0; j <= i; j++) {
                double[] lj = l[j];
                double s = k[i][j] + (i == j ? jitter : 0);
                for (int p = 0; p < j; p++) {
                    s -= li[p] * lj[p];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return l;
    }

    /** Solves L·v = b. */
    static double[] forward(double[][] l, double[] b) {
        int n = b.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int p = 0; p < i; p++) {
                s -= li[p] * v[p];
            }
            v[i] = s / li[i];
        }
        return v;
    }

    /** Solves Lᵀ·w = v. */
    static double[] backward(double[][] l, double[] v) {
        int n = v.length;
        double[] w = v.clone();
        for (int i = n - 1; i >= 0; i--) {
            w[i] /= l[i][i];
            double wi = w[i];
            double[] li = l[i];
            for (int p = 0; p < i; p++) {
                w[p] -= li[p] * wi;
            }
        }
        return w;
    }

    /** Solves (L·Lᵀ)·a = b. */
    static double[] solve(double[][] l, double[] b) {
        return backward(l, forward(l, b));
    }
}
