package dev.sweep.worker.bert;

import dev.sweep.worker.text.Encoding;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One padded batch of a static [batch, length]: flattened token ids and type ids [batch·length], attention mask,
 * labels (-1 for rows that only pad the batch to its static size), and the examples' indices in their split.
 * Padding rows hold one unmasked token so a masked mean never divides by zero; their loss weight is 0.
 */
public record Batch(int batch, int length, int[] ids, int[] typeIds, float[] mask, int[] labels, int[] indices) {

    public Batch {
        if (ids.length != batch * length || typeIds.length != ids.length || mask.length != ids.length
                || labels.length != batch || indices.length != batch) {
            throw new IllegalArgumentException("batch arrays must match [batch=" + batch + ", length=" + length
                    + "], but got ids=" + ids.length + ", typeIds=" + typeIds.length + ", mask=" + mask.length
                    + ", labels=" + labels.length + ", indices=" + indices.length);
        }
    }

    /**
     * Pads {@code encodings} (each at most {@code length} tokens) to [batch, length]; rows past the list pad the batch.
     * {@code indices[i]} is -1 for a padding row.
     */
    public static Batch of(List<Encoding> encodings, int[] labels, int[] indices, int batch, int length) {
        if (encodings.size() > batch) {
            throw new IllegalArgumentException("examples <= batch must hold, but got (examples=" + encodings.size()
                    + ", batch=" + batch + ")");
        }
        int[] ids = new int[batch * length];
        int[] types = new int[batch * length];
        float[] mask = new float[batch * length];
        int[] outLabels = new int[batch];
        int[] outIdx = new int[batch];
        for (int r = 0; r < batch; r++) {
            if (r < encodings.size()) {
                Encoding e = encodings.get(r);
                if (e.length() > length) {
                    throw new IllegalArgumentException("example length <= " + length + " must hold, but got "
                            + e.length());
                }
                for (int t = 0; t < e.length(); t++) {
                    ids[r * length + t] = e.ids()[t];
                    types[r * length + t] = e.typeIds()[t];
                    mask[r * length + t] = e.attentionMask()[t];
                }
                outLabels[r] = labels[r];
                outIdx[r] = indices[r];
            } else {
                mask[r * length] = 1f;
                outLabels[r] = -1;
                outIdx[r] = -1;
            }
        }
        return new Batch(batch, length, ids, types, mask, outLabels, outIdx);
    }

    /**
     * This batch cut into {@code parts} batches of ceil(batch/parts) rows each (the last padded), same length: a
     * training step over the parts, weighted by their real rows, equals the step over the whole batch.
     */
    public java.util.List<Batch> split(int parts) {
        if (parts <= 1) {
            return java.util.List.of(this);
        }
        int rows = (batch + parts - 1) / parts;
        java.util.List<Batch> out = new java.util.ArrayList<>();
        for (int start = 0; start < batch; start += rows) {
            int n = Math.min(rows, batch - start);
            int[] ids2 = new int[rows * length];
            int[] types2 = new int[rows * length];
            float[] mask2 = new float[rows * length];
            int[] labels2 = new int[rows];
            int[] idx2 = new int[rows];
            System.arraycopy(ids, start * length, ids2, 0, n * length);
            System.arraycopy(typeIds, start * length, types2, 0, n * length);
            System.arraycopy(mask, start * length, mask2, 0, n * length);
            System.arraycopy(labels, start, labels2, 0, n);
            System.arraycopy(indices, start, idx2, 0, n);
            for (int r = n; r < rows; r++) {
                mask2[r * length] = 1f;
                labels2[r] = -1;
                idx2[r] = -1;
            }
            out.add(new Batch(rows, length, ids2, types2, mask2, labels2, idx2));
        }
        return out;
    }

    /** Rows that hold an example (the rest pad the batch). */
    public int realRows() {
        int n = 0;
        for (int i : indices) {
            if (i >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Real (unmasked) tokens in the batch. */
    public long tokens() {
        long n = 0;
        for (int r = 0; r < batch; r++) {
            if (indices[r] >= 0) {
                for (int t = 0; t < length; t++) {
                    n += mask[r * length + t] > 0 ? 1 : 0;
                }
            }
        }
        return n;
    }

    INDArray idsArray() {
        return Nd4j.createFromArray(ids);
    }

    INDArray typesArray() {
        return Nd4j.createFromArray(typeIds);
    }

    INDArray maskArray() {
        return Nd4j.createFromArray(mask).reshape(batch, length);
    }

    /** One-hot labels [batch, classes] (zeros for padding rows) and loss weights [batch] (0 for padding rows). */
    INDArray[] labelArrays(int classes) {
        float[] onehot = new float[batch * classes];
        float[] weights = new float[batch];
        for (int r = 0; r < batch; r++) {
            if (labels[r] >= 0 && indices[r] >= 0) {
                if (labels[r] >= classes) {
                    throw new IllegalArgumentException("label < " + classes + " must hold, but got " + labels[r]);
                }
                onehot[r * classes + labels[r]] = 1f;
                weights[r] = 1f;
            }
        }
        return new INDArray[]{Nd4j.createFromArray(onehot).reshape(batch, classes), Nd4j.createFromArray(weights)};
    }
}
