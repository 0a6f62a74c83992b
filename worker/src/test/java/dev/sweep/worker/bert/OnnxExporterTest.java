package dev.sweep.worker.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Fine-tuned weights written back into the ONNX file run in ONNX Runtime exactly as in SameDiff. */
class OnnxExporterTest {

    @TempDir
    Path dir;

    @Test
    void onnxRuntimeRunningTheExportedFileMatchesSameDiff() throws Exception {
        ModelSource source = ModelSource.builtIn("all-minilm-l6-v2");
        BertWeights weights = BertWeights.load(source);
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.CLS, 0.0, 0.0, false, 9);
        // stand-in for fine-tuning: move every encoder tensor (embeddings, all layers) by seeded noise
        var rng = Nd4j.getRandomFactory().getNewRandomInstance(42);
        for (INDArray w : model.encoderWeights().values()) {
            w.addi(Nd4j.randn(rng, w.shape()).muli(0.02).castTo(w.dataType()));
        }
        Path onnx = OnnxExporter.export(source, weights, model, Pooling.CLS, List.of("negative", "positive"), dir);

        Batch batch = BertTestSupport.batch(BertTestSupport.encode(BertTestSupport.tokenizer(source, 24),
                BertTestSupport.SENTENCES.subList(0, 4)), 24);
        INDArray hidden = model.hiddenStates(batch);
        float[][][] exported = BertTestSupport.ortHidden(Files.readAllBytes(onnx), batch);
        float[][][] original = BertTestSupport.ortHidden(BertTestSupport.onnxBytes(source), batch);
        double maxDiff = 0;
        double moved = 0;
        for (int r = 0; r < batch.batch(); r++) {
            for (int t = 0; t < batch.length(); t++) {
                if (batch.mask()[r * batch.length() + t] > 0) {
                    for (int k = 0; k < 384; k++) {
                        double sd = hidden.getDouble(r * batch.length() + t, k);
                        maxDiff = Math.max(maxDiff, Math.abs(sd - exported[r][t][k]));
                        moved = Math.max(moved, Math.abs(sd - original[r][t][k]));
                    }
                }
            }
        }
        assertTrue(maxDiff <= 1e-4, "exported ONNX vs SameDiff, max abs diff: " + maxDiff);
        assertTrue(moved > 1e-2, "the export carries the changed weights, not the pretrained ones: " + moved);

        JsonNode head = new ObjectMapper().readTree(dir.resolve(OnnxExporter.HEAD_FILE).toFile());
        assertEquals("cls", head.get("pooling").asText());
        assertEquals(384, head.get("weight").size());
        assertEquals(model.headWeights().get("classifier.weight").getDouble(5, 1), head.get("weight").get(5).get(1)
                .asDouble(), 1e-7);
        assertEquals("positive", head.get("labels").get(1).asText());
        assertTrue(Files.size(dir.resolve(OnnxExporter.TOKENIZER_FILE)) > 100_000);
    }
}
