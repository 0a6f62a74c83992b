package dev.sweep.orchestrator.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringTokenizer;
import org.apache.commons.text.matcher.StringMatcherFactory;

/**
 * Reads and checks the {@code task:} block for its type (synthetic, command, bert-classification), filling the
 * documented defaults, and turns it into the plain map that workers receive ({@code type} itself is left out).
 */
final class TaskReader {
    static final String SYNTHETIC = "synthetic";
    static final String COMMAND = "command";
    static final String BERT = "bert-classification";
    static final List<String> TYPES = List.of(SYNTHETIC, COMMAND, BERT);
    static final Map<String, List<String>> KEYS = Map.of(
            SYNTHETIC, List.of("type", "function", "dimensions", "steps", "delay_ms", "noise", "curve_scale", "decay",
                    "fault"),
            COMMAND, List.of("type", "command", "program", "env", "cwd", "stop_grace_s"),
            BERT, List.of("type", "model", "dataset", "data_dir", "pooling", "eval_every", "max_train_examples",
                    "max_eval_examples", "keep_checkpoint", "micro_batch_tokens", "split_seed", "skip_bad_rows"));
    static final List<String> FUNCTIONS = List.of("branin", "hartmann6", "rosenbrock");
    static final List<String> MODELS = List.of("all-minilm-l6-v2", "bge-small-en-v1.5");
    static final List<String> DATASETS = List.of("sst2", "mrpc", "rte", "medical_questions_pairs");
    static final List<String> DATASET_KEYS = List.of("path", "format", "header", "text", "text_pair", "label",
            "validation_path", "test_path", "labels");
    /** Macros the worker replaces, each as a word of its own, with the trial's parameters. */
    static final List<String> ARG_MACROS = List.of("args", "args_no_hyphens", "args_json");
    /** Macros the worker expands inside any word, besides ${name} for a parameter. */
    static final List<String> TRIAL_MACROS = List.of("program", "trial_id", "trial_number", "seed", "trial_dir");
    static final List<String> FAULT_KINDS = List.of("hang", "exit", "throw", "nan", "oom");
    private static final Pattern MACRO = Pattern.compile("\\$\\{([^}]*)}");

    /** The task's type and its settings as workers receive them. */
    record Task(String type, Map<String, Object> settings) {
    }

    private final Problems problems;
    private final Set<String> parameterNames;

    /** @param parameterNames the names the parameters block declares (a command may use them as ${name}) */
    TaskReader(Problems problems, Set<String> parameterNames) {
        this.problems = problems;
        this.parameterNames = Set.copyOf(parameterNames);
    }

    /** The task, present whenever its type is known (so that checks needing only the type can run). */
    Optional<Task> read(Fields task) {
        if (!task.require("type")) {
            return Optional.empty();
        }
        Optional<String> type = task.string("type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (!TYPES.contains(type.get())) {
            problems.at(task.get("type").orElseThrow(), "unknown task type '" + type.get() + "'"
                    + Suggestions.hint(type.get(), TYPES));
            return Optional.empty();
        }
        Map<String, String> elsewhere = new LinkedHashMap<>();
        KEYS.forEach((t, keys) -> keys.stream().filter(k -> !KEYS.get(type.get()).contains(k))
                .forEach(k -> elsewhere.put(k, "'" + k + "' belongs to task type " + t + ", not " + type.get())));
        task.allowOnly(KEYS.get(type.get()), elsewhere);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (YamlNode.Entry e : task.node().entries()) {
            if (!e.key().equals("type") && KEYS.get(type.get()).contains(e.key())) {
                plain(e.value()).ifPresent(v -> settings.put(e.key(), v));
            }
        }
        switch (type.get()) {
            case SYNTHETIC -> synthetic(task, settings);
            case COMMAND -> command(task, settings);
            default -> bert(task, settings);
        }
        return Optional.of(new Task(type.get(), Collections.unmodifiableMap(settings)));
    }

    private void synthetic(Fields task, Map<String, Object> settings) {
        task.string("function").ifPresent(fn -> {
            if (!FUNCTIONS.contains(fn)) {
                problems.at(task.get("function").orElseThrow(), "unknown synthetic function '" + fn + "'"
                        + Suggestions.hint(fn, FUNCTIONS));
            }
        });
        settings.putIfAbsent("function", "branin");
        Optional<Long> dims = task.integer("dimensions", 2);
        if (dims.isPresent() && !"rosenbrock".equals(settings.get("function"))) {
            problems.at(task.get("dimensions").orElseThrow(), "dimensions applies to rosenbrock only ("
                    + settings.get("function") + " has a fixed dimension)");
        }
        settings.putIfAbsent("steps", task.integer("steps", 1).orElse(1L));
        settings.putIfAbsent("delay_ms", task.integer("delay_ms", 0).orElse(0L));
        Optional<Double> noise = task.number("noise");
        if (noise.isPresent() && !(noise.get() >= 0)) {
            problems.at(task.get("noise").orElseThrow(), "noise >= 0 must hold, but got (noise=" + noise.get() + ")");
        }
        settings.put("noise", noise.orElse(0.0));
        task.number("curve_scale");
        task.number("decay").filter(d -> !(d > 0 && d < 1)).ifPresent(d -> problems.at(task.get("decay").orElseThrow(),
                "0 < decay < 1 must hold, but got (decay=" + d + ")"));
        task.mapping("fault").flatMap(m -> Fields.of(m, problems)).ifPresent(this::fault);
        if ("rosenbrock".equals(settings.get("function"))) {
            settings.putIfAbsent("dimensions", 2L);
        }
    }

    /** Fault injection for testing the orchestrator: {kind, at_step, trials, attempts, exit_code}. */
    private void fault(Fields f) {
        f.allowOnly(List.of("kind", "at_step", "trials", "attempts", "exit_code"));
        f.string("kind").filter(k -> !FAULT_KINDS.contains(k)).ifPresent(k -> problems.at(f.get("kind").orElseThrow(),
                "unknown fault kind '" + k + "'" + Suggestions.hint(k, FAULT_KINDS)));
        f.integer("at_step", 1);
        f.integer("exit_code");
        for (String key : List.of("trials", "attempts")) {
            f.get(key).ifPresent(n -> {
                List<YamlNode> items = n instanceof YamlNode.Sequence s ? s.items() : List.of(n);
                items.stream().filter(i -> !(i instanceof YamlNode.Scalar s && s.value() instanceof Integer))
                        .forEach(i -> problems.at(i, "expected an integer or a list of integers, but got " + YamlNode.describe(i)));
            });
        }
    }

    /** Dimension of the synthetic function (0 when unknown). */
    static int syntheticDimensions(Map<String, Object> settings) {
        return switch (String.valueOf(settings.get("function"))) {
            case "branin" -> 2;
            case "hartmann6" -> 6;
            case "rosenbrock" -> ((Number) settings.getOrDefault("dimensions", 2L)).intValue();
            default -> 0;
        };
    }

    private void command(Fields task, Map<String, Object> settings) {
        Optional<String> program = task.string("program");
        List<String> command = new ArrayList<>();
        List<YamlNode> wordNodes = new ArrayList<>();
        if (task.has("command")) {
            YamlNode node = task.get("command").orElseThrow();
            if (node instanceof YamlNode.Scalar s && s.value() instanceof String line) {
                StringTokenizer words = new StringTokenizer(line, StringMatcherFactory.INSTANCE.splitMatcher(),
                        StringMatcherFactory.INSTANCE.quoteMatcher());
                command.addAll(words.getTokenList());
                command.forEach(w -> wordNodes.add(node));
            } else if (node instanceof YamlNode.Sequence seq && !seq.items().isEmpty()) {
                for (YamlNode item : seq.items()) {
                    if (item instanceof YamlNode.Scalar s && s.value() != null) {
                        command.add(String.valueOf(s.value()));
                        wordNodes.add(item);
                    } else {
                        problems.at(item, "a command word must be a string, but got " + YamlNode.describe(item));
                    }
                }
            } else {
                problems.at(node, "expected the command as a list of words or a string, but got " + YamlNode.describe(node));
                return;
            }
        } else if (program.isPresent()) {
            String p = program.get();
            command.addAll(p.endsWith(".py") ? List.of("python3", p) : p.endsWith(".sh") ? List.of("bash", p) : List.of(p));
            command.add("${args}");
            command.forEach(w -> wordNodes.add(task.get("program").orElseThrow()));
        } else {
            if (!task.has("program")) {
                problems.at(task.node().mark(), task.path(), "a command task needs 'command' (a list of words or a string) or 'program'");
            }
            return;
        }
        settings.put("command", List.copyOf(expandStatic(command, wordNodes, program.orElse(null))));
        task.mapping("env").ifPresent(env -> env.entries().forEach(e -> {
            if (!(e.value() instanceof YamlNode.Scalar s && s.value() != null)) {
                problems.at(e.value(), "an environment value must be a string, but got " + YamlNode.describe(e.value()));
            }
        }));
        task.string("cwd");
        task.number("stop_grace_s").filter(v -> v < 0).ifPresent(v -> problems.at(task.get("stop_grace_s").orElseThrow(),
                "stop_grace_s >= 0 must hold, but got (stop_grace_s=" + v + ")"));
    }

    /**
     * Expands ${program}, ${interpreter} (python3) and ${env} (/usr/bin/env) now, as W&B does; checks that the
     * other macros are ones the worker expands: ${args}, ${args_no_hyphens} and ${args_json} as words of their
     * own, and ${trial_id}, ${trial_number}, ${seed}, ${trial_dir} or ${parameter} anywhere.
     */
    private List<String> expandStatic(List<String> words, List<YamlNode> wordNodes, String program) {
        List<String> known = new ArrayList<>(ARG_MACROS);
        known.addAll(TRIAL_MACROS);
        known.addAll(List.of("interpreter", "env"));
        known.addAll(parameterNames);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            YamlNode at = wordNodes.get(i);
            Matcher m = MACRO.matcher(w);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value = switch (name) {
                    case "program" -> program == null ? m.group() : program;
                    case "interpreter" -> "python3";
                    case "env" -> "/usr/bin/env";
                    default -> m.group();
                };
                if (name.equals("program") && program == null) {
                    problems.at(at, "the command uses ${program}, but task.program is not set");
                } else if (ARG_MACROS.contains(name) && !w.equals(m.group())) {
                    problems.at(at, "${" + name + "} must be a word of its own in the command, but got '" + w + "'");
                } else if (!known.contains(name)) {
                    problems.at(at, "unknown macro ${" + name + "}" + Suggestions.closest(name, known)
                            .map(s -> "; did you mean ${" + s + "}?").orElse("") + " (valid: ${args}, ${args_no_hyphens}, "
                            + "${args_json}, ${program}, ${interpreter}, ${env}, ${trial_id}, ${trial_number}, ${seed}, "
                            + "${trial_dir}, or ${name} of a parameter)");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    private void bert(Fields task, Map<String, Object> settings) {
        if (task.require("model")) {
            YamlNode model = task.get("model").orElseThrow();
            if (model instanceof YamlNode.Scalar s && s.value() instanceof String name) {
                if (!MODELS.contains(name)) {
                    problems.at(model, "unknown model '" + name + "'" + Suggestions.hint(name, MODELS)
                            + "; or give {onnx: path/model.onnx, tokenizer: path/tokenizer.json}");
                }
            } else {
                Fields.of(model, problems).ifPresent(m -> {
                    m.allowOnly(List.of("onnx", "tokenizer"));
                    if (m.require("onnx")) {
                        m.string("onnx");
                    }
                    if (m.require("tokenizer")) {
                        m.string("tokenizer");
                    }
                });
            }
        }
        if (task.require("dataset")) {
            YamlNode dataset = task.get("dataset").orElseThrow();
            if (dataset instanceof YamlNode.Scalar s && s.value() instanceof String name) {
                if (!DATASETS.contains(name)) {
                    problems.at(dataset, "unknown dataset '" + name + "'" + Suggestions.hint(name, DATASETS)
                            + "; or give {path: train.tsv, format: tsv, text: sentence, label: label}");
                }
            } else {
                Fields.of(dataset, problems).ifPresent(this::datasetFile);
            }
        }
        task.string("data_dir");
        settings.put("pooling", oneOf(task, "pooling", List.of("cls", "mean")).orElse("cls"));
        settings.put("keep_checkpoint", oneOf(task, "keep_checkpoint", List.of("best", "none")).orElse("best"));
        task.get("eval_every").ifPresentOrElse(n -> {
            boolean epoch = n instanceof YamlNode.Scalar s && "epoch".equals(s.value());
            if (!epoch) {
                task.integer("eval_every").filter(v -> v < 1).ifPresent(v -> problems.at(n,
                        "eval_every must be 'epoch' or a number of steps >= 1, but got " + v));
            }
        }, () -> settings.put("eval_every", "epoch"));
        task.integer("max_train_examples", 1);
        task.integer("micro_batch_tokens", 0);
        task.integer("split_seed");
        task.bool("skip_bad_rows");
        task.integer("max_eval_examples", 1);
    }

    private void datasetFile(Fields d) {
        d.allowOnly(DATASET_KEYS);
        if (d.require("path")) {
            d.string("path");
        }
        oneOf(d, "format", List.of("tsv", "csv"));
        d.bool("header");
        for (String key : List.of("text", "text_pair", "label", "validation_path", "test_path")) {
            d.string(key);
        }
    }

    private Optional<String> oneOf(Fields f, String key, List<String> allowed) {
        Optional<String> v = f.string(key);
        if (v.isPresent() && !allowed.contains(v.get())) {
            problems.at(f.get(key).orElseThrow(), key + " must be one of " + String.join(", ", allowed)
                    + ", but got '" + v.get() + "'");
            return Optional.empty();
        }
        return v;
    }

    /** The node as plain Java values (maps keep their order; empty values are dropped). */
    static Optional<Object> plain(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return Optional.ofNullable(s.value());
        }
        if (node instanceof YamlNode.Sequence seq) {
            return Optional.of(seq.items().stream().map(TaskReader::plain).flatMap(Optional::stream).toList());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((YamlNode.Mapping) node).entries().forEach(e -> plain(e.value()).ifPresent(v -> map.put(e.key(), v)));
        return Optional.of(Collections.unmodifiableMap(map));
    }
}
