package dev.sweep.orchestrator.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every error found in one sweep file, so that the user sees all of them at once. */
final class Problems {
    private final String file;
    private final List<SweepFileError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** An error about a node's value, reported at the node. */
    void at(YamlNode node, String message) {
        at(node.mark(), node.path(), message);
    }

    /** An error about a key itself (unknown, duplicated), reported at the key. */
    void atKey(YamlNode.Entry entry, String parentPath, String message) {
        at(entry.keyMark(), YamlNode.child(parentPath, entry.key()), message);
    }

    void at(YamlNode.Mark mark, String path, String message) {
        errors.add(new SweepFileError(file, mark.line(), mark.column(), path, message));
    }

    int count() {
        return errors.size();
    }

    boolean any() {
        return !errors.isEmpty();
    }

    /** Throws a {@link SweepFileException} with every error, sorted by line then column, when there is any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            List<SweepFileError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(SweepFileError::line).thenComparingInt(SweepFileError::column));
            throw new SweepFileException(sorted);
        }
    }
}
