package dev.sweep.orchestrator.config;

import java.util.List;
import java.util.Optional;

/**
 * A YAML document as a tree that remembers where every node came from, so that validation can name the file's
 * line and column. {@code path} is the key path from the root ({@code parameters.batch_size.values[2]}).
 */
sealed interface YamlNode {

    Mark mark();

    String path();

    /** A 1-based position in the file. */
    record Mark(int line, int column) {
    }

    /** A mapping; keys are unique (duplicates are reported while reading) and keep the file's order. */
    record Mapping(Mark mark, String path, List<Entry> entries) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        public Optional<YamlNode> get(String key) {
            return entry(key).map(Entry::value);
        }
    }

    /** One key of a mapping, with the key's own position. */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }

    record Sequence(Mark mark, String path, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A scalar: String, Integer, Long, Double, Boolean, or null for an empty value / {@code null} / {@code ~}. */
    record Scalar(Mark mark, String path, Object value) implements YamlNode {
    }

    /** How a node is named in messages: "a list", "a string ('abc')", "an integer (3)", … */
    static String describe(YamlNode node) {
        if (node instanceof Mapping) {
            return "a mapping";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        Object v = ((Scalar) node).value();
        if (v == null) {
            return "an empty value";
        }
        if (v instanceof String s) {
            return "a string ('" + s + "')";
        }
        if (v instanceof Boolean) {
            return "a boolean (" + v + ")";
        }
        if (v instanceof Integer || v instanceof Long) {
            return "an integer (" + v + ")";
        }
        return "a number (" + v + ")";
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
