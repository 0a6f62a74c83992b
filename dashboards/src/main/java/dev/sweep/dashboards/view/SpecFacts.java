package dev.sweep.dashboards.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the dashboard reads from the sweep file's text: how many trials are planned, when that can be known
 * (run_cap, or the size of a grid whose every parameter lists its points, times repeats) and the order in which
 * it lists its parameters (zipped groups contribute their members).
 */
public record SpecFacts(OptionalInt plannedTrials, int repeats, List<String> parameterOrder) {
    public SpecFacts {
        parameterOrder = List.copyOf(parameterOrder);
    }

    public static SpecFacts parse(String specText) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(specText == null ? "" : specText);
        } catch (IOException e) {
            return new SpecFacts(OptionalInt.empty(), 1, List.of());
        }
        if (root == null || !root.isObject()) {
            return new SpecFacts(OptionalInt.empty(), 1, List.of());
        }
        int repeats = Math.max(1, root.path("repeats").asInt(1));
        List<String> order = new ArrayList<>();
        root.path("parameters").fields().forEachRemaining(e -> {
            if (e.getValue().path("zip").isArray()) {
                e.getValue().path("zip").elements().forEachRemaining(z -> z.fieldNames().forEachRemaining(n -> {
                    if (!order.contains(n)) {
                        order.add(n);
                    }
                }));
            } else if (!order.contains(e.getKey())) {
                order.add(e.getKey());
            }
        });
        if (root.path("run_cap").canConvertToInt() && root.path("run_cap").asInt() > 0) {
            return new SpecFacts(OptionalInt.of(root.path("run_cap").asInt()), repeats, order);
        }
        if ("grid".equals(root.path("method").asText()) && root.path("parameters").isObject()) {
            long size = 1;
            for (Iterator<JsonNode> it = root.path("parameters").elements(); it.hasNext(); ) {
                long points = gridPoints(it.next());
                if (points <= 0) {
                    return new SpecFacts(OptionalInt.empty(), repeats, order);
                }
                size *= points;
            }
            long planned = size * repeats;
            return new SpecFacts(planned <= Integer.MAX_VALUE ? OptionalInt.of((int) planned) : OptionalInt.empty(),
                    repeats, order);
        }
        return new SpecFacts(OptionalInt.empty(), repeats, order);
    }

    /** Grid points of one parameter entry; 0 when it cannot be told without the full parser (conditions). */
    private static long gridPoints(JsonNode p) {
        if (p.has("when")) {
            return 0;
        }
        if (p.has("expr") || p.has("value")) {
            return 1;
        }
        if (p.path("values").isArray()) {
            return p.path("values").size();
        }
        if (p.path("zip").isArray()) {
            return p.path("zip").size();
        }
        if (p.path("count").canConvertToInt()) {
            return p.path("count").asInt();
        }
        return 0;
    }
}
