package dev.sweep.worker.bert;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pooled encoder outputs [examples, H] of one split, computed once with the pretrained (frozen) encoder in inference
 * mode. With {@code freeze_encoder: true} the encoder never changes, so these features are the same for every trial
 * with the same model, dataset, max_len and pooling, and training touches only the head: nothing frozen is recomputed.
 */
public record FrozenFeatures(INDArray features) {

    public static FrozenFeatures compute(BertClassifier model, EncodedSplit split, int batchSize, int maxLen) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, split.size(), model.config().hidden());
        if (split.size() == 0) {
            return new FrozenFeatures(out);
        }
        for (Batch b : split.batcher(batchSize, maxLen).sequential()) {
            INDArray pooled = model.pooled(b);
            for (int r = 0; r < b.batch(); r++) {
                if (b.indices()[r] >= 0) {
                    out.putRow(b.indices()[r], pooled.getRow(r));
                }
            }
        }
        return new FrozenFeatures(out);
    }

    /** The rows of a batch [batch, H] (zeros for padding rows). */
    public INDArray rows(Batch batch) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, batch.batch(), features.size(1));
        for (int r = 0; r < batch.batch(); r++) {
            if (batch.indices()[r] >= 0) {
                out.putRow(r, features.getRow(batch.indices()[r]));
            }
        }
        return out;
    }
}
