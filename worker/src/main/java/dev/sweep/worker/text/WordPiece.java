package dev.sweep.worker.text;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HuggingFace's {@code WordPiece} model: greedy longest-match-first over code points, continuation pieces carry the
 * prefix ({@code ##}); a word with no full cover, or longer than {@code maxInputCharsPerWord} code points, becomes the
 * single unknown token.
 */
final class WordPiece {
    private final Map<String, Integer> vocab;
    private final String unkToken;
    private final int unkId;
    private final String prefix;
    private final int maxInputCharsPerWord;

    WordPiece(Map<String, Integer> vocab, String unkToken, String prefix, int maxInputCharsPerWord) {
        this.vocab = Collections.unmodifiableMap(new HashMap<>(vocab));
        this.unkToken = Objects.requireNonNull(unkToken, "unkToken");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        Integer unk = this.vocab.get(unkToken);
        if (unk == null) {
            throw new IllegalArgumentException("the unknown token must be in the vocabulary, but got unk_token="
                    + unkToken + " which is not among the " + vocab.size() + " entries");
        }
        if (maxInputCharsPerWord < 1) {
            throw new IllegalArgumentException("max_input_chars_per_word >= 1 must hold, but got "
                    + maxInputCharsPerWord);
        }
        this.unkId = unk;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    /** Appends the pieces of one pre-tokenized word to {@code tokens}. */
    void tokenize(String word, List<String> tokens) {
        int[] cps = word.codePoints().toArray();
        if (cps.length > maxInputCharsPerWord) {
            tokens.add(unkToken);
            return;
        }
        int mark = tokens.size();
        int start = 0;
        while (start < cps.length) {
            int end = cps.length;
            String piece = null;
            while (start < end) {
                String candidate = new String(cps, start, end - start);
                if (start > 0) {
                    candidate = prefix + candidate;
                }
                if (vocab.containsKey(candidate)) {
                    piece = candidate;
                    break;
                }
                end--;
            }
            if (piece == null) {
                tokens.subList(mark, tokens.size()).clear();
                tokens.add(unkToken);
                return;
            }
            tokens.add(piece);
            start = end;
        }
    }

    /** The id of a token of the vocabulary, or the unknown token's id. */
    int id(String token) {
        return vocab.getOrDefault(token, unkId);
    }

    Integer idOrNull(String token) {
        return vocab.get(token);
    }

    int unkId() {
        return unkId;
    }

    int maxId() {
        return vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }
}
