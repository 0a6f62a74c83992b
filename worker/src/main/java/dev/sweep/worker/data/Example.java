package dev.sweep.worker.data;

import java.util.Objects;

/** One labelled example: a sentence, or a sentence pair ({@code textB} null for single-sentence tasks). */
public record Example(String textA, String textB, int label) {
    public Example {
        Objects.requireNonNull(textA, "textA");
    }
}
