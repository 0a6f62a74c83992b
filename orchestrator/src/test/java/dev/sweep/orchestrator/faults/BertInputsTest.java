package dev.sweep.orchestrator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, malformed BERT inputs through {@code sweep run}: a model file that is not a BERT, a model and tokenizer
 * given the wrong way round, a dataset file that does not exist. The sweep file is valid, so the trial runs and
 * must end FAILED (not retried: retrying cannot help) with a first line that names the file and the problem, shown
 * in the run's log and stored with the trial.
 */
class BertInputsTest {

    @TempDir
    Path dir;

    private static String sweep(String name, String model, String dataset) {
        return """
                name: %s
                method: grid
                metric: {name: val_accuracy, goal: maximize}
                max_retries: 2
                resources: {workers: 1}
                task:
                  type: bert-classification
                  model: %s
                  dataset: %s
                  max_train_examples: 8
                  max_eval_examples: 8
                parameters:
                  learning_rate: {values: [2.0e-5]}
                  epochs: {value: 1}
                  max_len: {value: 16}
                """.formatted(name, model, dataset);
    }

    private static final String DATASET = "{path: train.tsv, format: tsv, header: true, text: sentence, label: label}";

    @Test
    void aValidOnnxFileThatIsNotABertIsNamedAsSuch() throws Exception {
        writeDataset();
        Files.write(dir.resolve("identity.onnx"), identityOnnx());
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        TrialRecord t = runAndGetTheOnlyTrial("not-bert",
                sweep("not-bert", "{onnx: identity.onnx, tokenizer: tokenizer.json}", DATASET));
        assertClearFailure(t, dir.resolve("identity.onnx").toString(), "not a BERT encoder");
    }

    @Test
    void aModelAndTokenizerGivenTheWrongWayRoundNameTheModelFile() throws Exception {
        writeDataset();
        Files.write(dir.resolve("identity.onnx"), identityOnnx());
        Files.writeString(dir.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": {\"type\": \"WordPiece\"}}");
        TrialRecord t = runAndGetTheOnlyTrial("swapped",
                sweep("swapped", "{onnx: tokenizer.json, tokenizer: identity.onnx}", DATASET));
        assertClearFailure(t, dir.resolve("tokenizer.json").toString(), "ONNX");
    }

    @Test
    void aDatasetFileThatDoesNotExistIsNamed() throws Exception {
        TrialRecord t = runAndGetTheOnlyTrial("no-data", sweep("no-data", "all-minilm-l6-v2",
                "{path: no-such-dir/train.tsv, format: tsv, header: true, text: sentence, label: label}"));
        assertClearFailure(t, dir.resolve("no-such-dir").resolve("train.tsv").toString(), "not found");
    }

    private TrialRecord runAndGetTheOnlyTrial(String name, String sweepText) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, sweepText);
        Path db = dir.resolve("runs").resolve("sweep");
        InProcessCli.Result r = new InProcessCli(dir).run("run", file.toString(), "--db", db.toString(),
                "--no-progress");
        assertEquals(0, r.exit(), "the sweep ran to its end\n" + r);
        StoredSweep s = StoredSweep.read(db, name).orElseThrow();
        assertEquals(1, s.trials().size(), s.describe());
        TrialRecord t = s.trials().get(0);
        assertTrue(r.err().contains("trial 0 FAILED (" + t.error().lines().findFirst().orElse("")), r.toString());
        return t;
    }

    private static void assertClearFailure(TrialRecord t, String path, String problem) {
        assertEquals(TrialState.FAILED, t.state(), t.toString());
        assertEquals(1, t.attempt(), "a bad input is not retried: " + t);
        String first = t.error().lines().findFirst().orElse("");
        assertTrue(first.contains(path) && first.contains(problem),
                "the first line of the error names " + path + " and says '" + problem + "', but is: " + first);
    }

    private void writeDataset() throws Exception {
        Files.writeString(dir.resolve("train.tsv"), "sentence\tlabel\na fine film\t1\na dull film\t0\n"
                + "lovely\t1\nboring\t0\n", StandardCharsets.UTF_8);
    }

    /**
     * A valid ONNX model that is not a BERT: ir_version 7, opset 13, one Identity node from x to y, encoded by hand
     * (protobuf wire format) so the test needs no ONNX library.
     */
    static byte[] identityOnnx() {
        byte[] floatTensor = concat(varintField(1, 1), bytesField(2, bytesField(1, varintField(1, 4))));
        byte[] type = bytesField(1, floatTensor);
        byte[] node = concat(bytesField(1, ascii("x")), bytesField(2, ascii("y")), bytesField(3, ascii("identity")),
                bytesField(4, ascii("Identity")));
        byte[] graph = concat(bytesField(1, node), bytesField(2, ascii("not-bert")),
                bytesField(11, concat(bytesField(1, ascii("x")), bytesField(2, type))),
                bytesField(12, concat(bytesField(1, ascii("y")), bytesField(2, type))));
        return concat(varintField(1, 7), bytesField(2, ascii("sweep-tests")), bytesField(7, graph),
                bytesField(8, concat(bytesField(1, new byte[0]), varintField(2, 13))));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] varint(long n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((n & ~0x7FL) != 0) {
            out.write((int) (n & 0x7F) | 0x80);
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }

    private static byte[] varintField(int field, long value) {
        return concat(varint((long) field << 3), varint(value));
    }

    private static byte[] bytesField(int field, byte[] payload) {
        return concat(varint((long) field << 3 | 2), varint(payload.length), payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : List.of(parts)) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
