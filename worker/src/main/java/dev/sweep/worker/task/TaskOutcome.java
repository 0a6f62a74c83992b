package dev.sweep.worker.task;

import java.util.Map;

/**
 * A trial that ended normally: its final metrics (the sweep's metric among them), whether it ended early
 * because a stop was requested, and the last step it ran.
 */
public record TaskOutcome(Map<String, Double> metrics, boolean stopped, Long lastStep) {
    public TaskOutcome {
        metrics = Map.copyOf(metrics);
    }
}
