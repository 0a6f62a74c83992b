package dev.sweep.results.store;

import java.time.Instant;

/** One metric of one trial at one step (a point on a training or validation curve). */
public record MetricPoint(long trialId, long step, String name, double value, Instant recordedAt) {
}
