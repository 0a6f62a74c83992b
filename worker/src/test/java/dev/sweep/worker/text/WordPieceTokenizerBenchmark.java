package dev.sweep.worker.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Throughput of our tokenizer against HuggingFace's Rust tokenizer (through DJL, one call per sentence, in the same
 * process), on SST-2's 67,349 training sentences. Not a test: run its {@code main} with the worker's test class
 * path, or with surefire: -Dgroups=benchmark -Dtest=WordPieceTokenizerBenchmark (where the surefire setup allows
 * overriding the excluded tag).
 */
@Tag("benchmark")
class WordPieceTokenizerBenchmark {

    public static void main(String[] args) {
        new WordPieceTokenizerBenchmark().oursAgainstHuggingFace();
    }

    @Test
    void oursAgainstHuggingFace() {
        Path datasets = TokenizerCorpus.datasetsDir().orElse(null);
        Assumptions.assumeTrue(datasets != null, "shared/datasets is absent");
        List<String> sentences = TokenizerCorpus.sample(datasets.resolve("sst2/train.tsv"), 1, Integer.MAX_VALUE)
                .stream().map(r -> r[0]).toList();
        try (HfReference hf = new HfReference(HfReference.MINILM);
             HuggingFaceTokenizer djl = hf.load(Map.of("truncation", "false", "padding", "false"))) {
            WordPieceTokenizer ours = hf.ours();
            double[] ratios = new double[5];
            for (int round = 0; round < ratios.length; round++) {
                long t0 = System.nanoTime();
                long n = 0;
                for (String s : sentences) {
                    n += ours.encode(s, null, 512).length();
                }
                long t1 = System.nanoTime();
                long m = 0;
                for (String s : sentences) {
                    m += djl.encode(s).getIds().length;
                }
                long t2 = System.nanoTime();
                ratios[round] = (double) (t1 - t0) / (t2 - t1);
                System.out.printf("round %d: ours %.0f sentences/s, HuggingFace via DJL %.0f sentences/s, "
                        + "time ratio ours/HF %.2f (tokens %d vs %d)%n", round, sentences.size() / ((t1 - t0) / 1e9),
                        sentences.size() / ((t2 - t1) / 1e9), ratios[round], n, m);
            }
            Arrays.sort(ratios);
            System.out.printf("median time ratio ours/HF: %.2f%n", ratios[ratios.length / 2]);
        }
    }
}
