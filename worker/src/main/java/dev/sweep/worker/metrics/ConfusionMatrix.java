package dev.sweep.worker.metrics;

import java.util.Arrays;

/**
 * Counts of (actual, predicted) label pairs for {@code numClasses} classes, filled batch by batch during an
 * evaluation. Not thread-safe: one per evaluation.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    public ConfusionMatrix(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses >= 2 must hold, but got " + numClasses);
        }
        this.counts = new long[numClasses][numClasses];
    }

    public void add(int actual, int predicted) {
        check(actual, "actual");
        check(predicted, "predicted");
        counts[actual][predicted]++;
    }

    public void addAll(int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual and predicted must have one length, but got ("
                    + actual.length + ", " + predicted.length + ")");
        }
        for (int i = 0; i < actual.length; i++) {
            add(actual[i], predicted[i]);
        }
    }

    public int numClasses() {
        return counts.length;
    }

    /** A copy: row = actual label, column = predicted label (scikit-learn's layout). */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public ClassificationMetrics metrics() {
        return ClassificationMetrics.fromConfusion(counts);
    }

    private void check(int label, String role) {
        if (label < 0 || label >= counts.length) {
            throw new IllegalArgumentException("0 <= " + role + " label < " + counts.length
                    + " must hold, but got " + label + (label == -1 ? " (an unlabelled example?)" : ""));
        }
    }

    @Override
    public String toString() {
        return Arrays.deepToString(counts);
    }
}
