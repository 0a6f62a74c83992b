package dev.sweep.worker.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.worker.optim.OptimizerSpec;
import dev.sweep.worker.task.TrialFailedException;
import dev.sweep.worker.text.Encoding;
import dev.sweep.worker.text.WordPieceTokenizer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on a tiny real slice of SST-2: the loss falls, runs repeat, divergence and stops are seen. */
class BertTrainingTest {

    private static final Path SST2 = Path.of("../../shared/datasets/sst2/train.tsv");
    private static BertWeights weights;
    private static EncodedSplit slice;

    @TempDir
    Path work;

    @BeforeAll
    static void load() throws Exception {
        Path file = Files.exists(SST2) ? SST2 : Path.of("/work/shared/datasets/sst2/train.tsv");
        assumeTrue(Files.exists(file), "SST-2 is not at " + SST2.toAbsolutePath() + ": skipping the training tests");
        ModelSource source = ModelSource.builtIn("all-minilm-l6-v2");
        weights = BertWeights.load(source);
        WordPieceTokenizer tok;
        try (InputStream in = source.tokenizer().open()) {
            tok = WordPieceTokenizer.fromTokenizerJson(in);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Encoding> enc = new ArrayList<>();
        int[] labels = new int[16];
        for (int i = 0; i < 16; i++) {
            String[] cols = lines.get(i + 1).split("\t");
            enc.add(tok.encode(cols[0], null, 32));
            labels[i] = Integer.parseInt(cols[1].trim());
        }
        slice = new EncodedSplit(enc, labels);
    }

    private static TrainingSettings settings(String optimizer, double lr, int epochs, Integer evalEvery, long seed,
                                             double maxGradNorm, Long maxSteps) {
        return settings(optimizer, lr, epochs, evalEvery, seed, maxGradNorm, maxSteps, 0);
    }

    private static TrainingSettings settings(String optimizer, double lr, int epochs, Integer evalEvery, long seed,
                                             double maxGradNorm, Long maxSteps, int microBatchTokens) {
        return new TrainingSettings(epochs, 8, 32, 1, maxGradNorm,
                new OptimizerSpec(optimizer, 0.9, 0.9, 0.999, 1e-8, 0.01, null), "linear", lr, null, 0.0, evalEvery,
                "val_accuracy", true, seed, maxSteps, microBatchTokens);
    }

    @Test
    void microBatchesGiveTheSameStepAsTheWholeBatch() throws Exception {
        double[] valLoss = new double[2];
        int[] tokens = {0, 100};
        for (int i = 0; i < 2; i++) {
            BertClassifier model = BertClassifier.create(weights, 2, Pooling.CLS, 0.0, 0.0, false, 4);
            RecordingContext ctx = new RecordingContext(work);
            new BertTrainer(settings("sgd", 0.5, 1, 1, 4, 0.0, 1L, tokens[i]))
                    .train(model, slice, slice, new EncodedSplit(List.of(), new int[0]), null, null, null, ctx);
            valLoss[i] = ctx.reports.get(0).get("val_loss");
        }
        assertEquals(valLoss[0], valLoss[1], 1e-5, "8x32 in three micro-batches of 3 rows vs one step of 8 rows");
    }

    @Test
    void lossFallsOnATinySst2Slice() throws Exception {
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.CLS, 0.1, 0.1, false, 1);
        double before = Evaluator.evaluate(model, slice, null, 8, 32, "val").get("val_loss");
        RecordingContext ctx = new RecordingContext(work);
        BertTrainer.Result r = new BertTrainer(settings("adamw", 3e-4, 2, null, 1, 1.0, null))
                .train(model, slice, slice, new EncodedSplit(List.of(), new int[0]), null, null, null, ctx);
        double after = r.metrics().get("val_loss");
        assertTrue(after < before * 0.85, "val loss on the training slice should fall: " + before + " -> " + after);
        assertEquals(4, r.lastStep());
        assertEquals(List.of(2L, 4L), ctx.steps, "one evaluation per epoch");
        assertTrue(ctx.reports.get(0).keySet().containsAll(List.of("train_loss", "val_loss", "val_accuracy", "val_f1",
                "val_macro_f1", "val_mcc", "epoch", "learning_rate", "tokens_per_second")), ctx.reports.get(0).toString());
        assertEquals(1.0, ctx.reports.get(0).get("epoch"), 1e-9);
        assertTrue(r.metrics().get("best_step") >= 2);
    }

    @Test
    void theSameSeedGivesTheSameCurveAndAnotherSeedAnother() throws Exception {
        List<Map<String, Double>> a = curve(5, 2);
        List<Map<String, Double>> b = curve(5, 2);
        List<Map<String, Double>> c = curve(6, 1);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).get("train_loss"), b.get(i).get("train_loss"), 1e-6, "step " + i);
            assertEquals(a.get(i).get("val_loss"), b.get(i).get("val_loss"), 1e-6, "step " + i);
        }
        assertNotEquals(a.get(0).get("train_loss"), c.get(0).get("train_loss"));
    }

    private List<Map<String, Double>> curve(long seed, long steps) throws Exception {
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.MEAN, 0.1, 0.1, false, seed);
        RecordingContext ctx = new RecordingContext(work);
        new BertTrainer(settings("adam", 1e-4, 1, 1, seed, 1.0, steps))
                .train(model, slice, slice, new EncodedSplit(List.of(), new int[0]), null, null, null, ctx);
        assertEquals(steps, ctx.reports.size());
        return ctx.reports;
    }

    @Test
    void aHugeLearningRateDivergesWithTheStep() {
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.CLS, 0.0, 0.0, false, 1);
        TrialFailedException e = assertThrows(TrialFailedException.class,
                () -> new BertTrainer(settings("sgd", 1e9, 2, null, 1, 0.0, null))
                        .train(model, slice, slice, new EncodedSplit(List.of(), new int[0]), null, null, null,
                                new RecordingContext(work)));
        assertEquals(FailureKind.DIVERGED, e.kind());
        assertTrue(e.step() >= 2 && e.step() <= 4, "diverged at step " + e.step());
    }

    @Test
    void aStopRequestEndsTheTrialAtTheNextStepWithTheBestMetricsSoFar() throws Exception {
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.CLS, 0.1, 0.1, true, 1);
        RecordingContext ctx = new RecordingContext(work, reports -> reports >= 1);
        BertTrainer.Result r = new BertTrainer(settings("adamw", 1e-3, 3, 1, 1, 1.0, null))
                .train(model, slice, slice, slice, null, null, null, ctx);
        assertTrue(r.stopped());
        assertEquals(1, r.lastStep());
        assertEquals(ctx.reports.get(0).get("val_accuracy"), r.metrics().get("val_accuracy"));
        assertTrue(r.metrics().containsKey("test_accuracy"), "a labelled test split is scored: " + r.metrics());
    }
}
