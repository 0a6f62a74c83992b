package dev.sweep.worker.bert;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.sweep.worker.text.Encoding;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Reference tokenizer (DJL) and reference runtime (ONNX Runtime) for the BERT tests. */
final class BertTestSupport {

    static final List<String> SENTENCES = List.of(
            "A gripping, beautifully acted film.",
            "The plot was dull and the jokes fell flat!",
            "I can't say I enjoyed it, but the soundtrack — wow.",
            "Utterly forgettable.",
            "An ambitious, over-long epic that never quite lands its emotional punches.",
            "Café owners in Zürich loved it",
            "meh",
            "It is the best movie of the year, and I will watch it again with my family next weekend.");

    private BertTestSupport() {
    }

    static HuggingFaceTokenizer tokenizer(ModelSource source, int maxLen) throws IOException {
        try (InputStream in = source.tokenizer().open()) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "true", "maxLength",
                    Integer.toString(maxLen), "padding", "false"));
        }
    }

    static List<Encoding> encode(HuggingFaceTokenizer tok, List<String> texts) {
        List<Encoding> out = new ArrayList<>();
        for (String t : texts) {
            ai.djl.huggingface.tokenizers.Encoding e = tok.encode(t);
            out.add(new Encoding(toInt(e.getIds()), toInt(e.getTypeIds()), toInt(e.getAttentionMask())));
        }
        return out;
    }

    static Batch batch(List<Encoding> encodings, int length) {
        int[] labels = new int[encodings.size()];
        int[] idx = new int[encodings.size()];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = i % 2;
            idx[i] = i;
        }
        return Batch.of(encodings, labels, idx, encodings.size(), length);
    }

    /** Last hidden state [B][L][H] from ONNX Runtime running {@code onnx} on the batch. */
    static float[][][] ortHidden(byte[] onnx, Batch batch) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx, opts)) {
            Map<String, OnnxTensor> in = ortInputs(env, session, batch);
            try (OrtSession.Result res = session.run(in)) {
                return (float[][][]) res.get(0).getValue();
            } finally {
                in.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** The batch as ONNX Runtime inputs of {@code session} (token types only where the model takes them). */
    static Map<String, OnnxTensor> ortInputs(OrtEnvironment env, OrtSession session, Batch batch) throws Exception {
        long[][] ids = new long[batch.batch()][batch.length()];
        long[][] types = new long[batch.batch()][batch.length()];
        long[][] mask = new long[batch.batch()][batch.length()];
        for (int r = 0; r < batch.batch(); r++) {
            for (int t = 0; t < batch.length(); t++) {
                ids[r][t] = batch.ids()[r * batch.length() + t];
                types[r][t] = batch.typeIds()[r * batch.length() + t];
                mask[r][t] = (long) batch.mask()[r * batch.length() + t];
            }
        }
        Map<String, OnnxTensor> in = new HashMap<>();
        in.put("input_ids", OnnxTensor.createTensor(env, ids));
        in.put("attention_mask", OnnxTensor.createTensor(env, mask));
        if (session.getInputNames().contains("token_type_ids")) {
            in.put("token_type_ids", OnnxTensor.createTensor(env, types));
        }
        return in;
    }

    /**
     * A batch of {@code b} rows whose {@code l} tokens are all real: [CLS], random word ids from {@code rng},
     * [SEP] (the speed benchmarks' worst case: no padding).
     */
    static Batch randomFullBatch(int b, int l, SplittableRandom rng) {
        List<Encoding> enc = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            int[] ids = new int[l];
            ids[0] = 101;
            for (int t = 1; t < l - 1; t++) {
                ids[t] = 1000 + rng.nextInt(20000);
            }
            ids[l - 1] = 102;
            int[] ones = new int[l];
            Arrays.fill(ones, 1);
            enc.add(new Encoding(ids, new int[l], ones));
        }
        return batch(enc, l);
    }

    static byte[] onnxBytes(ModelSource source) throws IOException {
        try (InputStream in = source.onnx().open()) {
            return in.readAllBytes();
        }
    }

    private static int[] toInt(long[] v) {
        return Arrays.stream(v).mapToInt(x -> (int) x).toArray();
    }
}
