package dev.sweep.worker.optim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Base for optimizers whose update of one parameter depends only on that parameter's state. */
abstract class PerParameterOptimizer implements Optimizer {

    protected final double weightDecay;
    private final Map<String, INDArray[]> state = new HashMap<>();
    private long steps;

    PerParameterOptimizer(double weightDecay) {
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight_decay >= 0 must hold, but got " + weightDecay);
        }
        this.weightDecay = weightDecay;
    }

    @Override
    public final void step(List<Parameter> parameters, Map<String, INDArray> gradients, double lr,
                           double gradientScale) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate >= 0 and finite must hold, but got " + lr);
        }
        if (!(gradientScale > 0) || Double.isInfinite(gradientScale)) {
            throw new IllegalArgumentException("gradient scale > 0 and finite must hold, but got " + gradientScale);
        }
        steps++;
        for (Parameter p : parameters) {
            INDArray g = gradients.get(p.name());
            if (g == null) {
                throw new IllegalArgumentException("a gradient for every parameter must be given, but " + p.name()
                        + " has none");
            }
            INDArray[] s = state.computeIfAbsent(p.name(), k -> newState(p.value()));
            if (gradientScale != 1.0 && !scalesInUpdate(p, g, s)) {
                g.muli(gradientScale);
                update(p, g, s, lr, steps, 1.0);
            } else {
                update(p, g, s, lr, steps, gradientScale);
            }
        }
    }

    @Override
    public long steps() {
        return steps;
    }

    /** Zeroed state arrays for one parameter (none by default). */
    protected INDArray[] newState(INDArray value) {
        return new INDArray[0];
    }

    /**
     * Updates {@code p.value()} in place from {@code grad · gradScale}; {@code t} is the 1-based step. gradScale is
     * 1 unless {@link #scalesInUpdate} said yes for these arrays.
     */
    protected abstract void update(Parameter p, INDArray grad, INDArray[] state, double lr, long t,
                                   double gradScale);

    /**
     * Whether {@link #update} takes its fused one-pass loop for these arrays, which applies a gradient scale itself
     * (the subclasses' update asks this too, so the condition stands in one place).
     */
    protected boolean scalesInUpdate(Parameter p, INDArray grad, INDArray[] state) {
        return false;
    }

    /** Weight decay of {@code p} in effect (0 when it is excluded). */
    protected double decayOf(Parameter p) {
        return p.decay() ? weightDecay : 0.0;
    }
}
