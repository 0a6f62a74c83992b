package dev.sweep.worker.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adafactor (Shazeer &amp; Stern 2018) with an external learning rate (no relative step, no parameter scaling),
 * as Hugging Face's {@code Adafactor(scale_parameter=False, relative_step=False)}: β2ₜ = 1 − t^−0.8; for a matrix
 * the second moment is factored into row means R and column means C of g²+ε₁ and v̂ = R·Cᵀ / mean(R); vectors keep
 * a full second moment; the update u = g/√v̂ is clipped so RMS(u) ≤ d (1.0); optional first moment β1 on u
 * (null = none, Adafactor's memory-saving default); decoupled weight decay p -= lr·wd·p.
 */
public final class Adafactor extends PerParameterOptimizer {

    private static final double EPS1 = 1e-30;
    private static final double CLIP = 1.0;
    private final Double beta1;

    public Adafactor(Double beta1, double weightDecay) {
        super(weightDecay);
        if (beta1 != null && !(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("adafactor beta1 in [0, 1) must hold, but got " + beta1);
        }
        this.beta1 = beta1;
    }

    @Override
    protected INDArray[] newState(INDArray value) {
        INDArray m = beta1 != null ? value.ulike().assign(0) : null;
        if (value.rank() == 2) {
            INDArray row = value.mean(1).assign(0);
            INDArray col = value.mean(0).assign(0);
            return new INDArray[]{row, col, m};
        }
        return new INDArray[]{value.ulike().assign(0), null, m};
    }

    @Override
    protected void update(Parameter p, INDArray grad, INDArray[] state, double lr, long t, double gradScale) {
        INDArray w = p.value();
        double beta2t = 1.0 - Math.pow(t, -0.8);
        INDArray g2 = grad.mul(grad).addi(EPS1);
        INDArray u;
        if (state[1] != null) {
            INDArray row = state[0];
            INDArray col = state[1];
            row.muli(beta2t).addi(g2.mean(1).muli(1.0 - beta2t));
            col.muli(beta2t).addi(g2.mean(0).muli(1.0 - beta2t));
            INDArray rFactor = rsqrt(row.div(row.meanNumber().doubleValue())).reshape(row.length(), 1);
            INDArray cFactor = rsqrt(col.dup()).reshape(1, col.length());
            u = grad.mulRowVector(cFactor).muliColumnVector(rFactor);
        } else {
            INDArray v = state[0];
            v.muli(beta2t).addi(g2.muli(1.0 - beta2t));
            u = grad.mul(rsqrt(v.dup()));
        }
        double rms = Math.sqrt(u.mul(u).meanNumber().doubleValue());
        u.divi(Math.max(1.0, rms / CLIP));
        if (beta1 != null) {
            INDArray m = state[2];
            m.muli(beta1).addi(u.mul(1.0 - beta1));
            u = m.dup();
        }
        double wd = decayOf(p);
        if (wd > 0) {
            w.muli(1.0 - lr * wd);
        }
        w.subi(u.muli(lr));
    }

    /** 1/√x in place. */
    private static INDArray rsqrt(INDArray x) {
        return Transforms.sqrt(x, false).rdivi(1.0);
    }
}
