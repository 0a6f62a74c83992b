package dev.sweep.orchestrator.config;

import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.PrunerSpec;
import dev.sweep.search.study.SearchMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a sweep file into a {@link SweepSpec} before anything runs. Every problem in the file is
 * collected (not just the first) and thrown as one {@link SweepFileException} whose lines read
 * {@code FILE:LINE:COLUMN: key.path: rule}, sorted by position. See docs/sweep-file.md for the format.
 */
public final class SweepFileParser {
    static final List<String> TOP_KEYS = List.of("name", "description", "method", "metric", "seed", "run_cap",
            "repeats", "max_retries", "on_oom", "resources", "early_terminate", "schedule", "task", "parameters", "constraints");
    private static final Map<String, String> TOP_HINTS = Map.of(
            "program", "W&B puts program at the top level; here it belongs in the task block: task: {type: command, program: ...}",
            "command", "W&B puts command at the top level; here it belongs in the task block: task: {type: command, command: [...]}",
            "project", "W&B's project has no meaning here; remove it",
            "entity", "W&B's entity has no meaning here; remove it");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final long DEFAULT_SEED = 0;
    static final int DEFAULT_MAX_RETRIES = 2;

    /** Compiles expressions; built once per parser because a JEXL engine is costly to make. */
    private final Expressions expressions = new Expressions();

    /** Reads and parses {@code file}; a file that cannot be read is reported as a {@link SweepFileException} too. */
    public SweepSpec parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SweepFileException(List.of(new SweepFileError(file.toString(), 1, 1, "",
                    "cannot read the sweep file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")));
        }
        return parse(text, file);
    }

    /** Parses sweep-file text; {@code nameForMessages} names the file in messages and becomes the spec's source. */
    public SweepSpec parse(String text, Path nameForMessages) {
        Problems problems = new Problems(nameForMessages.toString());
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Optional<YamlNode> root = new YamlTreeReader(problems).read(body);
        if (root.isEmpty()) {
            if (!problems.any()) {
                problems.at(new YamlNode.Mark(1, 1), "", "the sweep file is empty; it needs at least name, metric, task and parameters");
            }
            problems.throwIfAny();
        }
        Optional<Fields> top = Fields.of(root.orElseThrow(), problems);
        if (top.isEmpty()) {
            problems.throwIfAny();
        }
        SweepSpec spec = read(top.orElseThrow(), problems, text, nameForMessages);
        problems.throwIfAny();
        return spec;
    }

    private SweepSpec read(Fields f, Problems problems, String text, Path source) {
        f.allowOnly(TOP_KEYS, TOP_HINTS);
        Optional<String> name = f.require("name") ? f.string("name") : Optional.empty();
        name.filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> problems.at(f.get("name").orElseThrow(),
                "a sweep name holds only letters, digits, '.', '_' and '-' (it names folders and database rows), but got '" + n + "'"));
        f.string("description");
        SearchMethod method = method(f, problems);
        Optional<Fields> metric = f.require("metric") ? f.mapping("metric").flatMap(m -> Fields.of(m, problems)) : Optional.empty();
        Optional<String> metricName = metric.flatMap(m -> {
            m.allowOnly(List.of("name", "goal"), Map.of("target", "W&B's metric target is not supported; use run_cap"));
            return m.require("name") ? m.string("name") : Optional.empty();
        });
        Goal goal = metric.map(m -> goal(m, problems)).orElse(Goal.MINIMIZE);
        long seed = f.integer("seed").orElse(DEFAULT_SEED);
        Integer runCap = Fields.small(f, "run_cap", 1).orElse(null);
        int repeats = Fields.small(f, "repeats", 1).orElse(1);
        int maxRetries = Fields.small(f, "max_retries", 0).orElse(DEFAULT_MAX_RETRIES);
        OomPolicy onOom = onOom(f, problems);
        SettingsReader settings = new SettingsReader(problems);
        Optional<Resources> resources = settings.resources(f.get("resources"));
        PrunerSpec pruner = f.get("early_terminate").flatMap(settings::earlyTerminate).orElse(null);
        ScheduleSpec schedule = f.get("schedule").flatMap(settings::schedule).orElse(null);
        Optional<TaskReader.Task> task = f.require("task")
                ? f.mapping("task").flatMap(t -> Fields.of(t, problems))
                        .flatMap(t -> new TaskReader(problems, ParametersReader.declaredNames(f.get("parameters"))).read(t))
                : Optional.empty();
        Optional<ParametersReader.Result> params = parameters(f, problems, method);
        if (task.isPresent() && metricName.isPresent()) {
            checkMetric(task.get(), metricName.get(), metric.orElseThrow(), problems);
        }
        if (task.isPresent() && params.isPresent()) {
            new TaskParameters(problems).check(task.get(), params.get(), f.get("parameters").orElse(f.node()));
        }
        if (problems.any()) {
            return null;
        }
        return new SweepSpec(name.orElseThrow(), method, metricName.orElseThrow(), goal, params.orElseThrow().space(),
                task.orElseThrow().type(), task.get().settings(), seed, resources.orElseThrow(), maxRetries, runCap,
                repeats, pruner, schedule, source, text, hash(text), onOom);
    }

    private static SearchMethod method(Fields f, Problems problems) {
        Optional<String> key = f.string("method");
        if (key.isEmpty()) {
            return SearchMethod.RANDOM;
        }
        return SearchMethod.byKey(key.get()).orElseGet(() -> {
            List<String> valid = Arrays.stream(SearchMethod.values()).map(SearchMethod::key).toList();
            problems.at(f.get("method").orElseThrow(), "unknown method '" + key.get() + "'" + Suggestions.closest(key.get(), valid)
                    .map(s -> "; did you mean '" + s + "'?").orElse("") + " (valid: " + String.join(", ", valid) + ")");
            return SearchMethod.RANDOM;
        });
    }

    private static OomPolicy onOom(Fields f, Problems problems) {
        Optional<String> key = f.string("on_oom");
        if (key.isEmpty()) {
            return OomPolicy.FAIL;
        }
        return OomPolicy.byKey(key.get()).orElseGet(() -> {
            problems.at(f.get("on_oom").orElseThrow(), "on_oom must be fail or accumulate, but got '" + key.get() + "'"
                    + Suggestions.closest(key.get(), OomPolicy.keys()).map(s -> "; did you mean '" + s + "'?").orElse(""));
            return OomPolicy.FAIL;
        });
    }

    private static Goal goal(Fields metric, Problems problems) {
        Optional<String> g = metric.string("goal");
        if (g.isPresent() && !List.of("minimize", "maximize").contains(g.get())) {
            problems.at(metric.get("goal").orElseThrow(), "goal must be minimize or maximize, but got '" + g.get() + "'");
            return Goal.MINIMIZE;
        }
        return g.map(Goal::parse).orElse(Goal.MINIMIZE);
    }

    private Optional<ParametersReader.Result> parameters(Fields f, Problems problems, SearchMethod method) {
        Optional<YamlNode> node = f.get("parameters");
        Optional<YamlNode> constraints = f.get("constraints");
        if (node.isEmpty()) {
            if (method != SearchMethod.GRID) {
                f.require("parameters");
                return Optional.empty();
            }
            if (constraints.isPresent()) {
                problems.at(constraints.get(), "constraints need parameters to constrain");
                return Optional.empty();
            }
            return Optional.of(new ParametersReader.Result(SearchSpace.of(List.of()), Map.of(), Set.of()));
        }
        Optional<Fields> p = Fields.of(node.get(), problems);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        if (p.get().node().entries().isEmpty() && method != SearchMethod.GRID) {
            problems.at(node.get(), "parameters must define at least one parameter for method " + method.key());
            return Optional.empty();
        }
        return new ParametersReader(problems, expressions).read(p.get(), constraints, method);
    }

    /** The objective must be a metric the task reports: 'value' for synthetic, a standard BERT metric name. */
    private static void checkMetric(TaskReader.Task task, String metric, Fields m, Problems problems) {
        YamlNode at = m.get("name").orElseThrow();
        if (task.type().equals(TaskReader.SYNTHETIC) && !metric.equals("value")) {
            problems.at(at, "the synthetic task reports only 'value', but metric.name is '" + metric + "'");
        } else if (task.type().equals(TaskReader.BERT) && !TaskParameters.BERT_METRICS.contains(metric)) {
            problems.at(at, "bert-classification does not report '" + metric + "'"
                    + Suggestions.hint(metric, TaskParameters.BERT_METRICS));
        }
    }

    /** SHA-256 (hex) of the text with line endings normalised to \n and without a byte-order mark. */
    static String hash(String text) {
        String normal = (text.startsWith("\uFEFF") ? text.substring(1) : text).replace("\r\n", "\n").replace('\r', '\n');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
