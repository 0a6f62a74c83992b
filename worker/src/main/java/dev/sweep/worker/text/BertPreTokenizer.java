package dev.sweep.worker.text;

import java.util.ArrayList;
import java.util.List;

/**
 * HuggingFace's {@code BertPreTokenizer}: split on White_Space (dropped), then isolate every punctuation character:
 * ASCII punctuation (which includes {@code $+<=>^`|~}) and the Unicode categories Pc, Pd, Ps, Pe, Pi, Pf and Po.
 */
final class BertPreTokenizer {
    private final HfUnicode unicode;

    BertPreTokenizer(HfUnicode unicode) {
        this.unicode = unicode;
    }

    /** Splits normalized text into words. */
    List<String> split(String normalized) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (BertNormalizer.isWhitespace(cp)) {
                flush(word, words);
            } else if (isPunctuation(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private boolean isPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }
        return unicode.isPunctuation(c);
    }
}
