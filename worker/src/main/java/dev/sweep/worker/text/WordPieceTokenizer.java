package dev.sweep.worker.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A BERT tokenizer read from a HuggingFace {@code tokenizer.json} that gives the same ids as the HuggingFace
 * {@code tokenizers} library for BERT-family files (BertNormalizer + BertPreTokenizer + WordPiece + BERT template):
 * added tokens split first, then {@link BertNormalizer}, {@link BertPreTokenizer}, {@link WordPiece}; pairs
 * are {@code [CLS] a [SEP] b [SEP]} with type ids 0/1, truncated with the {@code longest_first} strategy.
 * Immutable and thread-safe. Encodings are never padded (the model pads per bucket with {@link #padId()}).
 */
public final class WordPieceTokenizer {
    private final BertNormalizer normalizer;
    private final BertPreTokenizer preTokenizer;
    private final WordPiece model;
    private final AddedTokens rawAdded;
    private final AddedTokens normalizedAdded;
    private final int clsId;
    private final int sepId;
    private final int padId;
    private final int vocabSize;

    private WordPieceTokenizer(TokenizerJson.Parts parts) {
        this.normalizer = parts.normalizer();
        this.preTokenizer = new BertPreTokenizer(parts.normalizer().unicode());
        this.model = parts.model();
        this.rawAdded = parts.rawAdded();
        this.normalizedAdded = parts.normalizedAdded();
        this.clsId = parts.clsId();
        this.sepId = parts.sepId();
        this.padId = parts.padId();
        this.vocabSize = parts.vocabSize();
    }

    /** Reads a tokenizer.json; the stream is read fully and not closed. */
    public static WordPieceTokenizer fromTokenizerJson(InputStream in) throws IOException {
        return new WordPieceTokenizer(TokenizerJson.read(in));
    }

    public static WordPieceTokenizer fromTokenizerJson(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromTokenizerJson(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a tokenizer.json from the class path (e.g. "all-minilm-l6-v2-tokenizer.json" of the langchain4j jar). */
    public static WordPieceTokenizer fromResource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("tokenizer resource " + name + " is not on the class path");
            }
            return fromTokenizerJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading tokenizer resource " + name, e);
        }
    }

    /** The tokens of a text, without [CLS]/[SEP] (HuggingFace {@code encode(text, add_special_tokens=False).tokens}). */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        forEachPiece(text, (token, id) -> tokens.add(token));
        return tokens;
    }

    /** The ids of a text, without [CLS]/[SEP]. */
    public int[] ids(String text) {
        IntList ids = new IntList();
        forEachPiece(text, (token, id) -> ids.add(id));
        return ids.toArray();
    }

    /**
     * {@code [CLS] a [SEP]} or, when {@code b} is not null, {@code [CLS] a [SEP] b [SEP]}; at most {@code maxLen} ids
     * ({@code longest_first}: the longer side loses tokens first, both end at about half when both are long).
     * Type ids are 0 up to and including the first [SEP], 1 after; the attention mask is all ones; no padding.
     *
     * @param maxLen at least 2 (single) or 3 (pair); {@link Integer#MAX_VALUE} for no truncation
     */
    public Encoding encode(String a, String b, int maxLen) {
        int specials = b == null ? 2 : 3;
        if (maxLen < specials) {
            throw new IllegalArgumentException("maxLen >= " + specials + " (the special tokens) must hold, but got "
                    + "maxLen=" + maxLen);
        }
        int[] idsA = ids(a);
        int[] idsB = b == null ? new int[0] : ids(b);
        int budget = maxLen - specials;
        int nA = idsA.length;
        int nB = idsB.length;
        if (b == null) {
            nA = Math.min(nA, budget);
        } else if (nA + nB > budget) {
            int[] kept = longestFirst(nA, nB, budget);
            nA = kept[0];
            nB = kept[1];
        }
        int length = specials + nA + nB;
        int[] ids = new int[length];
        int[] types = new int[length];
        ids[0] = clsId;
        System.arraycopy(idsA, 0, ids, 1, nA);
        ids[nA + 1] = sepId;
        if (b != null) {
            System.arraycopy(idsB, 0, ids, nA + 2, nB);
            ids[length - 1] = sepId;
            Arrays.fill(types, nA + 2, length, 1);
        }
        int[] mask = new int[length];
        Arrays.fill(mask, 1);
        return new Encoding(ids, types, mask);
    }

    /** HuggingFace's longest_first for a pair of lengths whose sum exceeds the budget: {kept a, kept b}. */
    static int[] longestFirst(int nA, int nB, int budget) {
        boolean swap = nA > nB;
        int shorter = swap ? nB : nA;
        int longer = swap ? nA : nB;
        longer = shorter > budget ? shorter : Math.max(shorter, budget - shorter);
        if (shorter + longer > budget) {
            shorter = budget / 2;
            longer = shorter + budget % 2;
        }
        return swap ? new int[] {longer, shorter} : new int[] {shorter, longer};
    }

    public int padId() {
        return padId;
    }

    public int clsId() {
        return clsId;
    }

    public int sepId() {
        return sepId;
    }

    public int unkId() {
        return model.unkId();
    }

    /** One more than the largest id (vocabulary and added tokens). */
    public int vocabSize() {
        return vocabSize;
    }

    private interface PieceSink {
        void accept(String token, int id);
    }

    private void forEachPiece(String text, PieceSink sink) {
        for (AddedTokens.Piece raw : rawAdded.split(text)) {
            if (raw.isAdded()) {
                sink.accept(raw.text(), raw.id());
                continue;
            }
            for (AddedTokens.Piece piece : normalizedAdded.split(normalizer.normalize(raw.text()))) {
                if (piece.isAdded()) {
                    sink.accept(piece.text(), piece.id());
                    continue;
                }
                List<String> tokens = new ArrayList<>();
                for (String word : preTokenizer.split(piece.text())) {
                    model.tokenize(word, tokens);
                }
                for (String token : tokens) {
                    sink.accept(token, model.id(token));
                }
            }
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[32];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
