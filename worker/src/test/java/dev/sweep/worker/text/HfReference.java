package dev.sweep.worker.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/** The HuggingFace tokenizers library (through DJL's JNI binding) loaded from a tokenizer.json on the class path. */
final class HfReference implements AutoCloseable {
    static final String MINILM = "all-minilm-l6-v2-tokenizer.json";
    static final String BGE = "bge-small-en-v1.5-tokenizer.json";

    private final HuggingFaceTokenizer untruncated;
    private final String resource;

    HfReference(String resource) {
        // DJL otherwise probes the EC2 metadata service and sends telemetry; tests must stay off the network
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
        this.resource = resource;
        this.untruncated = load(Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true"));
    }

    HuggingFaceTokenizer load(Map<String, String> options) {
        try (InputStream in = HfReference.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HF ids of [CLS] a [SEP] (b [SEP]) without truncation. */
    int[] encode(String a, String b) {
        var enc = b == null ? untruncated.encode(a) : untruncated.encode(a, b);
        return Arrays.stream(enc.getIds()).mapToInt(Math::toIntExact).toArray();
    }

    ai.djl.huggingface.tokenizers.Encoding[] batch(String[] texts) {
        return untruncated.batchEncode(texts, false, false);
    }

    WordPieceTokenizer ours() {
        return WordPieceTokenizer.fromResource(HfReference.class.getClassLoader(), resource);
    }

    @Override
    public void close() {
        untruncated.close();
    }
}
