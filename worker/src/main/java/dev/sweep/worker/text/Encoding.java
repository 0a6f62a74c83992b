package dev.sweep.worker.text;

/** Token ids, token type ids and attention mask of one encoded example, all of the same length. */
public record Encoding(int[] ids, int[] typeIds, int[] attentionMask) {
    public Encoding {
        if (ids.length != typeIds.length || ids.length != attentionMask.length) {
            throw new IllegalArgumentException("ids, typeIds and attentionMask must have one length, but got ("
                    + ids.length + ", " + typeIds.length + ", " + attentionMask.length + ")");
        }
    }

    public int length() {
        return ids.length;
    }
}
