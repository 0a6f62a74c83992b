package dev.sweep.orchestrator.config;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.PrunerSpec;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.StudyConfig;
import dev.sweep.search.space.SearchSpace;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed and validated sweep file. Immutable; built only by {@link SweepFileParser}.
 *
 * @param task      {@code task.type} and the rest of the {@code task:} block (model, dataset, command, …)
 * @param schedule  null unless the file has a {@code schedule:} block
 * @param source    the file it came from; {@code text} its exact content and {@code hash} the SHA-256 of it
 * @param onOom     what to do with a trial that runs out of memory ({@code on_oom:}; null reads as FAIL)
 */
public record SweepSpec(String name, SearchMethod method, String metricName, Goal goal, SearchSpace space,
                        String taskType, Map<String, Object> task, long seed, Resources resources, int maxRetries,
                        Integer runCap, int repeats, PrunerSpec earlyTerminate, ScheduleSpec schedule,
                        Path source, String text, String hash, OomPolicy onOom) {
    public SweepSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(taskType, "taskType");
        Objects.requireNonNull(resources, "resources");
        task = Map.copyOf(task);
        onOom = onOom == null ? OomPolicy.FAIL : onOom;
    }

    /** A sweep with {@code on_oom: fail} (the default). */
    public SweepSpec(String name, SearchMethod method, String metricName, Goal goal, SearchSpace space,
                     String taskType, Map<String, Object> task, long seed, Resources resources, int maxRetries,
                     Integer runCap, int repeats, PrunerSpec earlyTerminate, ScheduleSpec schedule,
                     Path source, String text, String hash) {
        this(name, method, metricName, goal, space, taskType, task, seed, resources, maxRetries, runCap, repeats,
                earlyTerminate, schedule, source, text, hash, OomPolicy.FAIL);
    }

    public StudyConfig studyConfig() {
        return new StudyConfig(space, method, goal, seed, runCap, repeats, earlyTerminate);
    }
}
