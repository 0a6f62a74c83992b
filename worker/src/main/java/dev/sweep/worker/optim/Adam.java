package dev.sweep.worker.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam with bias correction (Kingma &amp; Ba). {@code decoupled = false}: weight decay as L2 in the gradient
 * (g += wd·p, PyTorch's Adam); {@code decoupled = true}: AdamW (Loshchilov &amp; Hutter), p -= lr·wd·p applied
 * separately from the adaptive step. Excluded parameters (biases, LayerNorm) get no decay either way.
 */
public final class Adam extends PerParameterOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;

    public Adam(double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(weightDecay);
        checkBetas(beta1, beta2, eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.decoupled = decoupled;
    }

    static void checkBetas(double beta1, double beta2, double eps) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0)) {
            throw new IllegalArgumentException("0 <= beta1 < 1, 0 <= beta2 < 1 and eps > 0 must hold, but got (beta1="
                    + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")");
        }
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
        double wd = decayOf(p);
        if (scalesInUpdate(p, grad, state)) {
            fused(w, grad, state[0], state[1], lr, wd, t, (float) gradScale);
            return;
        }
        INDArray g = !decoupled && wd > 0 ? grad.add(w.mul(wd)) : grad;
        INDArray direction = adamDirection(g, state[0], state[1], beta1, beta2, eps, t);
        if (decoupled && wd > 0) {
            w.muli(1.0 - lr * wd);
        }
        w.subi(direction.muli(lr));
    }

    /** The same update in one pass over w, g, m and v (float arithmetic, as the ND4J form above). */
    private void fused(INDArray w, INDArray grad, INDArray m, INDArray v, double lr, double wd, long t, float scale) {
        FloatBuffer fw = FloatKernels.buffer(w);
        FloatBuffer fg = FloatKernels.buffer(grad);
        FloatBuffer fm = FloatKernels.buffer(m);
        FloatBuffer fv = FloatKernels.buffer(v);
        AdamMoments k = new AdamMoments(beta1, beta2, eps, t);
        float l = (float) lr;
        float l2 = decoupled ? 0f : (float) wd;
        float shrink = decoupled ? (float) (1.0 - lr * wd) : 1f;
        FloatKernels.forTiles(w.length(), 4, (from, len, tile) -> {
            FloatKernels.load(from, len, tile, fw, fg, fm, fv);
            float[] tw = tile[0];
            float[] tg = tile[1];
            float[] tm = tile[2];
            float[] tv = tile[3];
            for (int i = 0; i < len; i++) {
                float wi = tw[i];
                float g = scale * tg[i] + l2 * wi;
                float mi = k.m(tm[i], g);
                float vi = k.v(tv[i], g);
                tm[i] = mi;
                tv[i] = vi;
                tw[i] = wi * shrink - l * k.direction(mi, vi);
            }
            FloatKernels.store(from, len, tile, fw, null, fm, fv);
        });
    }

    /** Updates m, v in place and returns m̂ / (√v̂ + eps) as a new array. */
    static INDArray adamDirection(INDArray g, INDArray m, INDArray v, double beta1, double beta2, double eps, long t) {
        m.muli(beta1).addi(g.mul(1.0 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1.0 - beta2));
        double c1 = 1.0 - Math.pow(beta1, t);
        double c2 = 1.0 - Math.pow(beta2, t);
        INDArray denom = Transforms.sqrt(v.div(c2), false).addi(eps);
        return m.div(c1).divi(denom);
    }
}
