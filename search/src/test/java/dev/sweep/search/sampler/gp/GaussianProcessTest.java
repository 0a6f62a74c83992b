package dev.sweep.search.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {

    private static final SplittableRandom RNG = new SplittableRandom(7);

    private static double[][] points(int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                row[i] = RNG.nextDouble();
            }
        }
        return x;
    }

    private static double f(double[] x) {
        return Math.sin(6 * x[0]) + Math.cos(4 * x[1]) * x[2];
    }

    @Test
    void itInterpolatesNoiselessDataAndIsUnsureFarAway() {
        double[][] x = points(30, 3);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f(x[i]);
        }
        GaussianProcess gp = new GaussianProcess(x, y, new GaussianProcess.Hyper(new double[]{0.3, 0.3, 0.3}, 1.0, 1e-8));
        double[] mv = new double[2];
        for (int i = 0; i < x.length; i++) {
            gp.predict(x[i], mv, null, null);
            assertEquals(y[i], mv[0], 1e-4);
            assertTrue(mv[1] < 1e-4);
        }
        gp.predict(new double[]{5, 5, 5}, mv, null, null);
        assertEquals(0, mv[0], 1e-6);
        assertEquals(1.0, mv[1], 1e-6);
    }

    @Test
    void posteriorGradientsMatchFiniteDifferences() {
        double[][] x = points(25, 4);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f(x[i]) + x[i][3];
        }
        GaussianProcess gp = new GaussianProcess(x, y, new GaussianProcess.Hyper(new double[]{0.4, 0.7, 0.5, 1.3}, 1.7, 1e-4));
        double[] q = {0.3, 0.6, 0.2, 0.9};
        double[] mv = new double[2];
        double[] dm = new double[4];
        double[] dv = new double[4];
        gp.predict(q, mv, dm, dv);
        for (int i = 0; i < 4; i++) {
            double h = 1e-6;
            double[] a = q.clone();
            double[] b = q.clone();
            a[i] += h;
            b[i] -= h;
            double[] ma = new double[2];
            double[] mb = new double[2];
            gp.predict(a, ma, null, null);
            gp.predict(b, mb, null, null);
            assertEquals((ma[0] - mb[0]) / (2 * h), dm[i], 1e-5, "d mean / d x" + i);
            assertEquals((ma[1] - mb[1]) / (2 * h), dv[i], 1e-5, "d var / d x" + i);
        }
    }

    @Test
    void hyperparameterObjectiveGradientMatchesFiniteDifferences() {
        double[][] x = points(20, 3);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f(x[i]);
        }
        HyperparameterFit fit = new HyperparameterFit(new HyperparameterFit.Prior(2.0, Math.log(1e-3), 2.0, 1e-6, 0.5), 1, 50);
        double[] theta = {Math.log(0.3), Math.log(0.8), Math.log(1.5), Math.log(1.2), Math.log(1e-2)};
        double[] grad = new double[theta.length];
        fit.objective(x, y, theta, grad);
        for (int i = 0; i < theta.length; i++) {
            double h = 1e-5;
            double[] a = theta.clone();
            double[] b = theta.clone();
            a[i] += h;
            b[i] -= h;
            double fd = (fit.objective(x, y, a, new double[theta.length]) - fit.objective(x, y, b, new double[theta.length])) / (2 * h);
            assertEquals(fd, grad[i], 1e-4 * Math.max(1, Math.abs(fd)), "d/d theta" + i);
        }
    }

    @Test
    void theFitFindsShortLengthScalesForWigglyInputsAndLongOnesForIgnoredInputs() {
        double[][] x = points(60, 3);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(8 * x[i][0]);
        }
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        for (int i = 0; i < y.length; i++) {
            y[i] = (y[i] - mean) / sd;
        }
        GaussianProcess.Hyper h = new HyperparameterFit(new HyperparameterFit.Prior(2.0, Math.log(1e-3), 2.0, 1e-6, 0.5), 3, 100)
                .fit(x, y, new SplittableRandom(1));
        assertTrue(h.lengthscales()[0] < 0.5, "wiggly x0: " + h.lengthscales()[0]);
        assertTrue(h.lengthscales()[1] > 2 && h.lengthscales()[2] > 2, "ignored x1, x2: " + java.util.Arrays.toString(h.lengthscales()));
        assertTrue(h.noise() < 1e-2, "noiseless data: " + h.noise());
    }
}
