package dev.sweep.worker.optim;

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
    protected INDArray[] newState(INDArray value) {
        return new INDArray[]{value.ulike().assign(0), value.ulike().assign(0)};
    }

    @Override
    protected void update(Parameter p, INDArray grad, INDArray[] state, double lr, long t) {
        INDArray w = p.value();
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
}
