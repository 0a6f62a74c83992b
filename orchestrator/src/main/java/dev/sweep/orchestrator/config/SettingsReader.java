package dev.sweep.orchestrator.config;

import dev.sweep.search.study.PrunerSpec;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quartz.CronExpression;

/** Reads the run settings blocks: {@code resources:}, {@code early_terminate:} and {@code schedule:}. */
final class SettingsReader {
    static final List<String> PRUNERS = List.of("median", "asha", "hyperband");
    static final int DEFAULT_WARMUP_TRIALS = 5;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Problems problems;

    SettingsReader(Problems problems) {
        this.problems = problems;
    }

    /** {@code resources:} (absent: one CPU worker). */
    Optional<Resources> resources(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return Optional.of(new Resources(List.of(), 1, 1));
        }
        Optional<Fields> f = Fields.of(node.get(), problems);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields r = f.get();
        int before = problems.count();
        r.allowOnly(List.of("devices", "workers", "trials_per_device", "jvm_args"));
        List<Integer> devices = new ArrayList<>();
        r.sequence("devices").ifPresent(seq -> {
            if (seq.items().isEmpty()) {
                problems.at(seq, "devices must list at least one GPU index (leave it out to run on the CPU)");
            }
            Set<Object> seen = new HashSet<>();
            for (YamlNode item : seq.items()) {
                Object v = item instanceof YamlNode.Scalar s ? s.value() : null;
                if (!(v instanceof Integer i) || i < 0) {
                    problems.at(item, "a device is a GPU index >= 0, but got " + YamlNode.describe(item));
                } else if (!seen.add(v)) {
                    problems.at(item, "device " + v + " is listed twice");
                } else {
                    devices.add(i);
                }
            }
        });
        Optional<Integer> workers = Fields.small(r, "workers", 1);
        Optional<Integer> perDevice = Fields.small(r, "trials_per_device", 1);
        if (r.has("devices") && r.has("workers")) {
            problems.at(r.get("workers").orElseThrow(), "give devices (GPU slots) or workers (CPU processes), not both");
        }
        if (perDevice.isPresent() && !r.has("devices")) {
            problems.at(r.get("trials_per_device").orElseThrow(), "trials_per_device applies only with devices");
        }
        List<String> jvmArgs = new ArrayList<>();
        r.sequence("jvm_args").ifPresent(seq -> seq.items().forEach(item -> {
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String a) {
                jvmArgs.add(a);
            } else {
                problems.at(item, "a JVM argument must be a string, but got " + YamlNode.describe(item));
            }
        }));
        if (problems.count() != before) {
            return Optional.empty();
        }
        int tpd = perDevice.orElse(1);
        return Optional.of(new Resources(devices, devices.isEmpty() ? workers.orElse(1) : devices.size() * tpd, tpd, jvmArgs));
    }

    /** {@code early_terminate:} (absent: no pruning). */
    Optional<PrunerSpec> earlyTerminate(YamlNode node) {
        Optional<Fields> f = Fields.of(node, problems);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields e = f.get();
        int before = problems.count();
        e.allowOnly(List.of("type", "min_iter", "eta", "max_iter", "warmup_trials"), Map.of(
                "s", "W&B's hyperband 's' is not supported; brackets follow from min_iter, max_iter and eta",
                "strict", "W&B's 'strict' is not supported"));
        String type = null;
        if (e.require("type")) {
            type = e.string("type").orElse(null);
            if (type != null && !PRUNERS.contains(type)) {
                problems.at(e.get("type").orElseThrow(), "unknown early_terminate type '" + type + "'" + Suggestions.hint(type, PRUNERS));
            }
        }
        int minIter = Fields.small(e, "min_iter", 1).orElse(1);
        int eta = Fields.small(e, "eta", 2).orElse(3);
        Integer maxIter = Fields.small(e, "max_iter", 1).orElse(null);
        int warmup = Fields.small(e, "warmup_trials", 0).orElse(DEFAULT_WARMUP_TRIALS);
        if (maxIter != null && maxIter < minIter) {
            problems.at(e.get("max_iter").orElseThrow(), "max_iter >= min_iter must hold, but got (min_iter=" + minIter
                    + ", max_iter=" + maxIter + ")");
        }
        if ("median".equals(type)) {
            for (String k : List.of("eta", "max_iter")) {
                e.entry(k).ifPresent(x -> problems.atKey(x, e.path(), k + " applies to asha and hyperband, not median"));
            }
        } else if (type != null) {
            e.entry("warmup_trials").ifPresent(x -> problems.atKey(x, e.path(), "warmup_trials applies to median, not " + e.string("type").orElse("")));
        }
        if (problems.count() != before || type == null) {
            return Optional.empty();
        }
        return Optional.of(new PrunerSpec(type, minIter, eta, maxIter, warmup));
    }

    /** {@code schedule:} (absent: start now and run to the end). */
    Optional<ScheduleSpec> schedule(YamlNode node) {
        Optional<Fields> f = Fields.of(node, problems);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields s = f.get();
        int before = problems.count();
        s.allowOnly(List.of("cron", "stop_launching_at", "time_zone"));
        if (!s.has("cron") && !s.has("stop_launching_at")) {
            problems.at(s.node(), "a schedule needs cron, stop_launching_at, or both");
        }
        Optional<String> cron = s.string("cron");
        cron.ifPresent(c -> cronError(c).ifPresent(m -> problems.at(s.get("cron").orElseThrow(), m)));
        Optional<String> stop = s.string("stop_launching_at");
        stop.ifPresent(t -> {
            try {
                LocalTime.parse(t, HH_MM);
            } catch (DateTimeParseException ex) {
                problems.at(s.get("stop_launching_at").orElseThrow(), "stop_launching_at must be a time of day HH:mm "
                        + "(e.g. \"07:00\"), but got '" + t + "'");
            }
        });
        Optional<String> zone = s.string("time_zone");
        zone.ifPresent(z -> {
            try {
                ZoneId.of(z);
            } catch (DateTimeException ex) {
                problems.at(s.get("time_zone").orElseThrow(), "unknown time zone '" + z + "'"
                        + Suggestions.closest(z, ZoneId.getAvailableZoneIds()).map(x -> "; did you mean '" + x + "'?")
                        .orElse(" (use a region id such as Europe/Berlin, or UTC)"));
            }
        });
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new ScheduleSpec(cron.orElse(null), stop.orElse(null), zone.orElse(null)));
    }

    /** Why Quartz refuses the cron expression, if it does. */
    static Optional<String> cronError(String cron) {
        if (CronExpression.isValidExpression(cron)) {
            return Optional.empty();
        }
        String why;
        try {
            new CronExpression(cron);
            why = "invalid";
        } catch (ParseException e) {
            why = String.valueOf(e.getMessage()).replaceFirst("\\.$", "");
        }
        int fields = cron.trim().split("\\s+").length;
        String hint = fields == 5 ? "; Quartz cron has 6 or 7 fields with seconds first, e.g. \"0 0 22 * * ?\" for 22:00 daily"
                : "; e.g. \"0 0 22 * * ?\" starts at 22:00 daily";
        return Optional.of("cron '" + cron + "' is not a valid Quartz cron expression: " + why + hint);
    }
}
