package dev.sweep.worker.data;

import java.util.List;

/**
 * A dataset that cannot be provided: not found, not downloadable, a checksum mismatch, or rows that are broken
 * ({@link #badRows()} then lists them, the message shows the first five).
 */
public class DatasetException extends RuntimeException {
    private final List<BadRow> badRows;

    public DatasetException(String message) {
        this(message, List.of(), null);
    }

    public DatasetException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public DatasetException(String message, List<BadRow> badRows, Throwable cause) {
        super(message, cause);
        this.badRows = List.copyOf(badRows);
    }

    /** Every broken row found (not only the five in the message); empty for other failures. */
    public List<BadRow> badRows() {
        return badRows;
    }
}
