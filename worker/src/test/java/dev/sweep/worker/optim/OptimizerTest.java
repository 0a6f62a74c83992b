package dev.sweep.worker.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every optimizer against a step computed by hand (scalar double arithmetic) on a tiny tensor. */
class OptimizerTest {

    private static final double LR = 0.1;
    private static final double WD = 0.01;
    private static final double TOL = 1e-6;

    private static INDArray vec(double... v) {
        return Nd4j.createFromArray(v).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    private static double[] step(Optimizer opt, String name, double[] w, double[]... grads) {
        Parameter p = new Parameter(name, vec(w), Parameter.decays(name));
        for (double[] g : grads) {
            opt.step(List.of(p), Map.of(name, vec(g)), LR);
        }
        return p.value().toDoubleVector();
    }

    @Test
    void sgdAddsL2DecayToTheGradient() {
        double[] w = step(new Sgd(0, false, WD), "w.weight", new double[]{1, -2}, new double[]{0.5, 0.25});
        assertArrayEquals(new double[]{1 - LR * (0.5 + WD * 1), -2 - LR * (0.25 + WD * -2)}, w, TOL);
        double[] b = step(new Sgd(0, false, WD), "w.bias", new double[]{1, -2}, new double[]{0.5, 0.25});
        assertArrayEquals(new double[]{1 - LR * 0.5, -2 - LR * 0.25}, b, TOL, "no decay on a bias");
    }

    @Test
    void momentumAccumulatesVelocity() {
        double g1 = 0.5 + WD * 1;
        double w1 = 1 - LR * g1;
        double g2 = 0.5 + WD * w1;
        double v2 = 0.9 * g1 + g2;
        double w2 = w1 - LR * v2;
        double[] w = step(new Sgd(0.9, false, WD), "w.weight", new double[]{1}, new double[]{0.5}, new double[]{0.5});
        assertEquals(w2, w[0], TOL);
    }

    @Test
    void nesterovLooksAhead() {
        double g1 = 0.5 + WD * 1;
        double v1 = g1;
        double expected = 1 - LR * (g1 + 0.9 * v1);
        double[] w = step(new Sgd(0.9, true, WD), "w.weight", new double[]{1}, new double[]{0.5});
        assertEquals(expected, w[0], TOL);
    }

    @Test
    void adamCorrectsBiasOverTwoSteps() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double w = 1;
        double m = 0;
        double v = 0;
        double[] gs = {0.5, -0.5};
        for (int t = 1; t <= 2; t++) {
            double g = gs[t - 1] + WD * w;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double mh = m / (1 - Math.pow(b1, t));
            double vh = v / (1 - Math.pow(b2, t));
            w -= LR * mh / (Math.sqrt(vh) + eps);
        }
        double[] got = step(new Adam(b1, b2, eps, WD, false), "w.weight", new double[]{1}, new double[]{0.5},
                new double[]{-0.5});
        assertEquals(w, got[0], 1e-5);
    }

    @Test
    void adamwDecaysDecoupledAndSkipsLayerNorm() {
        double dir = 0.5 / (0.5 + 1e-8);
        double[] w = step(new Adam(0.9, 0.999, 1e-8, WD, true), "encoder.layer.0.output.dense.weight",
                new double[]{1, -2}, new double[]{0.5, -0.25});
        assertArrayEquals(new double[]{1 * (1 - LR * WD) - LR * dir, -2 * (1 - LR * WD) + LR * dir}, w, TOL);
        double[] ln = step(new Adam(0.9, 0.999, 1e-8, WD, true), "encoder.layer.0.output.LayerNorm.weight",
                new double[]{1, -2}, new double[]{0, 0});
        assertArrayEquals(new double[]{1, -2}, ln, 0.0, "LayerNorm: no decay, zero gradient, no change");
        double[] emb = step(new Adam(0.9, 0.999, 1e-8, WD, true), "embeddings.word_embeddings.weight",
                new double[]{1, -2}, new double[]{0, 0});
        assertArrayEquals(new double[]{1 - LR * WD, -2 * (1 - LR * WD)}, emb, TOL, "embedding tables decay");
    }

    @Test
    void lambScalesByTheTrustRatio() {
        double[] w0 = {1, -2};
        double[] g = {0.5, 0.25};
        double[] r = new double[2];
        for (int i = 0; i < 2; i++) {
            r[i] = g[i] / (Math.abs(g[i]) + 1e-8) + WD * w0[i];
        }
        double trust = Math.hypot(w0[0], w0[1]) / Math.hypot(r[0], r[1]);
        double[] w = step(new Lamb(0.9, 0.999, 1e-8, WD), "w.weight", w0, g);
        assertArrayEquals(new double[]{w0[0] - LR * trust * r[0], w0[1] - LR * trust * r[1]}, w, TOL);
        double[] bias = step(new Lamb(0.9, 0.999, 1e-8, WD), "w.bias", w0, g);
        assertArrayEquals(new double[]{1 - LR * 0.5 / (0.5 + 1e-8), -2 - LR * 0.25 / (0.25 + 1e-8)}, bias, TOL,
                "a bias takes neither decay nor layer adaptation");
    }

    @Test
    void adafactorFactorsTheSecondMomentOfAMatrix() {
        double[][] g = {{0.1, 0.2}, {0.3, 0.4}};
        double[] row = {(0.01 + 0.04) / 2, (0.09 + 0.16) / 2};
        double[] col = {(0.01 + 0.09) / 2, (0.04 + 0.16) / 2};
        double rowMean = (row[0] + row[1]) / 2;
        double[][] u = new double[2][2];
        double sq = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                u[i][j] = g[i][j] / Math.sqrt(row[i] / rowMean) / Math.sqrt(col[j]);
                sq += u[i][j] * u[i][j];
            }
        }
        double clip = Math.max(1, Math.sqrt(sq / 4));
        Parameter p = new Parameter("w.weight", Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}}), true);
        new Adafactor(null, 0).step(List.of(p), Map.of("w.weight", Nd4j.createFromArray(new float[][]{
                {0.1f, 0.2f}, {0.3f, 0.4f}})), LR);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals((1 + 2 * i + j) - LR * u[i][j] / clip, p.value().getDouble(i, j), 1e-5);
            }
        }
        double[] v = step(new Adafactor(null, WD), "w.weight", new double[]{1, -2}, new double[]{0.5, -0.25});
        assertArrayEquals(new double[]{1 * (1 - LR * WD) - LR, -2 * (1 - LR * WD) + LR}, v, 1e-5,
                "a vector keeps a full second moment: the first update is lr·sign(g), RMS-clipped to 1");
    }

    @Test
    void clippingScalesToTheGlobalNorm() {
        INDArray a = vec(3);
        INDArray b = vec(4);
        double norm = GradientClipping.clip(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-6);
        assertEquals(0.6, a.getDouble(0), 1e-6);
        assertEquals(0.8, b.getDouble(0), 1e-6);
        INDArray c = vec(0.3);
        GradientClipping.clip(List.of(c), 1.0);
        assertEquals(0.3, c.getDouble(0), 1e-7, "below the threshold nothing changes");
    }

    @Test
    void decayExclusionsFollowBertConvention() {
        assertFalse(Parameter.decays("encoder.layer.3.attention.self.query.bias"));
        assertFalse(Parameter.decays("embeddings.LayerNorm.weight"));
        assertFalse(Parameter.decays("encoder.layer.0.output.LayerNorm.bias"));
        assertFalse(Parameter.decays("classifier.bias"));
        assertTrue(Parameter.decays("encoder.layer.0.intermediate.dense.weight"));
        assertTrue(Parameter.decays("classifier.weight"));
    }

    @Test
    void specsBuildEveryOptimizerAndRejectUnknownNames() {
        for (String name : OptimizerSpec.NAMES) {
            Optimizer o = new OptimizerSpec(name, 0.9, 0.9, 0.999, 1e-8, 0.01, null).create();
            step(o, "w.weight", new double[]{1}, new double[]{0.5});
            assertEquals(1, o.steps(), name);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OptimizerSpec("rmsprop", 0.9, 0.9, 0.999, 1e-8, 0, null));
        assertTrue(e.getMessage().contains("rmsprop"));
    }
}
