package dev.sweep.orchestrator.config;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Distribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.space.ZipGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a task reads from a trial's parameters, and the legal values of each: a misspelt or out-of-range
 * hyperparameter is caught before the first trial, not at 3 a.m. A parameter the task does not read is an
 * error unless an expression (derived parameter or constraint) or a condition uses it. Command tasks read
 * everything.
 */
final class TaskParameters {
    /** A parameter's legal values: a kind (number, integer, boolean, choice) and bounds or choices. */
    record Rule(String kind, double low, boolean lowOpen, double high, boolean highOpen, List<String> choices) {
        static Rule number(double low, boolean lowOpen, double high, boolean highOpen) {
            return new Rule("number", low, lowOpen, high, highOpen, List.of());
        }

        static Rule integer(double low, double high) {
            return new Rule("integer", low, false, high, false, List.of());
        }

        static Rule choice(String... choices) {
            return new Rule("choice", 0, false, 0, false, List.of(choices));
        }

        static Rule bool() {
            return new Rule("boolean", 0, false, 0, false, List.of());
        }
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    static final Map<String, Rule> BERT = bertRules();
    static final List<String> BERT_METRICS = List.of("train_loss", "val_loss", "val_accuracy", "val_f1",
            "val_macro_f1", "val_mcc", "test_accuracy", "test_f1", "test_macro_f1", "test_mcc", "test_loss", "epoch",
            "learning_rate", "best_step", "tokens_per_second");

    private static Map<String, Rule> bertRules() {
        Map<String, Rule> r = new LinkedHashMap<>();
        r.put("learning_rate", Rule.number(0, true, INF, false));
        r.put("batch_size", Rule.integer(1, INF));
        r.put("epochs", Rule.integer(1, INF));
        r.put("max_len", Rule.integer(3, 512));
        r.put("optimizer", Rule.choice("sgd", "momentum", "nesterov", "adam", "adamw", "lamb", "adafactor"));
        r.put("momentum", Rule.number(0, false, 1, true));
        r.put("beta1", Rule.number(0, false, 1, true));
        r.put("beta2", Rule.number(0, false, 1, true));
        r.put("eps", Rule.number(0, true, INF, false));
        r.put("weight_decay", Rule.number(0, false, INF, false));
        r.put("dropout", Rule.number(0, false, 1, true));
        r.put("attention_dropout", Rule.number(0, false, 1, true));
        r.put("warmup_ratio", Rule.number(0, false, 1, false));
        r.put("warmup_steps", Rule.integer(0, INF));
        r.put("schedule", Rule.choice("constant", "linear", "cosine", "reduce_on_plateau"));
        r.put("max_grad_norm", Rule.number(0, false, INF, false));
        r.put("grad_accum", Rule.integer(1, INF));
        r.put("fraction", Rule.number(0, true, 1, false));
        r.put("freeze_encoder", Rule.bool());
        r.put("pooling", Rule.choice("cls", "mean"));
        r.put("seed", Rule.integer(-INF, INF));
        return Map.copyOf(r);
    }

    private final Problems problems;

    TaskParameters(Problems problems) {
        this.problems = problems;
    }

    /** The rules of the parameters {@code task} reads; null for a command task (it reads every parameter). */
    static Map<String, Rule> rules(TaskReader.Task task) {
        return switch (task.type()) {
            case TaskReader.BERT -> BERT;
            case TaskReader.SYNTHETIC -> {
                if (TaskReader.syntheticDimensions(task.settings()) == 0) {
                    yield null;
                }
                Map<String, Rule> r = new LinkedHashMap<>();
                IntStream.rangeClosed(1, TaskReader.syntheticDimensions(task.settings()))
                        .forEach(i -> r.put("x" + i, Rule.number(-INF, false, INF, false)));
                yield r;
            }
            default -> null;
        };
    }

    void check(TaskReader.Task task, ParametersReader.Result params, YamlNode parametersNode) {
        Map<String, Rule> rules = rules(task);
        if (rules == null) {
            return;
        }
        SearchSpace space = params.space();
        List<String> names = new ArrayList<>();
        space.parameters().forEach(p -> names.add(p.name()));
        space.derived().forEach(d -> names.add(d.name()));
        space.zips().forEach(z -> names.addAll(z.names()));
        for (String n : names) {
            if (!rules.containsKey(n) && !params.usedInExpressions().contains(n)) {
                problems.at(params.nodes().get(n).mark(), YamlNode.child("parameters", n), task.type()
                        + " does not read parameter '" + n + "'" + Suggestions.closest(n, rules.keySet())
                        .map(s -> "; did you mean '" + s + "'?").orElse(" (it reads " + String.join(", ", rules.keySet())
                        + "; a helper parameter must be used by an expr, a constraint or a when)"));
            }
        }
        for (Parameter p : space.parameters()) {
            Rule rule = rules.get(p.name());
            if (rule != null) {
                violation(p.name(), rule, p.distribution()).ifPresent(m -> problems.at(params.nodes().get(p.name()), m));
            }
        }
        for (ZipGroup z : space.zips()) {
            for (Map<String, Object> row : z.rows()) {
                row.forEach((n, v) -> {
                    Rule rule = rules.get(n);
                    if (rule != null) {
                        violation(n, rule, CategoricalDistribution.fixed(v)).ifPresent(m -> problems.at(params.nodes().get(z.name()), m));
                    }
                });
            }
        }
        if (task.type().equals(TaskReader.SYNTHETIC)) {
            List<String> missing = rules.keySet().stream().filter(n -> !names.contains(n)).toList();
            if (!missing.isEmpty()) {
                problems.at(parametersNode, "synthetic function " + task.settings().get("function") + " reads "
                        + String.join(", ", rules.keySet()) + ", but " + String.join(", ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " missing from parameters");
            }
        }
    }

    /** Why {@code d} admits values the rule forbids, if it does. */
    static Optional<String> violation(String name, Rule rule, Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            for (Object v : c.choices()) {
                Optional<String> bad = valueViolation(name, rule, v);
                if (bad.isPresent()) {
                    return bad;
                }
            }
            return Optional.empty();
        }
        if (rule.kind().equals("choice") || rule.kind().equals("boolean")) {
            return Optional.of(name + " takes " + (rule.kind().equals("boolean") ? "true or false"
                    : "one of " + String.join(", ", rule.choices())) + "; give them as values: [...]");
        }
        if (rule.kind().equals("integer") && d instanceof FloatDistribution) {
            return Optional.of(name + " takes whole numbers, but its range is continuous; use int_uniform or values");
        }
        double lo = d instanceof FloatDistribution f ? f.low() : ((IntDistribution) d).low();
        double hi = d instanceof FloatDistribution f ? f.high() : ((IntDistribution) d).high();
        return valueViolation(name, rule, lo).or(() -> valueViolation(name, rule, hi));
    }

    private static Optional<String> valueViolation(String name, Rule rule, Object v) {
        String shown = v instanceof String ? "'" + v + "'" : String.valueOf(v);
        switch (rule.kind()) {
            case "choice" -> {
                if (!rule.choices().contains(v)) {
                    return Optional.of(name + " must be one of " + String.join(", ", rule.choices()) + ", but got "
                            + shown + (v instanceof String s ? Suggestions.closest(s, rule.choices())
                            .map(x -> " (did you mean '" + x + "'?)").orElse("") : ""));
                }
                return Optional.empty();
            }
            case "boolean" -> {
                return v instanceof Boolean ? Optional.empty()
                        : Optional.of(name + " must be true or false, but got " + shown);
            }
            default -> {
                if (!(v instanceof Number n) || rule.kind().equals("integer") && n.doubleValue() != Math.rint(n.doubleValue())) {
                    return Optional.of(name + " must be " + (rule.kind().equals("integer") ? "a whole number" : "a number")
                            + ", but got " + shown);
                }
                double x = n.doubleValue();
                boolean below = rule.lowOpen() ? x <= rule.low() : x < rule.low();
                boolean above = rule.highOpen() ? x >= rule.high() : x > rule.high();
                if (below || above) {
                    return Optional.of(name + " must lie in " + interval(rule) + ", but got " + shown);
                }
                return Optional.empty();
            }
        }
    }

    private static String interval(Rule r) {
        return (r.lowOpen() || r.low() == -INF ? "(" : "[") + show(r.low()) + ", " + show(r.high())
                + (r.highOpen() || r.high() == INF ? ")" : "]");
    }

    private static String show(double v) {
        return v == INF ? "inf" : v == -INF ? "-inf" : v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
