package dev.sweep.results.store;

import dev.sweep.search.study.TrialState;
import java.time.Instant;
import java.util.Map;

/**
 * A stored trial. {@code attempt} counts claims (the lease token: an event from an older attempt is late and
 * rejected); {@code value} is the sweep metric's final value; {@code metrics} all final metrics;
 * {@code stoppedStep} the step at which a pruned/diverged trial stopped; {@code error} the failure reason.
 */
public record TrialRecord(long id, long sweepId, int number, int config, int repeat, Map<String, Object> params,
                          long seed, TrialState state, int attempt, String workerId, String device,
                          Instant leaseUntil, Instant createdAt, Instant startedAt, Instant finishedAt, Double value,
                          Map<String, Double> metrics, Long stoppedStep, String error) {
    public TrialRecord {
        params = Map.copyOf(params);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
