package dev.sweep.worker.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SGD, optionally with heavy-ball or Nesterov momentum (PyTorch's formulation: v = μ·v + g;
 * p -= lr·v, or p -= lr·(g + μ·v) for Nesterov). Weight decay is L2 added to the gradient (g += wd·p), as in
 * PyTorch's SGD; excluded parameters get none.
 */
public final class Sgd extends PerParameterOptimizer {

    private final double momentum;
    private final boolean nesterov;

    public Sgd(double momentum, boolean nesterov, double weightDecay) {
        super(weightDecay);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum in [0, 1) must hold, but got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("nesterov needs momentum > 0, but got momentum=0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    protected boolean scalesInUpdate(Parameter p, INDArray grad, INDArray[] state) {
        return momentum == 0 ? FloatKernels.applicable(p.value(), grad)
                : FloatKernels.applicable(p.value(), grad, state[0]);
    }

    @Override
    protected INDArray[] newState(INDArray value) {
        return momentum > 0 ? new INDArray[]{value.ulike().assign(0)} : new INDArray[0];
    }

    @Override
    protected void update(Parameter p, INDArray grad, INDArray[] state, double lr, long t, double gradScale) {
        INDArray w = p.value();
        double wd = decayOf(p);
        if (scalesInUpdate(p, grad, state)) {
            fused(w, grad, momentum == 0 ? null : state[0], lr, wd, (float) gradScale);
            return;
        }
        INDArray g = wd > 0 ? grad.add(w.mul(wd)) : grad;
        if (momentum == 0) {
            w.subi(g.mul(lr));
            return;
        }
        INDArray v = state[0];
        v.muli(momentum).addi(g);
        if (nesterov) {
            w.subi(g.add(v.mul(momentum)).muli(lr));
        } else {
            w.subi(v.mul(lr));
        }
    }

    /** The same update in one pass (float arithmetic). */
    private void fused(INDArray w, INDArray grad, INDArray velocity, double lr, double wd, float scale) {
        FloatBuffer fw = FloatKernels.buffer(w);
        FloatBuffer fg = FloatKernels.buffer(grad);
        FloatBuffer fv = velocity == null ? null : FloatKernels.buffer(velocity);
        float l = (float) lr;
        float d = (float) wd;
        float mu = (float) momentum;
        boolean nest = nesterov;
        // one branch-free loop per case, so that each vectorises (see FloatKernels.forTiles)
        FloatKernels.forTiles(w.length(), 3, (from, len, tile) -> {
            FloatKernels.load(from, len, tile, fw, fg, fv);
            float[] tw = tile[0];
            float[] tg = tile[1];
            float[] tv = tile[2];
            if (fv == null) {
                for (int i = 0; i < len; i++) {
                    float wi = tw[i];
                    tw[i] = wi - l * (scale * tg[i] + d * wi);
                }
            } else if (nest) {
                for (int i = 0; i < len; i++) {
                    float wi = tw[i];
                    float g = scale * tg[i] + d * wi;
                    float v = mu * tv[i] + g;
                    tv[i] = v;
                    tw[i] = wi - l * (g + mu * v);
                }
            } else {
                for (int i = 0; i < len; i++) {
                    float wi = tw[i];
                    float v = mu * tv[i] + (scale * tg[i] + d * wi);
                    tv[i] = v;
                    tw[i] = wi - l * v;
                }
            }
            FloatKernels.store(from, len, tile, fw, null, fv);
        });
    }
}
