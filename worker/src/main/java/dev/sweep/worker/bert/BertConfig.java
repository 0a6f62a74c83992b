package dev.sweep.worker.bert;

/**
 * The shape of a BERT encoder, detected from its weights: layers, hidden size, attention heads, FFN size,
 * vocabulary, position table and token-type table sizes. LayerNorm epsilon is BERT's 1e-12.
 */
public record BertConfig(int layers, int hidden, int heads, int intermediate, int vocab, int maxPositions,
                         int typeVocab) {
    public BertConfig {
        if (layers < 1 || hidden < 1 || heads < 1 || intermediate < 1 || vocab < 1 || maxPositions < 1 || typeVocab < 1) {
            throw new IllegalArgumentException("every BERT dimension must be >= 1, but got " + describe(layers, hidden,
                    heads, intermediate, vocab, maxPositions, typeVocab));
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden % heads == 0 must hold, but got (hidden=" + hidden + ", heads="
                    + heads + ")");
        }
    }

    public int headSize() {
        return hidden / heads;
    }

    private static String describe(int layers, int hidden, int heads, int intermediate, int vocab, int maxPositions,
                                   int typeVocab) {
        return "(layers=" + layers + ", hidden=" + hidden + ", heads=" + heads + ", intermediate=" + intermediate
                + ", vocab=" + vocab + ", maxPositions=" + maxPositions + ", typeVocab=" + typeVocab + ")";
    }
}
