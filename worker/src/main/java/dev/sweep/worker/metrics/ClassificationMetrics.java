package dev.sweep.worker.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy, F1, macro-F1 and Matthews correlation from a confusion matrix (row = actual, column = predicted), with
 * scikit-learn's conventions: a precision or recall whose denominator is 0 counts as 0, and so does an F1 with
 * precision + recall = 0; macro-F1 averages over the labels that occur (actual or predicted); MCC is Gorodkin's R_K
 * (for two classes it is the usual binary MCC) and 0 when undefined.
 */
public record ClassificationMetrics(long[][] confusion) {

    public ClassificationMetrics {
        int k = confusion.length;
        long[][] copy = new long[k][];
        for (int i = 0; i < k; i++) {
            if (confusion[i].length != k) {
                throw new IllegalArgumentException("the confusion matrix must be square, but row " + i + " has "
                        + confusion[i].length + " columns for " + k + " rows");
            }
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    /** A copy of the counts: row = actual label, column = predicted label. */
    @Override
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    public static ClassificationMetrics fromConfusion(long[][] confusion) {
        return new ClassificationMetrics(confusion);
    }

    /** Metrics of predictions against actual labels in [0, numClasses). */
    public static ClassificationMetrics of(int[] actual, int[] predicted, int numClasses) {
        ConfusionMatrix m = new ConfusionMatrix(numClasses);
        m.addAll(actual, predicted);
        return m.metrics();
    }

    public int numClasses() {
        return confusion.length;
    }

    public long total() {
        long n = 0;
        for (long[] row : confusion) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Correct predictions over all predictions; NaN for no examples. */
    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        long n = total();
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    public double precision(int label) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[label];
        }
        return predicted == 0 ? 0 : (double) confusion[label][label] / predicted;
    }

    public double recall(int label) {
        long actual = 0;
        for (long c : confusion[label]) {
            actual += c;
        }
        return actual == 0 ? 0 : (double) confusion[label][label] / actual;
    }

    public double f1(int label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Binary F1 with label 1 as the positive class. */
    public double f1() {
        return f1(1);
    }

    /** Unweighted mean F1 over the labels that occur as actual or predicted; NaN for no examples. */
    public double macroF1() {
        double sum = 0;
        int present = 0;
        for (int label = 0; label < confusion.length; label++) {
            if (occurs(label)) {
                sum += f1(label);
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /** Matthews correlation (Gorodkin's R_K for more than two classes), in [-1, 1]; 0 when undefined. */
    public double mcc() {
        int k = confusion.length;
        double s = total();
        double correct = 0;
        double[] actual = new double[k];
        double[] predicted = new double[k];
        for (int i = 0; i < k; i++) {
            correct += confusion[i][i];
            for (int j = 0; j < k; j++) {
                actual[i] += confusion[i][j];
                predicted[j] += confusion[i][j];
            }
        }
        double pt = 0;
        double pp = 0;
        double tt = 0;
        for (int i = 0; i < k; i++) {
            pt += predicted[i] * actual[i];
            pp += predicted[i] * predicted[i];
            tt += actual[i] * actual[i];
        }
        double denominator = Math.sqrt((s * s - pp) * (s * s - tt));
        return denominator == 0 ? 0 : (correct * s - pt) / denominator;
    }

    /**
     * The standard metric names with a prefix ("val" gives val_accuracy, val_f1, val_macro_f1, val_mcc); {@code f1}
     * only for two classes.
     */
    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "_accuracy", accuracy());
        if (confusion.length == 2) {
            m.put(prefix + "_f1", f1());
        }
        m.put(prefix + "_macro_f1", macroF1());
        m.put(prefix + "_mcc", mcc());
        return m;
    }

    private boolean occurs(int label) {
        if (confusion[label][label] > 0) {
            return true;
        }
        for (int j = 0; j < confusion.length; j++) {
            if (confusion[label][j] > 0 || confusion[j][label] > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationMetrics other && java.util.Arrays.deepEquals(confusion, other.confusion);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "ClassificationMetrics" + java.util.Arrays.deepToString(confusion);
    }
}
