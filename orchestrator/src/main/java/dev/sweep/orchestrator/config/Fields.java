package dev.sweep.orchestrator.config;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validating access to one mapping of a sweep file. Every getter records an error (with the value's
 * position and key path) when the value has the wrong type, and then answers empty, so validation goes on and
 * the user sees every problem at once. An empty value ({@code key:} or {@code key: null}) counts as absent.
 */
final class Fields {
    private final YamlNode.Mapping map;
    private final Problems problems;

    private Fields(YamlNode.Mapping map, Problems problems) {
        this.map = map;
        this.problems = problems;
    }

    /** The node as a mapping; records "expected a mapping" otherwise. */
    static Optional<Fields> of(YamlNode node, Problems problems) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(new Fields(m, problems));
        }
        problems.at(node, "expected a mapping, but got " + YamlNode.describe(node));
        return Optional.empty();
    }

    YamlNode.Mapping node() {
        return map;
    }

    String path() {
        return map.path();
    }

    /** Records an "unknown key" error, with a did-you-mean, for each key outside {@code known}. */
    void allowOnly(Collection<String> known) {
        allowOnly(known, Map.of());
    }

    /** As {@link #allowOnly(Collection)}, with a specific message for some unknown keys (e.g. W&B-only keys). */
    void allowOnly(Collection<String> known, Map<String, String> hints) {
        for (YamlNode.Entry e : map.entries()) {
            if (!known.contains(e.key())) {
                String hint = hints.get(e.key());
                problems.atKey(e, map.path(), "unknown key '" + e.key() + "'"
                        + (hint != null ? "; " + hint : Suggestions.hint(e.key(), known)));
            }
        }
    }

    /** True when the key is present with a non-empty value. */
    boolean has(String key) {
        return get(key).isPresent();
    }

    /** The key's value node, empty when absent or empty. */
    Optional<YamlNode> get(String key) {
        return map.get(key).filter(n -> !(n instanceof YamlNode.Scalar s && s.value() == null));
    }

    Optional<YamlNode.Entry> entry(String key) {
        return map.entry(key);
    }

    /** Records "required key 'k' is missing" (or "must not be empty") unless the key has a value. */
    boolean require(String key) {
        if (has(key)) {
            return true;
        }
        Optional<YamlNode> raw = map.get(key);
        if (raw.isPresent()) {
            problems.at(raw.get(), "must not be empty");
        } else {
            problems.at(map.mark(), map.path(), "required key '" + key + "' is missing");
        }
        return false;
    }

    Optional<String> string(String key) {
        return get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && s.value() instanceof String v) {
                return Optional.of(v);
            }
            return wrong(n, "a string");
        });
    }

    Optional<Long> integer(String key) {
        return get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && (s.value() instanceof Integer || s.value() instanceof Long)) {
                return Optional.of(((Number) s.value()).longValue());
            }
            return wrong(n, "an integer");
        });
    }

    /** An integer that must be at least {@code min}: "run_cap >= 1 must hold, but got (run_cap=0)". */
    Optional<Long> integer(String key, long min) {
        Optional<Long> v = integer(key);
        if (v.isPresent() && v.get() < min) {
            problems.at(get(key).orElseThrow(), key + " >= " + min + " must hold, but got (" + key + "=" + v.get() + ")");
            return Optional.empty();
        }
        return v;
    }

    /** An int-sized integer of at least {@code min}. */
    static Optional<Integer> small(Fields f, String key, long min) {
        Optional<Long> v = f.integer(key, min);
        if (v.isPresent() && v.get() > Integer.MAX_VALUE) {
            f.problems.at(f.get(key).orElseThrow(), key + " <= " + Integer.MAX_VALUE + " must hold, but got (" + key + "=" + v.get() + ")");
            return Optional.empty();
        }
        return v.map(Long::intValue);
    }

    Optional<Double> number(String key) {
        return get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && s.value() instanceof Number v) {
                return Optional.of(v.doubleValue());
            }
            return wrong(n, "a number");
        });
    }

    Optional<Boolean> bool(String key) {
        return get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && s.value() instanceof Boolean v) {
                return Optional.of(v);
            }
            return wrong(n, "a boolean (true or false)");
        });
    }

    Optional<YamlNode.Mapping> mapping(String key) {
        return get(key).flatMap(n -> n instanceof YamlNode.Mapping m ? Optional.of(m) : wrong(n, "a mapping"));
    }

    Optional<YamlNode.Sequence> sequence(String key) {
        return get(key).flatMap(n -> n instanceof YamlNode.Sequence s ? Optional.of(s) : wrong(n, "a list"));
    }

    /** Records "expected X, but got Y" at the node and answers empty. */
    <T> Optional<T> wrong(YamlNode node, String expected) {
        problems.at(node, "expected " + expected + ", but got " + YamlNode.describe(node));
        return Optional.empty();
    }
}
