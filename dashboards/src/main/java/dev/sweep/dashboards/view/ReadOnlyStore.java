package dev.sweep.dashboards.view;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A view of a store that passes reads through and refuses every write, so the dashboards cannot change the
 * results whatever store they are given. A {@link #snapshot} also remembers what it read, so that the many
 * leaderboard computations of one report (or one chart refresh) read each sweep's trials and curves once, and
 * all see the same moment. Closing it leaves the underlying store open (its owner closes it).
 */
public final class ReadOnlyStore implements ResultsStore {
    private final ResultsStore store;
    private final Map<List<Object>, Object> memo;

    public ReadOnlyStore(ResultsStore store) {
        this(store, null);
    }

    private ReadOnlyStore(ResultsStore store, Map<List<Object>, Object> memo) {
        this.store = Objects.requireNonNull(store, "store");
        this.memo = memo;
    }

    /** A read-only view that reads each thing once: for one report or one computation, not to keep. */
    public static ReadOnlyStore snapshot(ResultsStore store) {
        return new ReadOnlyStore(store, new ConcurrentHashMap<>());
    }

    /** Tells a snapshot the trials of a sweep, already read by the caller (so they are not read again). */
    public ReadOnlyStore withTrials(long sweepId, List<TrialRecord> trials) {
        if (memo != null) {
            memo.put(List.of("trials", sweepId), List.copyOf(trials));
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private <T> T read(String what, Object arg, Supplier<T> read) {
        if (memo == null) {
            return read.get();
        }
        List<Object> key = List.of(what, arg);
        Object v = memo.get(key);
        if (v == null) {
            v = read.get();
            memo.put(key, v);
        }
        return (T) v;
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
        return read("findSweepByName", name, () -> store.findSweep(name));
    }

    @Override
    public Optional<SweepRecord> findSweep(long id) {
        return read("findSweep", id, () -> store.findSweep(id));
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
        return read("trials", sweepId, () -> store.trials(sweepId));
    }

    @Override
    public Map<TrialState, Integer> countByState(long sweepId) {
        return read("countByState", sweepId, () -> store.countByState(sweepId));
    }

    @Override
    public List<MetricPoint> metrics(long trialId) {
        return read("metrics", trialId, () -> store.metrics(trialId));
    }

    @Override
    public List<MetricPoint> sweepMetrics(long sweepId) {
        return read("sweepMetrics", sweepId, () -> store.sweepMetrics(sweepId));
    }

    @Override
    public void putProvenance(long trialId, Map<String, String> provenance) {
        throw refused("putProvenance");
    }

    @Override
    public Map<String, String> provenance(long trialId) {
        return read("provenance", trialId, () -> store.provenance(trialId));
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
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
