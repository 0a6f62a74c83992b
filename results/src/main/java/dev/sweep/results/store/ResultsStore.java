package dev.sweep.results.store;

import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where every sweep, trial, curve and provenance lives. The orchestrator is its only writer. A finished trial
 * is never modified again: every write to a trial names the attempt that holds its lease, and a write from an
 * older attempt, or to a finished trial, is refused (returns false) rather than applied.
 */
public interface ResultsStore extends AutoCloseable {

    // ---- sweeps ----
    /** @throws IllegalStateException when a sweep of that name exists */
    SweepRecord createSweep(NewSweep sweep);

    Optional<SweepRecord> findSweep(String name);

    Optional<SweepRecord> findSweep(long id);

    List<SweepRecord> listSweeps();

    void setSweepState(long sweepId, SweepState state, String message, Instant at);

    // ---- trials ----
    /** Adds a WAITING trial. @throws IllegalStateException when the number is taken in that sweep */
    TrialRecord addTrial(long sweepId, NewTrial trial, Instant at);

    /**
     * Adds many WAITING trials at once: all or none (one transaction in a transactional store).
     * @throws IllegalStateException when a number is taken in that sweep (and then none is added)
     */
    default List<TrialRecord> addTrials(long sweepId, List<NewTrial> trials, Instant at) {
        return inTransaction(() -> trials.stream().map(t -> addTrial(sweepId, t, at)).toList());
    }

    /**
     * Claims the lowest-numbered WAITING trial of the sweep: RUNNING, attempt + 1, lease until {@code at + lease}.
     * A retry (attempt &gt; 1) starts a new curve: the points the lost attempt recorded are removed.
     */
    Optional<TrialRecord> claimNext(long sweepId, String workerId, String device, Instant at, Duration lease);

    /** Extends the lease of a RUNNING trial held by {@code attempt}; false if the lease was lost. */
    boolean heartbeat(long trialId, int attempt, Instant at, Duration lease);

    /** Records intermediate metrics of a RUNNING trial at {@code step}; false if late (lease lost or finished). */
    boolean recordProgress(long trialId, int attempt, long step, Map<String, Double> metrics, Instant at);

    /** Finishes a RUNNING trial held by {@code attempt}; false (and nothing changes) if it is not. */
    boolean finish(long trialId, int attempt, Finish finish);

    /**
     * Returns RUNNING trials of the sweep whose lease ended before {@code at} to WAITING when fewer than
     * {@code maxRetries} retries were used (attempt ≤ maxRetries), else FAILED with {@code reason}.
     * @return the trials it changed, as they are now
     */
    List<TrialRecord> expireLeases(long sweepId, Instant at, int maxRetries, String reason);

    /** Like {@link #expireLeases} for every RUNNING trial of the sweep regardless of lease (orchestrator restart). */
    List<TrialRecord> requeueRunning(long sweepId, Instant at, int maxRetries, String reason);

    /** Releases one RUNNING trial held by {@code attempt} back to WAITING (or FAILED past maxRetries). */
    boolean release(long trialId, int attempt, int maxRetries, String reason, Instant at);

    /** Marks every WAITING trial of the sweep CANCELLED; returns how many. */
    int cancelWaiting(long sweepId, Instant at);

    Optional<TrialRecord> trial(long trialId);

    Optional<TrialRecord> trial(long sweepId, int number);

    /** All trials of the sweep ordered by number. */
    List<TrialRecord> trials(long sweepId);

    Map<TrialState, Integer> countByState(long sweepId);

    /** All metric points of one trial, ordered by step then name. */
    List<MetricPoint> metrics(long trialId);

    /** Every metric point of a sweep (for reports), ordered by trial, step, name. */
    List<MetricPoint> sweepMetrics(long sweepId);

    // ---- provenance ----
    void putProvenance(long trialId, Map<String, String> provenance);

    Map<String, String> provenance(long trialId);

    // ---- transactions ----
    /**
     * Runs {@code work} (calls on this store) as one unit: its writes become visible and durable together when it
     * returns, and none of them remains when it throws. A call inside that throws undoes only its own writes, so
     * work that catches an exception goes on from a consistent state. Nested calls join the outer unit. Other
     * threads' writes wait until the unit ends. Meant for bulk writes (planning a grid, importing, fixtures): a
     * store that commits every call durably is much faster when many calls share one commit. Both stores here
     * (H2, in-memory) keep this promise; the default, for other implementations, just runs {@code work}.
     */
    default <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    // ---- queries ----
    /** Runs a read-only SELECT (or WITH … SELECT); anything else is refused with an IllegalArgumentException. */
    QueryResult query(String sql);

    @Override
    void close();
}
