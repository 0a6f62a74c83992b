package dev.sweep.worker.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the argv of a command trial from the task's {@code command} (a list, or a string split on spaces) or
 * {@code program} (run with python3 for .py, bash for .sh, else directly), and the trial's params.
 *
 * <p>Placeholders: an element that is exactly {@code ${args}} becomes one {@code --name=value} element per param
 * (sorted by name), {@code ${args_no_hyphens}} the same as {@code name=value}, {@code ${args_json}} one element
 * holding the params as JSON; inside any element {@code ${name}} is the value of param {@code name},
 * {@code ${program}}, {@code ${trial_id}}, {@code ${trial_number}}, {@code ${seed}}, {@code ${trial_dir}} what
 * they say. A command with no args placeholder and no param placeholder gets the {@code --name=value}
 * elements appended (W&B's default {@code ${interpreter} ${program} ${args}}).
 */
final class CommandLine {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final List<String> ARG_LISTS = List.of("${args}", "${args_no_hyphens}", "${args_json}");

    private CommandLine() {
    }

    /** Values that are not params: program, trial_id, trial_number, seed, trial_dir. */
    record Context(String program, long trialId, int trialNumber, long seed, String trialDir) {
    }

    static List<String> argv(Map<String, Object> task, Map<String, Object> params, Context ctx,
                             ObjectMapper json) {
        List<String> template = template(task);
        Map<String, Object> sorted = new TreeMap<>(params);
        boolean explicit = template.stream().anyMatch(e -> ARG_LISTS.contains(e) || refersToParam(e, sorted));
        List<String> out = new ArrayList<>();
        for (String element : template) {
            switch (element) {
                case "${args}" -> sorted.forEach((k, v) -> out.add("--" + k + "=" + format(v)));
                case "${args_no_hyphens}" -> sorted.forEach((k, v) -> out.add(k + "=" + format(v)));
                case "${args_json}" -> out.add(toJson(json, sorted));
                default -> out.add(substitute(element, sorted, ctx));
            }
        }
        if (!explicit) {
            sorted.forEach((k, v) -> out.add("--" + k + "=" + format(v)));
        }
        return out;
    }

    static List<String> template(Map<String, Object> task) {
        Object command = task.get("command");
        Object program = task.get("program");
        if (command instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        if (command instanceof String s && !s.isBlank()) {
            return Arrays.asList(s.trim().split("\\s+"));
        }
        if (program != null && !program.toString().isBlank()) {
            String p = program.toString();
            if (p.endsWith(".py")) {
                return List.of("python3", p, "${args}");
            }
            if (p.endsWith(".sh")) {
                return List.of("bash", p, "${args}");
            }
            return List.of(p, "${args}");
        }
        throw new IllegalArgumentException("a command task needs task.command (a list such as [python3, train.py, "
                + "\"${args}\"]) or task.program, but got command=" + command + ", program=" + program);
    }

    /** A param as text: Java's own form (3, 3.0, 1.0E-5, true, adamw), which Python's int/float/str parse. */
    static String format(Object v) {
        return String.valueOf(v);
    }

    private static boolean refersToParam(String element, Map<String, Object> params) {
        Matcher m = PLACEHOLDER.matcher(element);
        while (m.find()) {
            if (params.containsKey(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static String substitute(String element, Map<String, Object> params, Context ctx) {
        Matcher m = PLACEHOLDER.matcher(element);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "program" -> ctx.program();
                case "trial_id" -> Long.toString(ctx.trialId());
                case "trial_number" -> Integer.toString(ctx.trialNumber());
                case "seed" -> Long.toString(ctx.seed());
                case "trial_dir" -> ctx.trialDir();
                default -> {
                    if (!params.containsKey(name)) {
                        throw new IllegalArgumentException("the command refers to ${" + name + "}, but this trial has "
                                + "no such param (params: " + params.keySet() + "; also known: program, trial_id, "
                                + "trial_number, seed, trial_dir, args, args_no_hyphens, args_json)");
                    }
                    yield format(params.get(name));
                }
            };
            m.appendReplacement(b, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String toJson(ObjectMapper json, Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write params as JSON: " + params, e);
        }
    }
}
