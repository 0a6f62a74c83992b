package dev.sweep.orchestrator.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the sweep does with a trial that ran out of memory ({@code on_oom:}): {@link #FAIL} ends it OOM;
 * {@link #ACCUMULATE} runs it again with half the micro-batch ({@code micro_batch_tokens}) and as many more
 * gradient-accumulation parts, so its effective batch size (the configuration the user asked for) stays the same.
 */
public enum OomPolicy {
    FAIL, ACCUMULATE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OomPolicy> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(OomPolicy::key).toList();
    }
}
