package dev.sweep.worker.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LAMB (You et al. 2019): the Adam direction r = m̂/(√v̂+eps) plus decoupled decay wd·p, scaled per tensor by the
 * trust ratio ‖p‖/‖r + wd·p‖ (1 when either norm is 0). As in the reference BERT implementations, parameters
 * excluded from weight decay (biases, LayerNorm) are also excluded from layer adaptation (trust ratio 1).
 */
public final class Lamb extends PerParameterOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;

    public Lamb(double beta1, double beta2, double eps, double weightDecay) {
        super(weightDecay);
        Adam.checkBetas(beta1, beta2, eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    protected boolean scalesInUpdate(Parameter p, INDArray grad, INDArray[] state) {
        return FloatKernels.applicable(p.value(), grad, state[0], state[1]);
    }

    @Override
    protected INDArray[] newState(INDArray value) {
        return new INDArray[]{value.ulike().assign(0), value.ulike().assign(0)};
    }

    @Override
    protected void update(Parameter p, INDArray grad, INDArray[] state, double lr, long t, double gradScale) {
        INDArray w = p.value();
        if (scalesInUpdate(p, grad, state)) {
            fused(p, grad, state[0], state[1], lr, t, (float) gradScale);
            return;
        }
        INDArray r = Adam.adamDirection(grad, state[0], state[1], beta1, beta2, eps, t);
        double wd = decayOf(p);
        if (wd > 0) {
            r.addi(w.mul(wd));
        }
        double trust = 1.0;
        if (p.decay()) {
            double wNorm = w.norm2Number().doubleValue();
            double rNorm = r.norm2Number().doubleValue();
            trust = wNorm > 0 && rNorm > 0 ? wNorm / rNorm : 1.0;
        }
        w.subi(r.muli(lr * trust));
    }

    /**
     * The same update in two passes and no temporary: the first updates m and v and sums ‖p‖² and ‖r + wd·p‖²,
     * the second recomputes r from the stored moments (bit-identical) and applies the trust-scaled step.
     */
    private void fused(Parameter p, INDArray grad, INDArray m, INDArray v, double lr, long t, float scale) {
        INDArray w = p.value();
        FloatBuffer fw = FloatKernels.buffer(w);
        FloatBuffer fg = FloatKernels.buffer(grad);
        FloatBuffer fm = FloatKernels.buffer(m);
        FloatBuffer fv = FloatKernels.buffer(v);
        AdamMoments k = new AdamMoments(beta1, beta2, eps, t);
        float wd = (float) decayOf(p);
        boolean adapt = p.decay();
        double[] norms = new double[2];
        // tiles in the order w, g|r, m, v
        norms[0] = FloatKernels.sumTiles(w.length(), 4, (from, len, tile) -> {
            FloatKernels.load(from, len, tile, fw, fg, fm, fv);
            float[] tg = tile[1];
            float[] tm = tile[2];
            float[] tv = tile[3];
            for (int i = 0; i < len; i++) {
                float g = scale * tg[i];
                tm[i] = k.m(tm[i], g);
                tv[i] = k.v(tv[i], g);
            }
            FloatKernels.store(from, len, tile, null, null, fm, fv);
            return FloatKernels.sumOfSquares(tile[0], len);
        });
        if (adapt) {
            norms[1] = FloatKernels.sumTiles(w.length(), 4, (from, len, tile) -> {
                FloatKernels.load(from, len, tile, fw, null, fm, fv);
                float[] tw = tile[0];
                float[] tr = tile[1];
                float[] tm = tile[2];
                float[] tv = tile[3];
                for (int i = 0; i < len; i++) {
                    tr[i] = k.direction(tm[i], tv[i]) + wd * tw[i];
                }
                return FloatKernels.sumOfSquares(tr, len);
            });
        }
        double wNorm = Math.sqrt(norms[0]);
        double rNorm = Math.sqrt(norms[1]);
        double trust = adapt && wNorm > 0 && rNorm > 0 ? wNorm / rNorm : 1.0;
        float step = (float) (lr * trust);
        FloatKernels.forTiles(w.length(), 4, (from, len, tile) -> {
            FloatKernels.load(from, len, tile, fw, null, fm, fv);
            float[] tw = tile[0];
            float[] tm = tile[2];
            float[] tv = tile[3];
            for (int i = 0; i < len; i++) {
                float wi = tw[i];
                tw[i] = wi - step * (k.direction(tm[i], tv[i]) + wd * wi);
            }
            FloatKernels.store(from, len, tile, fw);
        });
    }
}
