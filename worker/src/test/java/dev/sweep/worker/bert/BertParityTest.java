package dev.sweep.worker.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.sweep.worker.text.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The native SameDiff encoder against ONNX Runtime on the same ONNX file, real sentences, a padded batch. */
class BertParityTest {

    @Test
    void miniLmHiddenStatesMatchOnnxRuntimeOnRealTokens() throws Exception {
        ModelSource source = ModelSource.builtIn("all-minilm-l6-v2");
        BertWeights weights = BertWeights.load(source);
        assertEquals(new BertConfig(6, 384, 12, 1536, 30522, 512, 2), weights.config());
        assertEquals(64, weights.sha256().length());
        assertParity(source, weights);
    }

    /** bge-small (12 layers, opset 11): slower, so tagged benchmark (-Dsurefire.excludedGroups= -Dgroups=benchmark). */
    @Test
    @Tag("benchmark")
    void bgeSmallHiddenStatesMatchOnnxRuntimeOnRealTokens() throws Exception {
        ModelSource source = ModelSource.builtIn("bge-small-en-v1.5");
        BertWeights weights = BertWeights.load(source);
        assertEquals(new BertConfig(12, 384, 12, 1536, 30522, 512, 2), weights.config());
        assertParity(source, weights);
    }

    private static void assertParity(ModelSource source, BertWeights weights) throws Exception {
        HuggingFaceTokenizer tok = BertTestSupport.tokenizer(source, 32);
        List<Encoding> enc = BertTestSupport.encode(tok, BertTestSupport.SENTENCES);
        Batch batch = BertTestSupport.batch(enc, 32);
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.MEAN, 0.1, 0.1, false, 7);
        INDArray hidden = model.hiddenStates(batch);
        float[][][] ref = BertTestSupport.ortHidden(BertTestSupport.onnxBytes(source), batch);

        double maxDiff = 0;
        int compared = 0;
        for (int r = 0; r < batch.batch(); r++) {
            for (int t = 0; t < batch.length(); t++) {
                if (batch.mask()[r * batch.length() + t] > 0) {
                    for (int k = 0; k < 384; k++) {
                        maxDiff = Math.max(maxDiff, Math.abs(hidden.getDouble(r * batch.length() + t, k) - ref[r][t][k]));
                    }
                    compared++;
                }
            }
        }
        assertTrue(compared > 60, "compared tokens: " + compared);
        System.out.printf("%s: max abs diff vs ONNX Runtime over %d real tokens: %.2e%n", source.id(), compared, maxDiff);
        assertTrue(maxDiff <= 1e-4, "max abs diff vs ONNX Runtime over real tokens: " + maxDiff);
        // dropout is inference-off: a second call gives the very same states
        assertEquals(0.0, hidden.sub(model.hiddenStates(batch)).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void aNonBertOnnxFileFailsWithAClearMessage() throws Exception {
        // a minimal ONNX model (one Identity node) is not a BERT encoder
        onnx.Onnx.ModelProto model = onnx.Onnx.ModelProto.newBuilder().setIrVersion(7)
                .setGraph(onnx.Onnx.GraphProto.newBuilder().setName("g").addNode(onnx.Onnx.NodeProto.newBuilder()
                        .setOpType("Identity").addInput("x").addOutput("y"))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BertWeights.parse("tiny.onnx", model.toByteArray()));
        assertTrue(e.getMessage().contains("model tiny.onnx: no embeddings.word_embeddings.weight initializer: "
                + "not a BERT encoder"), e.getMessage());
        assertTrue(new String(model.toByteArray(), StandardCharsets.ISO_8859_1).contains("Identity"));
    }
}
