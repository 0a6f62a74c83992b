package dev.sweep.worker.data;

import java.util.List;
import java.util.Objects;

/**
 * Which cells of a table make an example. A column is a header name, or a 0-based index when the file has no
 * header. {@code label} null means the file is unlabelled (examples get label -1). {@code expectedHeader}, when not
 * null, is the exact header a built-in file must have.
 */
record Columns(String text, String textPair, String label, List<String> expectedHeader) {
    Columns {
        Objects.requireNonNull(text, "text");
        expectedHeader = expectedHeader == null ? null : List.copyOf(expectedHeader);
    }

    Columns unlabelled() {
        return new Columns(text, textPair, null, expectedHeader);
    }
}
