package dev.sweep.worker.bert;

import dev.sweep.worker.metrics.ConfusionMatrix;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a model over a split without dropout and scores it: mean cross-entropy loss and the classification metrics
 * (accuracy, F1 for two classes, macro-F1, MCC; {@link dev.sweep.worker.metrics.ClassificationMetrics}), named {@code <prefix>_loss}, {@code <prefix>_accuracy}, ...
 */
final class Evaluator {

    private Evaluator() {
    }

    static Map<String, Double> evaluate(BertClassifier model, EncodedSplit split, FrozenFeatures features,
                                        int batchSize, int maxLen, String prefix) {
        int n = split.size();
        int[] predictions = new int[n];
        double lossSum = 0;
        int labelled = 0;
        for (Batch b : split.batcher(batchSize, maxLen).sequential()) {
            INDArray logits = features != null ? model.headLogits(features.rows(b)) : model.logits(b);
            for (int r = 0; r < b.batch(); r++) {
                int idx = b.indices()[r];
                if (idx < 0) {
                    continue;
                }
                double[] row = logits.getRow(r).toDoubleVector();
                int arg = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < row.length; c++) {
                    if (row[c] > max) {
                        max = row[c];
                        arg = c;
                    }
                }
                predictions[idx] = arg;
                int label = split.labels()[idx];
                if (label >= 0) {
                    double sum = 0;
                    for (double v : row) {
                        sum += Math.exp(v - max);
                    }
                    lossSum += -(row[label] - max - Math.log(sum));
                    labelled++;
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "_loss", labelled == 0 ? Double.NaN : lossSum / labelled);
        ConfusionMatrix confusion = new ConfusionMatrix(model.classes());
        for (int i = 0; i < n; i++) {
            if (split.labels()[i] >= 0) {
                confusion.add(split.labels()[i], predictions[i]);
            }
        }
        out.putAll(confusion.metrics().toMap(prefix));
        return out;
    }
}
