package dev.sweep.worker.command;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reading what a command prints: metric lines on stdout, and the last lines of stderr for failure reports. */
final class OutputLines {

    private OutputLines() {
    }

    /** One metrics line: its step (null when the line has none) and its numeric fields. */
    record MetricsLine(Long step, Map<String, Double> metrics) {
    }

    /** Lenient JSON: Python's json.dumps writes NaN and Infinity, which strict JSON lacks. */
    static ObjectMapper lenientJson() {
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    }

    /**
     * A line that is a JSON object ({@code {"step": 3, "val_accuracy": 0.81}}) gives its numeric fields as
     * metrics; {@code step} (or {@code _step}) is the step. Anything else is not a metrics line.
     */
    static Optional<MetricsLine> parse(String line, ObjectMapper json) {
        String t = line.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = json.readTree(t);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Long step = null;
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (!v.isNumber()) {
                continue;
            }
            if (f.getKey().equals("step") || f.getKey().equals("_step")) {
                step = v.asLong();
            } else {
                metrics.put(f.getKey(), v.asDouble());
            }
        }
        return metrics.isEmpty() && step == null ? Optional.empty() : Optional.of(new MetricsLine(step, metrics));
    }

    /** The last {@code capacity} lines written to it, thread-safe. */
    static final class Tail {
        private final int capacity;
        private final Deque<String> lines = new ArrayDeque<>();

        Tail(int capacity) {
            this.capacity = capacity;
        }

        synchronized void add(String line) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized String text() {
            return String.join("\n", lines);
        }
    }
}
