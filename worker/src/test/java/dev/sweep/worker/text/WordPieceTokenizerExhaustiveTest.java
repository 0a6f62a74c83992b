package dev.sweep.worker.text;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
