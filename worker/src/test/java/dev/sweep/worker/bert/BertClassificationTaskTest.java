package dev.sweep.worker.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.worker.data.Datasets;
import dev.sweep.worker.task.TaskOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task end to end on a few SST-2 examples: params, caching across trials, provenance, the exported checkpoint. */
class BertClassificationTaskTest {

    private static final Path SHARED = Path.of("/work/shared/datasets");

    @TempDir
    Path work;

    @Test
    void aFrozenEncoderTrialTrainsTheHeadReportsProvenanceAndExportsTheBest() throws Exception {
        Path data = Files.isDirectory(Path.of("../../shared/datasets/sst2")) ? Path.of("../../shared/datasets") : SHARED;
        assumeTrue(Files.isDirectory(data.resolve("sst2")), "SST-2 is not available: skipping");
        BertClassificationTask task = new BertClassificationTask(Datasets.fromEnvironment(), work);
        Map<String, Object> settings = Map.of("model", "all-minilm-l6-v2", "dataset", "sst2",
                "data_dir", data.toAbsolutePath().toString(), "max_train_examples", 48, "max_eval_examples", 16,
                "metric", Map.of("name", "val_accuracy", "goal", "maximize"), "pooling", "mean", "eval_every", 3);
        Map<String, Object> params = Map.of("learning_rate", 3e-3, "batch_size", 16, "epochs", 2, "max_len", 32,
                "freeze_encoder", true, "optimizer", "adamw", "warmup_ratio", 0.1);
        RecordingContext ctx = new RecordingContext(work.resolve("t1"));
        TaskOutcome out = task.run(new TrialSpec(1, 1, "s", 1, params, 7, "bert-classification", settings), ctx);

        assertEquals(6, out.lastStep(), "48 examples / 16 per batch * 2 epochs");
        assertFalse(out.stopped());
        assertEquals(2, ctx.reports.size(), "eval every 3 steps");
        assertTrue(out.metrics().get("val_accuracy") >= 0 && out.metrics().get("val_accuracy") <= 1);
        assertTrue(out.metrics().containsKey("best_step"));
        assertTrue(out.metrics().containsKey("test_accuracy"), "SST-2's labelled sentence-level test split is scored");
        assertEquals("all-minilm-l6-v2", ctx.provenance.get("model"));
        assertEquals(64, ctx.provenance.get("model_sha256").length());
        assertEquals("1.0.0-M2.1", ctx.provenance.get("nd4j_version"));
        assertTrue(ctx.provenance.get("dataset").contains("sst2"), ctx.provenance.get("dataset"));
        assertTrue(Files.size(work.resolve("t1/best/model.onnx")) > 80_000_000);
        assertTrue(Files.exists(work.resolve("t1/best/classifier.json")));

        // a second trial reuses the loaded model, tokenised data and frozen features: same seed, same result
        RecordingContext again = new RecordingContext(work.resolve("t2"));
        TaskOutcome out2 = task.run(new TrialSpec(2, 1, "s", 2, params, 7, "bert-classification", settings), again);
        assertEquals(out.metrics().get("val_loss"), out2.metrics().get("val_loss"), 1e-9);
    }
}
