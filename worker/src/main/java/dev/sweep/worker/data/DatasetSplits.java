package dev.sweep.worker.data;

import java.util.List;
import java.util.Objects;

/**
 * A dataset ready for training: train/validation/test examples, the label names (label i is labels.get(i)),
 * whether examples are sentence pairs, and an id for provenance (name, files and their SHA-256).
 * {@code test} may be empty, or hold examples whose label is -1 when the test split is unlabelled.
 */
public record DatasetSplits(String id, List<String> labels, boolean pairs, List<Example> train,
                            List<Example> validation, List<Example> test) {
    public DatasetSplits {
        Objects.requireNonNull(id, "id");
        labels = List.copyOf(labels);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }
}
