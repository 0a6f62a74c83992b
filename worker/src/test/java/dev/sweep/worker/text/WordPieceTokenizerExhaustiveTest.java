package dev.sweep.worker.text;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every code point of Unicode, alone and between letters, against HuggingFace. Slow-ish (about ten seconds), so tagged
 * as a benchmark-style check; run its {@code main} with the worker's test class path.
 */
@Tag("benchmark")
class WordPieceTokenizerExhaustiveTest {

    public static void main(String[] args) {
        new WordPieceTokenizerExhaustiveTest().everyCodePointMatchesHuggingFace();
        new WordPieceTokenizerExhaustiveTest().everyDatasetTextMatchesHuggingFace();
    }

    /** Every text of every shared dataset file (about 100,000 sentences and pairs), both models. */
    @Test
    void everyDatasetTextMatchesHuggingFace() {
        Path datasets = TokenizerCorpus.datasetsDir().orElse(null);
        Assumptions.assumeTrue(datasets != null, "shared/datasets is absent");
        List<String> texts = new ArrayList<>();
        for (String file : List.of("sst2/train.tsv", "sst2/dev.tsv", "mrpc/msr_paraphrase_train.txt",
                "mrpc/msr_paraphrase_test.txt", "rte/train.tsv", "rte/dev.tsv", "rte/test.tsv")) {
            TokenizerCorpus.sample(datasets.resolve(file), 1, Integer.MAX_VALUE)
                    .forEach(r -> Arrays.stream(r).filter(c -> c.length() > 3).forEach(texts::add));
        }
        TokenizerCorpus.sample(datasets.resolve("sst2/sentence_level_harvardnlp/stsa.binary.test"), 1,
                Integer.MAX_VALUE).forEach(r -> texts.add(r[0]));
        TokenizerCorpus.sample(datasets.resolve("medical_questions_pairs/mqp.csv"), 1, Integer.MAX_VALUE)
                .forEach(r -> texts.add(r[0]));
        for (String model : List.of(HfReference.MINILM, HfReference.BGE)) {
            try (HfReference hf = new HfReference(model)) {
                WordPieceTokenizer ours = hf.ours();
                var encodings = hf.batch(texts.toArray(String[]::new));
                List<String> mismatches = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    int[] expected = Arrays.stream(encodings[i].getIds()).mapToInt(Math::toIntExact).toArray();
                    if (!Arrays.equals(expected, ours.ids(texts.get(i)))) {
                        mismatches.add(texts.get(i));
                    }
                }
                System.out.println(model + ": " + texts.size() + " texts, mismatches: " + mismatches.size());
                assertEquals(List.of(), mismatches.stream().limit(20).toList());
            }
        }
    }

    @Test
    void everyCodePointMatchesHuggingFace() {
        try (HfReference hf = new HfReference(HfReference.MINILM)) {
            WordPieceTokenizer ours = hf.ours();
            List<String> mismatches = new ArrayList<>();
            int batch = 8192;
            for (int start = 0; start <= Character.MAX_CODE_POINT; start += batch) {
                List<String> texts = new ArrayList<>();
                List<Integer> cps = new ArrayList<>();
                for (int cp = start; cp < Math.min(start + batch, Character.MAX_CODE_POINT + 1); cp++) {
                    if (cp >= 0xD800 && cp <= 0xDFFF) {
                        continue;
                    }
                    String c = new String(Character.toChars(cp));
                    texts.add("a" + c + "b");
                    texts.add(c);
                    cps.add(cp);
                    cps.add(cp);
                }
                var encodings = hf.batch(texts.toArray(String[]::new));
                for (int i = 0; i < texts.size(); i++) {
                    int[] expected = Arrays.stream(encodings[i].getIds()).mapToInt(Math::toIntExact).toArray();
                    int[] actual = ours.ids(texts.get(i));
                    if (!Arrays.equals(expected, actual)) {
                        int cp = cps.get(i);
                        mismatches.add(String.format("U+%04X %s type=%d hf=%s ours=%s", cp,
                                i % 2 == 0 ? "a_b" : "alone", Character.getType(cp), Arrays.toString(expected),
                                Arrays.toString(actual)));
                    }
                }
            }
            System.out.println("mismatches: " + mismatches.size());
            mismatches.stream().limit(400).forEach(System.out::println);
            assertEquals(List.of(), mismatches.stream().limit(50).toList());
        }
    }
}
