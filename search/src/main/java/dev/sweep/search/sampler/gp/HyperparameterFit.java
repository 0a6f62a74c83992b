package dev.sweep.search.sampler.gp;

import dev.sweep.search.sampler.math.Lbfgs;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Fits a {@link GaussianProcess}'s hyperparameters by maximising the log marginal likelihood plus log priors
 * (a MAP fit), with L-BFGS on log parameters using the analytic gradient ½·tr((ααᵀ − K⁻¹)·∂K/∂θ), from
 * several starts. Inputs are expected in [0, 1] and outputs standardised.
 *
 * <p>Priors: log ℓᵢ ~ N(√2 + ½·log d, √3) (Hvarfner, Hellsten &amp; Nardi 2024, "Vanilla Bayesian optimization
 * performs great in high dimensions": long length scales unless the data says otherwise, scaled with the
 * dimension); log s² ~ N(0, σₛ); log σ² ~ N(μₙ, σₙ), within box bounds; a fixed noise fixes σ².
 */
public final class HyperparameterFit {

    /**
     * @param signalScale std of log s²
     * @param noiseLoc    mean of log σ²
     * @param noiseScale  std of log σ²
     * @param minNoise    smallest σ²
     * @param maxNoise    largest σ² (equal to minNoise: noise fixed)
     */
    public record Prior(double signalScale, double noiseLoc, double noiseScale, double minNoise, double maxNoise) {
    }

    static final double MIN_LENGTH = 5e-3;
    static final double MAX_LENGTH = 1e2;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Prior prior;
    private final Lbfgs lbfgs;
    private final int restarts;

    public HyperparameterFit(Prior prior, int restarts, int maxIterations) {
        this.prior = prior;
        this.restarts = restarts;
        this.lbfgs = new Lbfgs(10, maxIterations, 1e-5, 1e-9);
    }

    public GaussianProcess.Hyper fit(double[][] x, double[] y, RandomGenerator rng) {
        int d = x[0].length;
        double lengthLoc = Math.sqrt(2) + 0.5 * Math.log(d);
        double lengthScale = Math.sqrt(3);
        Objective obj = new Objective(x, y, lengthLoc, lengthScale);
        double[] lo = new double[d + 2];
        double[] hi = new double[d + 2];
        Arrays.fill(lo, 0, d, Math.log(MIN_LENGTH));
        Arrays.fill(hi, 0, d, Math.log(MAX_LENGTH));
        lo[d] = Math.log(0.05);
        hi[d] = Math.log(20);
        lo[d + 1] = Math.log(prior.minNoise());
        hi[d + 1] = Math.log(prior.maxNoise());
        double noise0 = Math.min(hi[d + 1], Math.max(lo[d + 1], prior.noiseLoc()));
        Lbfgs.Result best = null;
        for (int r = 0; r < restarts; r++) {
            double[] t0 = new double[d + 2];
            for (int i = 0; i < d; i++) {
                t0[i] = switch (r) {
                    case 0 -> Math.min(hi[i], lengthLoc);
                    case 1 -> Math.log(0.25);
                    default -> Math.min(hi[i], Math.max(lo[i], lengthLoc - 1.5 + 0.8 * rng.nextGaussian()));
                };
            }
            t0[d] = 0;
            t0[d + 1] = noise0;
            Lbfgs.Result res = lbfgs.minimize(obj, t0, lo, hi);
            if (best == null || res.value() < best.value()) {
                best = res;
            }
        }
        double[] t = best.x();
        double[] ls = new double[d];
        for (int i = 0; i < d; i++) {
            ls[i] = Math.exp(t[i]);
        }
        return new GaussianProcess.Hyper(ls, Math.exp(t[d]), Math.exp(t[d + 1]));
    }

    /**
     * The minimised objective at log parameters {@code theta} = (log ℓ₁…log ℓ_d, log s², log σ²), gradient
     * into {@code grad}.
     */
    double objective(double[][] x, double[] y, double[] theta, double[] grad) {
        int d = x[0].length;
        return new Objective(x, y, Math.sqrt(2) + 0.5 * Math.log(d), Math.sqrt(3)).valueAndGradient(theta, grad);
    }

    /** Negative log marginal likelihood minus log priors, and its gradient, over log parameters. */
    private final class Objective implements Lbfgs.Objective {
        private final double[][] x;
        private final double[] y;
        private final double lengthLoc;
        private final double lengthScale;

        Objective(double[][] x, double[] y, double lengthLoc, double lengthScale) {
            this.x = x;
            this.y = y;
            this.lengthLoc = lengthLoc;
            this.lengthScale = lengthScale;
        }

        @Override
        public double valueAndGradient(double[] th, double[] grad) {
            int n = x.length;
            int d = th.length - 2;
            double[] invSq = new double[d];
            for (int i = 0; i < d; i++) {
                invSq[i] = Math.exp(-2 * th[i]);
            }
            double s2 = Math.exp(th[d]);
            double noise = Math.exp(th[d + 1]);
            double[][] k = new double[n][n];
            double[][] radial = new double[n][];
            for (int a = 0; a < n; a++) {
                k[a][a] = s2 + noise;
                radial[a] = new double[a];
                for (int b = 0; b < a; b++) {
                    double r2 = 0;
                    for (int i = 0; i < d; i++) {
                        double t = x[a][i] - x[b][i];
                        r2 += t * t * invSq[i];
                    }
                    double r = Math.sqrt(r2);
                    double e = Math.exp(-GaussianProcess.SQRT5 * r);
                    k[a][b] = s2 * (1 + GaussianProcess.SQRT5 * r + 5.0 / 3.0 * r2) * e;
                    k[b][a] = k[a][b];
                    radial[a][b] = s2 * 5.0 / 3.0 * (1 + GaussianProcess.SQRT5 * r) * e;
                }
            }
            double[][] l = GaussianProcess.cholesky(k, 1e-9 * s2);
            if (l == null) {
                Arrays.fill(grad, 0);
                return Double.POSITIVE_INFINITY;
            }
            double[] alpha = GaussianProcess.solve(l, y);
            double nll = 0.5 * n * LOG_2PI;
            for (int a = 0; a < n; a++) {
                nll += 0.5 * y[a] * alpha[a] + Math.log(l[a][a]);
            }
            double[][] kinv = inverse(l);
            Arrays.fill(grad, 0);
            for (int a = 0; a < n; a++) {
                double[] kinvA = kinv[a];
                double waa = alpha[a] * alpha[a] - kinvA[a];
                grad[d] -= 0.5 * waa * s2;
                grad[d + 1] -= 0.5 * waa * noise;
                for (int b = 0; b < a; b++) {
                    double w = alpha[a] * alpha[b] - kinvA[b];
                    grad[d] -= w * k[a][b];
                    double wq = w * radial[a][b];
                    for (int i = 0; i < d; i++) {
                        double t = x[a][i] - x[b][i];
                        grad[i] -= wq * t * t * invSq[i];
                    }
                }
            }
            double penalty = 0;
            for (int i = 0; i < d; i++) {
                double z = (th[i] - lengthLoc) / lengthScale;
                penalty += 0.5 * z * z;
                grad[i] += z / lengthScale;
            }
            double zs = th[d] / prior.signalScale();
            penalty += 0.5 * zs * zs;
            grad[d] += zs / prior.signalScale();
            double zn = (th[d + 1] - prior.noiseLoc()) / prior.noiseScale();
            penalty += 0.5 * zn * zn;
            grad[d + 1] += zn / prior.noiseScale();
            return nll + penalty;
        }
    }

    /** (L·Lᵀ)⁻¹ from the lower Cholesky factor L, lower triangle filled (rows of length a + 1). */
    static double[][] inverse(double[][] l) {
        int n = l.length;
        double[][] li = new double[n][]; // L⁻¹, lower triangular, row by row: L·X = I
        for (int i = 0; i < n; i++) {
            double[] xi = new double[i + 1];
            double[] lrow = l[i];
            for (int p = 0; p < i; p++) {
                double c = lrow[p];
                double[] xp = li[p];
                for (int j = 0; j <= p; j++) {
                    xi[j] -= c * xp[j];
                }
            }
            xi[i] += 1;
            double inv = 1 / lrow[i];
            for (int j = 0; j <= i; j++) {
                xi[j] *= inv;
            }
            li[i] = xi;
        }
        double[][] out = new double[n][];
        for (int a = 0; a < n; a++) {
            out[a] = new double[a + 1];
        }
        for (int p = 0; p < n; p++) { // (XᵀX)[a][b] = Σ_p X[p][a]·X[p][b]
            double[] xp = li[p];
            for (int a = 0; a <= p; a++) {
                double xa = xp[a];
                double[] row = out[a];
                for (int b = 0; b <= a; b++) {
                    row[b] += xa * xp[b];
                }
            }
        }
        return out;
    }
}
