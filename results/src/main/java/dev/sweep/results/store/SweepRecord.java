package dev.sweep.results.store;

import java.time.Instant;

/** A stored sweep. {@code message} says why it stopped or failed, when it did. */
public record SweepRecord(long id, String name, String specText, String specHash, String sourcePath, String method,
                          String metricName, String goal, long seed, SweepState state, String message,
                          Instant createdAt, Instant updatedAt) {
}
