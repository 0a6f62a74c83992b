package dev.sweep.worker.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies one update to parameters in place from their (already averaged and clipped) gradients at learning rate
 * {@code lr}. Implementations keep their own per-parameter state (moments) keyed by parameter name and count steps.
 */
public interface Optimizer {

    /** One optimizer step over every parameter; {@code gradients} is keyed by parameter name. */
    default void step(List<Parameter> parameters, Map<String, INDArray> gradients, double lr) {
        step(parameters, gradients, lr, 1.0);
    }

    /**
     * One step on the gradients multiplied by {@code gradientScale} (clipping's factor, applied in the same pass;
     * the arrays may be scaled in place).
     */
    void step(List<Parameter> parameters, Map<String, INDArray> gradients, double lr, double gradientScale);

    /** Steps taken so far. */
    long steps();
}
