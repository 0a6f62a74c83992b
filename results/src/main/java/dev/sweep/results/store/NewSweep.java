package dev.sweep.results.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A sweep as it is created: its unique name, the sweep file's text and SHA-256 hash, where it came from,
 * the metric, its goal ("minimize"/"maximize"), method and seed.
 */
public record NewSweep(String name, String specText, String specHash, String sourcePath, String method,
                       String metricName, String goal, long seed, Instant createdAt) {
    public NewSweep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specText, "specText");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(goal, "goal");
    }
}
