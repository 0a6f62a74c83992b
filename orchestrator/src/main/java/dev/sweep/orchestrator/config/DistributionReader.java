package dev.sweep.orchestrator.config;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Distribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads one parameter's {@code value}, {@code values} or {@code min}/{@code max} range (with W&B's
 * {@code distribution} names) into a {@link Distribution}, recording every rule it breaks.
 */
final class DistributionReader {
    /** W&B's distribution names that map onto ours. */
    static final List<String> SUPPORTED = List.of("constant", "categorical", "uniform", "int_uniform", "q_uniform",
            "log_uniform_values", "q_log_uniform_values", "log_uniform");
    /** W&B's distribution names we refuse, with the reason and the way out. */
    static final Map<String, String> REJECTED = Map.of(
            "inv_log_uniform_values", "is not supported; sample the inverse with log_uniform_values and add a derived parameter (expr: \"1 / x\")",
            "inv_log_uniform", "is not supported; sample the inverse with log_uniform_values and add a derived parameter (expr: \"1 / x\")",
            "q_log_uniform", "is not supported; use log_uniform_values, or values: [...] for log-spaced choices",
            "normal", "is not supported: every range needs finite bounds; use uniform with min and max",
            "q_normal", "is not supported: every range needs finite bounds; use q_uniform with min, max and q",
            "log_normal", "is not supported: every range needs finite bounds; use log_uniform_values with min and max",
            "q_log_normal", "is not supported: every range needs finite bounds; use values: [...] or log_uniform_values");

    private final Problems problems;

    DistributionReader(Problems problems) {
        this.problems = problems;
    }

    /** The distribution of the parameter spec {@code f}; empty when it breaks a rule (recorded). */
    Optional<Distribution> read(Fields f) {
        int before = problems.count();
        Optional<String> kindKey = f.string("distribution");
        if (f.has("distribution") && kindKey.isEmpty()) {
            return Optional.empty();
        }
        String kind = kindKey.orElse(null);
        YamlNode kindNode = f.get("distribution").orElse(f.node());
        if (kind != null && REJECTED.containsKey(kind)) {
            problems.at(kindNode, "distribution '" + kind + "' " + REJECTED.get(kind));
            return Optional.empty();
        }
        if (kind != null && !SUPPORTED.contains(kind)) {
            problems.at(kindNode, "unknown distribution '" + kind + "'" + Suggestions.closest(kind, SUPPORTED)
                    .map(s -> "; did you mean '" + s + "'?").orElse("") + " (valid: " + String.join(", ", SUPPORTED) + ")");
            return Optional.empty();
        }
        List<String> forms = new ArrayList<>();
        if (f.entry("value").isPresent()) {
            forms.add("value");
        }
        if (f.entry("values").isPresent()) {
            forms.add("values");
        }
        if (f.entry("min").isPresent() || f.entry("max").isPresent()) {
            forms.add("min/max");
        }
        if (forms.size() > 1) {
            problems.at(f.node(), "use one of value, values or min/max, but got " + String.join(" and ", forms));
            return Optional.empty();
        }
        String form = forms.isEmpty() ? null : forms.get(0);
        if (kind == null && form == null) {
            problems.at(f.node(), "a parameter needs value, values, min/max, expr or zip");
            return Optional.empty();
        }
        String expected = kind == null ? form : switch (kind) {
            case "constant" -> "value";
            case "categorical" -> "values";
            default -> "min/max";
        };
        if (form != null && !form.equals(expected)) {
            problems.at(f.node(), "distribution '" + kind + "' takes " + expected + ", not " + form);
            return Optional.empty();
        }
        if (!expected.equals("min/max")) {
            for (String rangeOnly : List.of("q", "count", "log")) {
                f.entry(rangeOnly).ifPresent(e -> problems.atKey(e, f.path(),
                        rangeOnly + " applies to min/max ranges, not to " + expected));
            }
        }
        Optional<Distribution> d = switch (expected) {
            case "value" -> f.require("value") ? choice(f.get("value").orElseThrow()).map(CategoricalDistribution::fixed) : Optional.empty();
            case "values" -> f.require("values") ? values(f) : Optional.empty();
            default -> range(f, kind);
        };
        return problems.count() == before ? d : Optional.empty();
    }

    private Optional<Distribution> values(Fields f) {
        Optional<YamlNode.Sequence> seq = f.sequence("values");
        if (seq.isEmpty()) {
            return Optional.empty();
        }
        if (seq.get().items().isEmpty()) {
            problems.at(seq.get(), "values must not be empty");
            return Optional.empty();
        }
        List<Object> choices = new ArrayList<>();
        List<YamlNode> nodes = new ArrayList<>();
        boolean ok = true;
        for (YamlNode item : seq.get().items()) {
            Optional<Object> c = choice(item);
            if (c.isEmpty()) {
                ok = false;
                continue;
            }
            int twin = indexOf(choices, c.get());
            if (twin >= 0) {
                problems.at(item, "values must be distinct, but " + c.get() + " repeats "
                        + nodes.get(twin).path().substring(f.path().length() + 1));
                ok = false;
                continue;
            }
            choices.add(c.get());
            nodes.add(item);
        }
        return ok ? Optional.of(new CategoricalDistribution(choices)) : Optional.empty();
    }

    /** Where {@code value} already is among {@code choices}, comparing numbers by value (1 and 1.0 repeat). */
    private static int indexOf(List<Object> choices, Object value) {
        for (int i = 0; i < choices.size(); i++) {
            Object c = choices.get(i);
            if (c.equals(value) || c instanceof Number a && value instanceof Number b && a.doubleValue() == b.doubleValue()) {
                return i;
            }
        }
        return -1;
    }

    /** A legal choice: a string, number or boolean. */
    Optional<Object> choice(YamlNode node) {
        if (node instanceof YamlNode.Scalar s && s.value() != null) {
            if (s.value() instanceof Double d && !Double.isFinite(d)) {
                problems.at(node, "a value must be a finite number, but got " + d);
                return Optional.empty();
            }
            return Optional.of(s.value());
        }
        problems.at(node, "a value must be a string, number or boolean, but got " + YamlNode.describe(node)
                + (node instanceof YamlNode.Scalar ? "" : "; to set several parameters together use zip"));
        return Optional.empty();
    }

    private Optional<Distribution> range(Fields f, String kind) {
        boolean present = f.require("min") & f.require("max");
        Optional<Number> min = present ? bound(f, "min") : Optional.empty();
        Optional<Number> max = present ? bound(f, "max") : Optional.empty();
        Optional<Double> q = f.number("q");
        Optional<Long> count = f.integer("count", 1);
        Optional<Boolean> log = f.bool("log");
        if (min.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        boolean ints = isInt(min.get()) && isInt(max.get());
        boolean intStep = q.map(v -> v == Math.rint(v)).orElse(true);
        String k = kind != null ? kind : ints && intStep ? "int_uniform" : q.isPresent() ? "q_uniform" : "uniform";
        if (log.isPresent() && !(k.equals("uniform") || k.equals("int_uniform"))) {
            problems.atKey(f.entry("log").orElseThrow(), f.path(), "log applies to uniform and int_uniform; "
                    + k + " is already " + (k.contains("log") ? "log-scaled" : "not log-scaled"));
            return Optional.empty();
        }
        boolean isLog = log.orElse(false) || k.equals("log_uniform_values") || k.equals("log_uniform")
                || k.equals("q_log_uniform_values");
        boolean exponents = k.equals("log_uniform");
        double lo = exponents ? Math.exp(min.get().doubleValue()) : min.get().doubleValue();
        double hi = exponents ? Math.exp(max.get().doubleValue()) : max.get().doubleValue();
        YamlNode.Entry minKey = f.entry("min").orElseThrow();
        if (lo > hi) {
            problems.atKey(minKey, f.path(), "min <= max must hold, but got (min=" + min.get() + ", max=" + max.get() + ")");
            return Optional.empty();
        }
        if (q.isPresent() && !(q.get() > 0)) {
            problems.at(f.get("q").orElseThrow(), "q > 0 must hold, but got (q=" + q.get() + ")");
            return Optional.empty();
        }
        Integer grid = count.map(Long::intValue).orElse(null);
        if (k.equals("int_uniform") || k.equals("q_log_uniform_values")) {
            return intRange(f, k, min.get(), max.get(), q, isLog, grid);
        }
        if (isLog && lo <= 0) {
            problems.atKey(minKey, f.path(), "min > 0 must hold for a log distribution, but got (min=" + min.get() + ")");
            return Optional.empty();
        }
        if (isLog && q.isPresent()) {
            problems.atKey(f.entry("q").orElseThrow(), f.path(), "q cannot be combined with a log distribution");
            return Optional.empty();
        }
        Double step = k.equals("q_uniform") ? q.orElse(1.0) : q.orElse(null);
        return build(f, () -> new FloatDistribution(lo, hi, isLog, step, grid));
    }

    private Optional<Distribution> intRange(Fields f, String k, Number min, Number max, Optional<Double> q,
                                            boolean log, Integer grid) {
        if (!isInt(min) || !isInt(max)) {
            problems.at(f.node(), k + " needs integer min and max, but got (min=" + min + ", max=" + max + ")");
            return Optional.empty();
        }
        if (q.isPresent() && q.get() != Math.rint(q.get())) {
            problems.at(f.get("q").orElseThrow(), "q must be a whole number for " + k + ", but got (q=" + q.get() + ")");
            return Optional.empty();
        }
        long step = q.map(Double::longValue).orElse(1L);
        if (log && min.longValue() < 1) {
            problems.atKey(f.entry("min").orElseThrow(), f.path(), "min >= 1 must hold for an integer log distribution, but got (min=" + min + ")");
            return Optional.empty();
        }
        if (log && step != 1) {
            problems.at(f.get("q").orElseThrow(), "an integer log range supports only q: 1, but got (q=" + step
                    + "); for log-spaced choices such as batch sizes use values: [16, 32, 64, 128]");
            return Optional.empty();
        }
        return build(f, () -> new IntDistribution(min.longValue(), max.longValue(), log, step, grid));
    }

    private Optional<Number> bound(Fields f, String key) {
        Optional<Number> n = f.number(key).map(v -> (Number) ((YamlNode.Scalar) f.get(key).orElseThrow()).value());
        if (n.isPresent() && !Double.isFinite(n.get().doubleValue())) {
            problems.at(f.get(key).orElseThrow(), key + " must be a finite number, but got " + n.get());
            return Optional.empty();
        }
        return n;
    }

    private static boolean isInt(Number n) {
        return n instanceof Integer || n instanceof Long;
    }

    private Optional<Distribution> build(Fields f, Supplier<Distribution> make) {
        try {
            return Optional.of(make.get());
        } catch (IllegalArgumentException e) {
            problems.at(f.node(), e.getMessage());
            return Optional.empty();
        }
    }
}
