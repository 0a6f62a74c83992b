package dev.sweep.worker.optim;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable array, updated in place, and whether weight decay applies to it. BERT convention: no decay on
 * biases and LayerNorm parameters (embeddings LayerNorm included); see {@link #decays(String)}.
 */
public record Parameter(String name, INDArray value, boolean decay) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** False for biases and LayerNorm gains/biases, true for every other weight (embedding tables included). */
    public static boolean decays(String name) {
        return !(name.endsWith(".bias") || name.contains("LayerNorm") || name.contains("layer_norm"));
    }
}
