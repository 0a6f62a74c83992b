package dev.sweep.worker.bert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy, F1 (binary: of class 1; more classes: macro), macro-F1 and Matthews correlation (multiclass form) of
 * predictions against labels; examples labelled -1 are skipped.
 */
final class Scores {

    private Scores() {
    }

    static Map<String, Double> of(int[] labels, int[] predictions, int classes) {
        long[][] confusion = new long[classes][classes];
        long n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                confusion[labels[i]][predictions[i]]++;
                n++;
            }
        }
        long correct = 0;
        long[] actual = new long[classes];
        long[] predicted = new long[classes];
        for (int a = 0; a < classes; a++) {
            for (int p = 0; p < classes; p++) {
                actual[a] += confusion[a][p];
                predicted[p] += confusion[a][p];
            }
            correct += confusion[a][a];
        }
        double[] f1 = new double[classes];
        double macro = 0;
        for (int c = 0; c < classes; c++) {
            double denom = actual[c] + predicted[c];
            f1[c] = denom == 0 ? 0 : 2.0 * confusion[c][c] / denom;
            macro += f1[c];
        }
        macro /= classes;
        double sumPt = 0;
        double sumP2 = 0;
        double sumT2 = 0;
        for (int c = 0; c < classes; c++) {
            sumPt += (double) predicted[c] * actual[c];
            sumP2 += (double) predicted[c] * predicted[c];
            sumT2 += (double) actual[c] * actual[c];
        }
        double mccDenom = Math.sqrt(((double) n * n - sumP2) * ((double) n * n - sumT2));
        double mcc = mccDenom == 0 ? 0 : ((double) correct * n - sumPt) / mccDenom;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", n == 0 ? Double.NaN : (double) correct / n);
        out.put("f1", classes == 2 ? f1[1] : macro);
        out.put("macro_f1", macro);
        out.put("mcc", mcc);
        return out;
    }
}
