package dev.sweep.search.sampler;

import dev.sweep.search.sampler.math.NormalMath;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A mixture of product kernels over some free dimensions of a {@link SpaceCodec} (Optuna's
 * {@code _ParzenEstimator}): one component per observation plus a prior component, in codec coordinates.
 * Numeric dimensions use normals truncated to [0, 1] (quantised ones the probability of the value's cell, as
 * Optuna's discrete truncated normal); categorical ones Optuna's categorical kernel (the observed choice gets
 * weight 1 on top of a uniform floor of {@code priorWeight / (n + 1)}).
 *
 * <p>Bandwidths: with {@code scott} the Optuna 4 multivariate rule σ = 0.2·n^(−1/(d+4)) for every
 * component; otherwise the univariate neighbour rule (σ of a kernel = the larger gap to its neighbours, the
 * ends of [0, 1] counting as neighbours when {@code considerEndpoints}). Both then clipped to
 * [1/min(100, n + 2), 1] (Optuna's "magic clip"). The prior is N(0.5, 1) truncated, resp. uniform.
 */
final class ParzenEstimator {

    private final int[] dims;
    private final boolean[] categorical;
    private final long[] cells;
    private final double[] logWeights;
    private final double[] cumWeights;
    private final double[][] mus;      // [dim][component]
    private final double[][] sigmas;   // [dim][component]
    private final double[][] logZ;     // [dim][component]: log of the kernel's mass on [0, 1]
    private final double[][][] catLogP; // [dim][component][choice]

    /**
     * @param points  observations (full codec points; only {@code dims} are read, all non-NaN)
     * @param weights the observations' weights (the prior gets {@code priorWeight})
     */
    ParzenEstimator(SpaceCodec codec, int[] dims, List<double[]> points, double[] weights, double priorWeight,
                    boolean scott, boolean considerEndpoints) {
        this.dims = dims.clone();
        int n = points.size();
        int m = n + 1;
        double[] w = Arrays.copyOf(weights, m);
        w[n] = n == 0 ? 1.0 : priorWeight;
        double sum = Arrays.stream(w).sum();
        logWeights = new double[m];
        cumWeights = new double[m];
        double acc = 0;
        for (int j = 0; j < m; j++) {
            logWeights[j] = Math.log(w[j] / sum);
            acc += w[j] / sum;
            cumWeights[j] = acc;
        }
        int d = dims.length;
        categorical = new boolean[d];
        cells = new long[d];
        mus = new double[d][];
        sigmas = new double[d][];
        logZ = new double[d][];
        catLogP = new double[d][][];
        for (int i = 0; i < d; i++) {
            SpaceCodec.Dim dim = codec.free().get(dims[i]);
            double[] obs = new double[n];
            for (int j = 0; j < n; j++) {
                obs[j] = points.get(j)[dims[i]];
            }
            if (dim.categorical()) {
                categorical[i] = true;
                catLogP[i] = categoricalKernels(obs, dim.choices(), priorWeight);
            } else {
                cells[i] = Coordinates.cells(dim.distribution());
                mus[i] = Arrays.copyOf(obs, m);
                mus[i][n] = 0.5;
                sigmas[i] = Arrays.copyOf(scott ? scottSigmas(n, d) : neighbourSigmas(obs, considerEndpoints), m);
                double minSigma = 1.0 / Math.min(100.0, n + 2.0);
                for (int j = 0; j < n; j++) {
                    sigmas[i][j] = Math.min(1.0, Math.max(minSigma, sigmas[i][j]));
                }
                sigmas[i][n] = 1.0;
                logZ[i] = new double[m];
                for (int j = 0; j < m; j++) {
                    logZ[i][j] = NormalMath.logCdfDiff(-mus[i][j] / sigmas[i][j], (1 - mus[i][j]) / sigmas[i][j]);
                }
            }
        }
    }

    /** A draw from the mixture, written into {@code out} at this estimator's dimensions. */
    void sample(RandomGenerator rng, double[] out) {
        double r = rng.nextDouble();
        int j = 0;
        while (j < cumWeights.length - 1 && r >= cumWeights[j]) {
            j++;
        }
        for (int i = 0; i < dims.length; i++) {
            if (categorical[i]) {
                double[] lp = catLogP[i][j];
                double u = rng.nextDouble();
                int c = 0;
                double cum = Math.exp(lp[0]);
                while (c < lp.length - 1 && u >= cum) {
                    c++;
                    cum += Math.exp(lp[c]);
                }
                out[dims[i]] = c;
            } else {
                double x = truncatedNormal(rng, mus[i][j], sigmas[i][j]);
                out[dims[i]] = x;
            }
        }
    }

    /** The log density of the mixture at {@code point} (its dimensions of this estimator; snapped coordinates). */
    double logPdf(double[] point) {
        int m = logWeights.length;
        double[] terms = logWeights.clone();
        for (int i = 0; i < dims.length; i++) {
            double x = point[dims[i]];
            if (categorical[i]) {
                int c = (int) Math.round(x);
                for (int j = 0; j < m; j++) {
                    terms[j] += catLogP[i][j][c];
                }
            } else if (cells[i] > 0) {
                long k = Math.min(cells[i] - 1, (long) Math.floor(x * cells[i]));
                double a = (double) k / cells[i];
                double b = (double) (k + 1) / cells[i];
                for (int j = 0; j < m; j++) {
                    double s = sigmas[i][j];
                    terms[j] += NormalMath.logCdfDiff((a - mus[i][j]) / s, (b - mus[i][j]) / s) - logZ[i][j];
                }
            } else {
                for (int j = 0; j < m; j++) {
                    double s = sigmas[i][j];
                    double z = (x - mus[i][j]) / s;
                    terms[j] += -0.5 * z * z - NormalMath.LOG_SQRT_2PI - Math.log(s) - logZ[i][j];
                }
            }
        }
        double max = Arrays.stream(terms).max().orElse(Double.NEGATIVE_INFINITY);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }

    private static double truncatedNormal(RandomGenerator rng, double mu, double sigma) {
        for (int tries = 0; tries < 100; tries++) {
            double x = mu + sigma * rng.nextGaussian();
            if (x >= 0 && x <= 1) {
                return x;
            }
        }
        return Math.min(1, Math.max(0, mu));
    }

    private static double[][] categoricalKernels(double[] obs, int k, double priorWeight) {
        int n = obs.length;
        double[][] lp = new double[n + 1][k];
        for (int j = 0; j <= n; j++) {
            double[] row = new double[k];
            Arrays.fill(row, n == 0 ? 1.0 : priorWeight / (n + 1));
            if (j < n) {
                row[(int) Math.round(obs[j])] += 1;
            }
            double s = Arrays.stream(row).sum();
            for (int c = 0; c < k; c++) {
                lp[j][c] = Math.log(row[c] / s);
            }
        }
        return lp;
    }

    private static double[] scottSigmas(int n, int d) {
        double[] s = new double[n];
        Arrays.fill(s, 0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4)));
        return s;
    }

    private static double[] neighbourSigmas(double[] mus, boolean considerEndpoints) {
        int n = mus.length;
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b]));
        double[] with = new double[n + 2];
        with[0] = 0;
        with[n + 1] = 1;
        for (int j = 0; j < n; j++) {
            with[j + 1] = mus[order[j]];
        }
        double[] sorted = new double[n];
        for (int j = 0; j < n; j++) {
            sorted[j] = Math.max(with[j + 1] - with[j], with[j + 2] - with[j + 1]);
        }
        if (!considerEndpoints && n >= 2) {
            sorted[0] = with[2] - with[1];
            sorted[n - 1] = with[n] - with[n - 1];
        }
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            s[order[j]] = sorted[j];
        }
        return s;
    }
}
