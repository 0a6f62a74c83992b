package dev.sweep.worker.optim;

import java.nio.FloatBuffer;
import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Clipping by global L2 norm over all gradients (PyTorch's {@code clip_grad_norm_}). */
public final class GradientClipping {

    private GradientClipping() {
    }

    public static double globalNorm(Collection<INDArray> gradients) {
        double sum = 0;
        for (INDArray g : gradients) {
            if (FloatKernels.applicable(g)) {
                FloatBuffer f = FloatKernels.buffer(g);
                sum += FloatKernels.sumTiles(g.length(), 1, (from, len, tile) -> {
                    f.get(from, tile[0], 0, len);
                    return FloatKernels.sumOfSquares(tile[0], len);
                });
            } else {
                double n = g.norm2Number().doubleValue();
                sum += n * n;
            }
        }
        return Math.sqrt(sum);
    }

    /** The factor clipping to {@code maxNorm} applies to gradients of global norm {@code norm} (1: no clipping). */
    public static double scaleFor(double norm, double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("max_grad_norm >= 0 must hold, but got " + maxNorm);
        }
        return maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1.0;
    }

    /**
     * Scales every gradient in place by maxNorm/(norm+1e-6) when the global norm exceeds {@code maxNorm}
     * (0 = off). Returns the norm before clipping.
     */
    public static double clip(Collection<INDArray> gradients, double maxNorm) {
        double norm = globalNorm(gradients);
        double scale = scaleFor(norm, maxNorm);
        if (scale != 1.0) {
            for (INDArray g : gradients) {
                if (FloatKernels.applicable(g)) {
                    FloatBuffer f = FloatKernels.buffer(g);
                    float k = (float) scale;
                    FloatKernels.forTiles(g.length(), 1, (from, len, tile) -> {
                        float[] x = tile[0];
                        f.get(from, x, 0, len);
                        for (int i = 0; i < len; i++) {
                            x[i] *= k;
                        }
                        f.put(from, x, 0, len);
                    });
                } else {
                    g.muli(scale);
                }
            }
        }
        return norm;
    }
}
