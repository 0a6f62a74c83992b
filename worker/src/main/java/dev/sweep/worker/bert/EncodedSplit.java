package dev.sweep.worker.bert;

import dev.sweep.worker.text.Encoding;
import java.util.List;

/** A tokenised split: one encoding (already truncated to max_len) and one label per example; label -1 = unlabelled. */
public record EncodedSplit(List<Encoding> encodings, int[] labels) {
    public EncodedSplit {
        encodings = List.copyOf(encodings);
        labels = labels.clone();
        if (encodings.size() != labels.length) {
            throw new IllegalArgumentException("one label per encoding must hold, but got (encodings="
                    + encodings.size() + ", labels=" + labels.length + ")");
        }
    }

    public int size() {
        return labels.length;
    }

    /** True when the split is non-empty and every example has a label. */
    public boolean labelled() {
        if (labels.length == 0) {
            return false;
        }
        for (int l : labels) {
            if (l < 0) {
                return false;
            }
        }
        return true;
    }

    public Batcher batcher(int batchSize, int maxLen) {
        return new Batcher(encodings, labels, batchSize, maxLen);
    }
}
