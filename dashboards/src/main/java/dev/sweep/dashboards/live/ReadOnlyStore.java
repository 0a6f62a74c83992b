package dev.sweep.dashboards.live;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.QueryResult;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A view of a store that passes reads through and refuses every write, so the dashboard cannot change the
 * results whatever store it is given. Closing it leaves the underlying store open (its owner closes it).
 */
public final class ReadOnlyStore implements ResultsStore {
    private final ResultsStore store;

    public ReadOnlyStore(ResultsStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    private static UnsupportedOperationException refused(String call) {
        return new UnsupportedOperationException("the dashboard only reads the results store, so " + call
                + " is refused");
    }

    @Override
    public SweepRecord createSweep(NewSweep sweep) {
        throw refused("createSweep");
    }

    @Override
    public Optional<SweepRecord> findSweep(String name) {
        return store.findSweep(name);
    }

    @Override
    public Optional<SweepRecord> findSweep(long id) {
        return store.findSweep(id);
    }

    @Override
    public List<SweepRecord> listSweeps() {
        return store.listSweeps();
    }

    @Override
    public void setSweepState(long sweepId, SweepState state, String message, Instant at) {
        throw refused("setSweepState");
    }

    @Override
    public TrialRecord addTrial(long sweepId, NewTrial trial, Instant at) {
        throw refused("addTrial");
    }

    @Override
    public List<TrialRecord> addTrials(long sweepId, List<NewTrial> trials, Instant at) {
        throw refused("addTrials");
    }

    @Override
    public Optional<TrialRecord> claimNext(long sweepId, String workerId, String device, Instant at, Duration lease) {
        throw refused("claimNext");
    }

    @Override
    public boolean heartbeat(long trialId, int attempt, Instant at, Duration lease) {
        throw refused("heartbeat");
    }

    @Override
    public boolean recordProgress(long trialId, int attempt, long step, Map<String, Double> metrics, Instant at) {
        throw refused("recordProgress");
    }

    @Override
    public boolean finish(long trialId, int attempt, Finish finish) {
        throw refused("finish");
    }

    @Override
    public List<TrialRecord> expireLeases(long sweepId, Instant at, int maxRetries, String reason) {
        throw refused("expireLeases");
    }

    @Override
    public List<TrialRecord> requeueRunning(long sweepId, Instant at, int maxRetries, String reason) {
        throw refused("requeueRunning");
    }

    @Override
    public boolean release(long trialId, int attempt, int maxRetries, String reason, Instant at) {
        throw refused("release");
    }

    @Override
    public int cancelWaiting(long sweepId, Instant at) {
        throw refused("cancelWaiting");
    }

    @Override
    public Optional<TrialRecord> trial(long trialId) {
        return store.trial(trialId);
    }

    @Override
    public Optional<TrialRecord> trial(long sweepId, int number) {
        return store.trial(sweepId, number);
    }

    @Override
    public List<TrialRecord> trials(long sweepId) {
        return store.trials(sweepId);
    }

    @Override
    public Map<TrialState, Integer> countByState(long sweepId) {
        return store.countByState(sweepId);
    }

    @Override
    public List<MetricPoint> metrics(long trialId) {
        return store.metrics(trialId);
    }

    @Override
    public List<MetricPoint> sweepMetrics(long sweepId) {
        return store.sweepMetrics(sweepId);
    }

    @Override
    public void putProvenance(long trialId, Map<String, String> provenance) {
        throw refused("putProvenance");
    }

    @Override
    public Map<String, String> provenance(long trialId) {
        return store.provenance(trialId);
    }

    @Override
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        throw refused("inTransaction");
    }

    @Override
    public QueryResult query(String sql) {
        return store.query(sql);
    }

    /** Leaves the underlying store open. */
    @Override
    public void close() {
        // the store belongs to the caller
    }
}
