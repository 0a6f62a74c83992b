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
    void step(List<Parameter> parameters, Map<String, INDArray> gradients, double lr);

    /** Steps taken so far. */
    long steps();
}
