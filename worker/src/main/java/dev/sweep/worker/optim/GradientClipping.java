package dev.sweep.worker.optim;

import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Clipping by global L2 norm over all gradients (PyTorch's {@code clip_grad_norm_}). */
public final class GradientClipping {

    private GradientClipping() {
    }

    public static double globalNorm(Collection<INDArray> gradients) {
        double sum = 0;
        for (INDArray g : gradients) {
            double n = g.norm2Number().doubleValue();
            sum += n * n;
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales every gradient in place by maxNorm/(norm+1e-6) when the global norm exceeds {@code maxNorm}
     * (0 = off). Returns the norm before clipping.
     */
    public static double clip(Collection<INDArray> gradients, double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("max_grad_norm >= 0 must hold, but got " + maxNorm);
        }
        double norm = globalNorm(gradients);
        if (maxNorm > 0 && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            for (INDArray g : gradients) {
                g.muli(scale);
            }
        }
        return norm;
    }
}
