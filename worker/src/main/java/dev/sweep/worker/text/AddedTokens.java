package dev.sweep.worker.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * HuggingFace's added-vocabulary split: the contents of added tokens ({@code [CLS]}, {@code [SEP]}, ...) are found in
 * the text leftmost-longest first and become their own id; the text between them goes through normalization,
 * pre-tokenization and the model. Tokens marked {@code normalized: false} are matched in the raw text, those marked
 * {@code normalized: true} in each normalized piece.
 */
final class AddedTokens {

    /** One piece of text: either a matched added token ({@code id >= 0}) or text to tokenize ({@code id == -1}). */
    record Piece(String text, int id) {
        boolean isAdded() {
            return id >= 0;
        }
    }

    private final List<Map.Entry<String, Integer>> tokens;
    private final java.util.BitSet firstChars = new java.util.BitSet();

    /** @param tokens content → id, matched longest first where two start at the same place */
    AddedTokens(Map<String, Integer> tokens) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(tokens.entrySet());
        sorted.removeIf(e -> e.getKey().isEmpty());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
        this.tokens = List.copyOf(sorted);
        this.tokens.forEach(e -> firstChars.set(e.getKey().charAt(0)));
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** Splits text into pieces; text pieces may be empty strings only when the text itself is empty. */
    List<Piece> split(String text) {
        List<Piece> pieces = new ArrayList<>();
        if (tokens.isEmpty() || text.chars().noneMatch(firstChars::get)) {
            pieces.add(new Piece(text, -1));
            return pieces;
        }
        int textStart = 0;
        int i = 0;
        while (i < text.length()) {
            Map.Entry<String, Integer> match = firstChars.get(text.charAt(i)) ? longestAt(text, i) : null;
            if (match == null) {
                i++;
                continue;
            }
            if (i > textStart) {
                pieces.add(new Piece(text.substring(textStart, i), -1));
            }
            pieces.add(new Piece(match.getKey(), match.getValue()));
            i += match.getKey().length();
            textStart = i;
        }
        if (textStart < text.length() || pieces.isEmpty()) {
            pieces.add(new Piece(text.substring(textStart), -1));
        }
        return pieces;
    }

    private Map.Entry<String, Integer> longestAt(String text, int at) {
        for (Map.Entry<String, Integer> token : tokens) {
            if (text.startsWith(token.getKey(), at)) {
                return token;
            }
        }
        return null;
    }
}
