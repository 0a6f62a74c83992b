package dev.sweep.worker.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our tokenizer against HuggingFace's (DJL binding), on real sentences and hard cases, for both pretrained models. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WordPieceTokenizerTest {
    private final Map<String, WordPieceTokenizer> ours = new HashMap<>();
    private final List<TokenizerCorpus.Pair> truncationPairs = new ArrayList<>();

    @BeforeAll
    void loadTokenizersAndPairs() {
        for (String resource : List.of(HfReference.MINILM, HfReference.BGE)) {
            ours.put(resource, WordPieceTokenizer.fromResource(getClass().getClassLoader(), resource));
        }
        TokenizerCorpus.datasetsDir().ifPresent(d -> truncationPairs.addAll(TokenizerCorpus.pairs(d)));
        List<String> hard = TokenizerCorpus.HARD_CASES;
        for (int i = 0; i < hard.size(); i++) {
            truncationPairs.add(new TokenizerCorpus.Pair(hard.get(i), hard.get((i + 5) % hard.size())));
        }
        truncationPairs.add(new TokenizerCorpus.Pair("one two three four five six seven eight nine ten", "a b"));
        truncationPairs.add(new TokenizerCorpus.Pair("a b", "one two three four five six seven eight nine ten"));
        truncationPairs.add(new TokenizerCorpus.Pair("one two three four five six seven", "uno dos tres cuatro cinco"));
        truncationPairs.add(new TokenizerCorpus.Pair("one two three four five six", "uno dos tres cuatro cinco seis"));
        String longText = String.join(" ", TokenizerCorpus.HARD_CASES.subList(4, 40));
        truncationPairs.add(new TokenizerCorpus.Pair(longText, longText.substring(longText.length() / 3)));
        truncationPairs.add(new TokenizerCorpus.Pair("short question?", longText));
    }

    @ParameterizedTest
    @ValueSource(strings = {HfReference.MINILM, HfReference.BGE})
    void hardCasesGiveHuggingFaceIds(String resource) {
        try (HfReference hf = new HfReference(resource)) {
            WordPieceTokenizer ours = this.ours.get(resource);
            List<String> mismatches = new ArrayList<>();
            for (String text : TokenizerCorpus.HARD_CASES) {
                compare(hf.encode(text, null), ours.encode(text, null, Integer.MAX_VALUE), text, mismatches);
            }
            for (int i = 0; i < TokenizerCorpus.HARD_CASES.size(); i++) {
                String a = TokenizerCorpus.HARD_CASES.get(i);
                String b = TokenizerCorpus.HARD_CASES.get((i * 7 + 3) % TokenizerCorpus.HARD_CASES.size());
                compare(hf.encode(a, b), ours.encode(a, b, Integer.MAX_VALUE), a + " || " + b, mismatches);
            }
            assertEquals(List.of(), mismatches);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {HfReference.MINILM, HfReference.BGE})
    void datasetSentencesAndPairsGiveHuggingFaceIds(String resource) {
        Path datasets = TokenizerCorpus.datasetsDir().orElse(null);
        Assumptions.assumeTrue(datasets != null, "shared/datasets is absent");
        List<String> sentences = TokenizerCorpus.sentences(datasets);
        List<TokenizerCorpus.Pair> pairs = TokenizerCorpus.pairs(datasets);
        assertTrue(sentences.size() >= 250 && pairs.size() >= 250, "corpus too small: " + sentences.size()
                + " sentences, " + pairs.size() + " pairs");
        try (HfReference hf = new HfReference(resource)) {
            WordPieceTokenizer ours = this.ours.get(resource);
            List<String> mismatches = new ArrayList<>();
            for (String s : sentences) {
                compare(hf.encode(s, null), ours.encode(s, null, Integer.MAX_VALUE), s, mismatches);
            }
            for (TokenizerCorpus.Pair p : pairs) {
                compare(hf.encode(p.a(), p.b()), ours.encode(p.a(), p.b(), Integer.MAX_VALUE), p.toString(),
                        mismatches);
            }
            assertEquals(List.of(), mismatches);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 17, 128})
    void truncationIsLongestFirstLikeHuggingFace(int maxLen) {
        // HuggingFace also builds every overflow window (their cross product for pairs): keep the sides short
        // enough that the reference stays fast at small maxLen
        WordPieceTokenizer minilm = ours.get(HfReference.MINILM);
        List<TokenizerCorpus.Pair> pairs = truncationPairs.stream().filter(p -> minilm.ids(p.a()).length <= 4 * maxLen
                && minilm.ids(p.b()).length <= 4 * maxLen).toList();
        assertTrue(pairs.size() >= 40, "too few pairs at maxLen=" + maxLen + ": " + pairs.size());
        try (HfReference hf = new HfReference(HfReference.MINILM);
             HuggingFaceTokenizer truncating = hf.load(Map.of("truncation", "true", "maxLength",
                     String.valueOf(maxLen), "padding", "false"))) {
            WordPieceTokenizer ours = this.ours.get(HfReference.MINILM);
            List<String> mismatches = new ArrayList<>();
            int truncated = 0;
            for (TokenizerCorpus.Pair p : pairs) {
                var single = truncating.encode(p.a());
                compare(longs(single.getIds()), ours.encode(p.a(), null, maxLen), "single " + p.a(), mismatches);
                var pair = truncating.encode(p.a(), p.b());
                assertTrue(pair.getIds().length <= maxLen, "DJL did not truncate: " + pair.getIds().length);
                Encoding mine = ours.encode(p.a(), p.b(), maxLen);
                compare(longs(pair.getIds()), mine, p.toString(), mismatches);
                if (!Arrays.equals(longs(pair.getTypeIds()), mine.typeIds())) {
                    mismatches.add("type ids differ for " + p);
                }
                truncated += mine.length() == maxLen ? 1 : 0;
            }
            assertEquals(List.of(), mismatches);
            assertTrue(truncated > 0, "no pair was long enough to be truncated at maxLen=" + maxLen);
        }
    }

    @Test
    void typeIdsMaskAndSpecialTokensFollowTheBertTemplate() {
        WordPieceTokenizer tok = ours.get(HfReference.MINILM);
        Encoding e = tok.encode("Hello, world!", "Second one.", 64);
        int[] ids = e.ids();
        assertEquals(tok.clsId(), ids[0]);
        assertEquals(List.of("hello", ",", "world", "!"), tok.tokenize("Hello, world!"));
        assertEquals(tok.sepId(), ids[5]);
        assertEquals(tok.sepId(), ids[ids.length - 1]);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1}, e.typeIds());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, e.attentionMask());
        assertEquals(0, tok.padId());
        assertEquals(100, tok.unkId());
        assertEquals(30522, tok.vocabSize());
        assertEquals(List.of("una", "##ffa", "##ble"), tok.tokenize("unaffable"));
        assertEquals(List.of("[UNK]"), tok.tokenize("x".repeat(101)));
        assertEquals(List.of("[SEP]", "a", "[", "cl", "##s", "]"), tok.tokenize("[SEP]a[cls]"));
    }

    @Test
    void longestFirstKeepsTheShorterSideWhenItFitsAndHalvesOtherwise() {
        assertArrayEquals(new int[] {3, 5}, WordPieceTokenizer.longestFirst(3, 10, 8));
        assertArrayEquals(new int[] {5, 3}, WordPieceTokenizer.longestFirst(10, 3, 8));
        assertArrayEquals(new int[] {4, 4}, WordPieceTokenizer.longestFirst(10, 9, 8));
        assertArrayEquals(new int[] {5, 4}, WordPieceTokenizer.longestFirst(10, 9, 9));
        assertArrayEquals(new int[] {4, 5}, WordPieceTokenizer.longestFirst(9, 10, 9));
        assertArrayEquals(new int[] {0, 0}, WordPieceTokenizer.longestFirst(2, 2, 0));
    }

    @Test
    void tooSmallMaxLenIsRefused() {
        WordPieceTokenizer tok = ours.get(HfReference.MINILM);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> tok.encode("a", "b", 2));
        assertEquals("maxLen >= 3 (the special tokens) must hold, but got maxLen=2", e.getMessage());
        assertEquals(2, tok.encode("a b c", null, 2).length());
    }

    private static void compare(int[] expected, Encoding actual, String text, List<String> mismatches) {
        if (!Arrays.equals(expected, actual.ids())) {
            mismatches.add("text " + text + ": hf=" + Arrays.toString(expected) + " ours="
                    + Arrays.toString(actual.ids()));
        }
    }

    private static int[] longs(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }
}
