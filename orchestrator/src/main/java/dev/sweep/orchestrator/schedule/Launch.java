package dev.sweep.orchestrator.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One firing of a schedule: the sweep file to launch, when Quartz meant to fire it and when it did, and the
 * instant after which no new trial may start (null: the sweep runs to its end).
 */
public record Launch(String name, Path file, Instant scheduledAt, Instant firedAt, Instant stopLaunchingAt) {
    public Launch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(firedAt, "firedAt");
    }
}
