package dev.sweep.worker.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.sweep.worker.text.Encoding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Analytic gradients (SameDiff + {@link GradientOverrides}) against central finite differences, in both the native and
 * the row-wise form; the two forms against each other for every parameter; dropout acting or not.
 */
class BertGradientTest {

    private static BertWeights weights;
    private static Batch batch;

    @BeforeAll
    static void load() throws Exception {
        ModelSource source = ModelSource.builtIn("all-minilm-l6-v2");
        weights = BertWeights.load(source);
        HuggingFaceTokenizer tok = BertTestSupport.tokenizer(source, 16);
        List<Encoding> enc = BertTestSupport.encode(tok, BertTestSupport.SENTENCES.subList(0, 4));
        batch = BertTestSupport.batch(enc, 16);
    }

    /** rowGradientTokens: MAX_VALUE keeps ND4J's layer-norm and bias gradients, 1 takes the row-wise ones. */
    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, 1})
    void gradientsMatchCentralFiniteDifferencesIncludingARepeatedWordEmbeddingRow(int rowGradientTokens) {
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.MEAN, 0.0, 0.0, false, 3)
                .rowGradientTokens(rowGradientTokens);
        int cls = batch.ids()[0];
        assertEquals(101, cls, "[CLS] starts each row: its embedding row is used 4 times in this batch");
        DropoutMasks none = new DropoutMasks(1);
        BertClassifier.StepGradients step = model.gradients(batch, none);
        assertEquals(loss(model), step.loss(), 1e-5, "training-graph loss equals the inference cross-entropy");
        Map<String, INDArray> grads = step.gradients();
        assertEquals(model.trainableParameters().size(), grads.size());
        // (parameter, row, column; row -1 for a vector): repeated [CLS] row, a position row, query weight and bias
        // (fused), dense biases and LayerNorm gains and biases (their gradients are GradientOverrides'), the head
        Object[][] probes = {
                {"embeddings.word_embeddings.weight", cls, 7},
                {"embeddings.position_embeddings.weight", 1, 3},
                {"embeddings.LayerNorm.weight", -1, 30},
                {"encoder.layer.0.attention.self.query.weight", 10, 20},
                {"encoder.layer.1.attention.self.query.bias", -1, 4},
                {"encoder.layer.2.intermediate.dense.bias", -1, 11},
                {"encoder.layer.3.attention.output.LayerNorm.bias", -1, 9},
                {"encoder.layer.4.output.dense.bias", -1, 17},
                {"encoder.layer.5.output.LayerNorm.weight", -1, 5},
                {"classifier.weight", 4, 1}};
        for (Object[] probe : probes) {
            String name = (String) probe[0];
            int row = (Integer) probe[1];
            int col = (Integer) probe[2];
            INDArray w = name.startsWith("classifier") ? model.headWeights().get(name)
                    : model.encoderWeights().get(name);
            // query/key/value train as one fused [H, 3H] array: query is its first H columns
            String gradName = name.replace("attention.self.query", "attention.self." + BertGraph.QKV);
            double analytic = row < 0 ? grads.get(gradName).getDouble(col) : grads.get(gradName).getDouble(row, col);
            double eps = 1e-2;
            double orig = row < 0 ? w.getDouble(col) : w.getDouble(row, col);
            set(w, row, col, orig + eps);
            double plus = loss(model);
            set(w, row, col, orig - eps);
            double minus = loss(model);
            set(w, row, col, orig);
            double numeric = (plus - minus) / (2 * eps);
            assertTrue(Math.abs(analytic) > 1e-6, name + " gradient should not vanish: " + analytic);
            assertEquals(numeric, analytic, Math.max(2e-5, 0.05 * Math.abs(numeric)),
                    name + "[" + row + "," + col + "] analytic vs finite difference");
        }
    }

    @Test
    void rowWiseGradientsEqualNd4jsOwnForEveryParameter() {
        BertClassifier nativeForm = BertClassifier.create(weights, 2, Pooling.CLS, 0.0, 0.0, false, 5)
                .rowGradientTokens(Integer.MAX_VALUE);
        BertClassifier rowWise = BertClassifier.create(weights, 2, Pooling.CLS, 0.0, 0.0, false, 5)
                .rowGradientTokens(1);
        DropoutMasks none = new DropoutMasks(1);
        BertClassifier.StepGradients a = nativeForm.gradients(batch, none);
        BertClassifier.StepGradients b = rowWise.gradients(batch, none);
        assertEquals(a.loss(), b.loss(), 1e-6, "the forward pass is the same");
        assertEquals(a.gradients().keySet(), b.gradients().keySet());
        assertEquals(rowWise.trainableParameters().size(), b.gradients().size(), "every parameter has a gradient");
        for (String name : a.gradients().keySet()) {
            INDArray x = a.gradients().get(name);
            INDArray y = b.gradients().get(name);
            double scale = Math.max(1e-3, x.amaxNumber().doubleValue());
            double diff = x.sub(y).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-4 * scale, name + ": max |native - row-wise| = " + diff + " (max |g| " + scale + ")");
        }
    }

    @Test
    void encoderWeightsKeepThePretrainedModulesWhileQkvTrainsFused() {
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.CLS, 0.0, 0.0, false, 1);
        assertEquals(BertWeights.parameterNames(weights.config()), List.copyOf(model.encoderWeights().keySet()));
        model.encoderWeights().forEach((name, w) -> {
            INDArray pretrained = weights.tensors().get(name);
            assertArrayEquals(pretrained.shape(), w.shape(), name);
            assertEquals(0.0, w.sub(pretrained).amaxNumber().doubleValue(), 0.0, name);
        });
        List<String> trained = model.trainableParameters().stream().map(p -> p.name()).toList();
        assertTrue(trained.contains("encoder.layer.0.attention.self.qkv.weight"), trained.toString());
        assertFalse(trained.contains("encoder.layer.0.attention.self.query.weight"), trained.toString());
        assertEquals(weights.tensors().size() - 4 * weights.config().layers() + 2, trained.size(),
                "per layer four q/k/v tensors become two fused ones; plus the head's two");
    }

    @Test
    void dropoutActsInTrainingOnlyAndHasAGradient() {
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.CLS, 0.3, 0.3, false, 3);
        DropoutMasks masks = new DropoutMasks(11);
        BertClassifier.StepGradients a = model.gradients(batch, masks);
        BertClassifier.StepGradients b = model.gradients(batch, masks);
        assertNotEquals(a.loss(), b.loss(), "two training steps draw different masks");
        assertTrue(a.gradients().get("encoder.layer.2.attention.self.qkv.weight").norm2Number().doubleValue() > 0);
        INDArray mask = masks.draw(0.3, 10_000);
        double zeros = mask.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).sumNumber().doubleValue();
        assertEquals(3000, zeros, 200, "about 30% of entries dropped");
        assertEquals(1 / 0.7, mask.maxNumber().doubleValue(), 1e-5, "kept entries are scaled by 1/(1-p)");
        INDArray first = model.logits(batch);
        assertEquals(0.0, first.sub(model.logits(batch)).amaxNumber().doubleValue(), 0.0, "inference has no dropout");
        // and the same seed draws the same masks
        assertEquals(0.0, new DropoutMasks(5).draw(0.1, 64).sub(new DropoutMasks(5).draw(0.1, 64))
                .amaxNumber().doubleValue(), 0.0);
    }

    /** Mean cross-entropy of the batch from inference logits (no dropout here), in double. */
    private static double loss(BertClassifier model) {
        INDArray logits = model.logits(batch);
        double sum = 0;
        for (int r = 0; r < batch.batch(); r++) {
            double[] z = logits.getRow(r).toDoubleVector();
            double max = Math.max(z[0], z[1]);
            double lse = max + Math.log(Math.exp(z[0] - max) + Math.exp(z[1] - max));
            sum += lse - z[batch.labels()[r]];
        }
        return sum / batch.batch();
    }

    private static void set(INDArray w, int row, int col, double v) {
        if (row < 0) {
            w.putScalar(col, v);
        } else {
            w.putScalar(row, col, v);
        }
    }
}
