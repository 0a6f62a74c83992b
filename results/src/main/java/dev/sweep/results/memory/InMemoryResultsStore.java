package dev.sweep.results.memory;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.QueryResult;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.results.store.ValueCodec;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The results store in memory, for tests and dry runs, with the H2 store's semantics: the same guards, the same
 * normalised params (see {@link ValueCodec}), the same orderings, errors and exceptions. Every call holds one lock;
 * every write checks before it changes anything, so a refused call leaves nothing behind, and
 * {@link #inTransaction} restores a snapshot when its work throws. {@link #query} is not supported here (there is
 * no SQL engine behind this store): it throws {@link UnsupportedOperationException}; use the H2 store (it also
 * runs in memory with {@code jdbc:h2:mem:…}) where SQL is needed.
 */
public final class InMemoryResultsStore implements ResultsStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final ValueCodec codec = new ValueCodec();
    /** Guarded by {@link #lock}; replaced wholesale when a transaction rolls back. */
    private MemoryState state = new MemoryState();

    // ---- sweeps ----

    @Override
    public SweepRecord createSweep(NewSweep s) {
        String goal = Goal.parse(s.goal()).name().toLowerCase(Locale.ROOT);
        return locked(() -> {
            if (state.sweeps.values().stream().anyMatch(x -> x.name().equals(s.name()))) {
                throw new IllegalStateException("sweep names must be unique, but a sweep named '" + s.name()
                        + "' exists");
            }
            SweepRecord r = new SweepRecord(state.nextSweepId++, s.name(), s.specText(), s.specHash(),
                    s.sourcePath(), s.method(), s.metricName(), goal, s.seed(), SweepState.CREATED, null,
                    s.createdAt(), s.createdAt());
            state.sweeps.put(r.id(), r);
            return r;
        });
    }

    @Override
    public Optional<SweepRecord> findSweep(String name) {
        return locked(() -> state.sweeps.values().stream().filter(s -> s.name().equals(name)).findFirst());
    }

    @Override
    public Optional<SweepRecord> findSweep(long id) {
        return locked(() -> Optional.ofNullable(state.sweeps.get(id)));
    }

    @Override
    public List<SweepRecord> listSweeps() {
        return locked(() -> List.copyOf(state.sweeps.values()));
    }

    @Override
    public void setSweepState(long sweepId, SweepState sweepState, String message, Instant at) {
        locked(() -> {
            SweepRecord s = state.sweeps.get(sweepId);
            if (s == null) {
                throw new IllegalArgumentException("a sweep's state can be set only for a stored sweep, but there "
                        + "is no sweep with id " + sweepId);
            }
            state.sweeps.put(sweepId, new SweepRecord(s.id(), s.name(), s.specText(), s.specHash(), s.sourcePath(),
                    s.method(), s.metricName(), s.goal(), s.seed(), sweepState, codec.clip(message), s.createdAt(),
                    at));
            return null;
        });
    }

    // ---- trials ----

    @Override
    public TrialRecord addTrial(long sweepId, NewTrial t, Instant at) {
        Map<String, Object> params = codec.normalizeParams(t.params());
        return locked(() -> {
            if (!state.sweeps.containsKey(sweepId)) {
                throw new IllegalArgumentException("a trial must belong to a stored sweep, but there is no sweep "
                        + "with id " + sweepId);
            }
            if (state.trialByNumber(sweepId, t.number()).isPresent()) {
                throw new IllegalStateException("trial numbers must be unique in a sweep, but sweep " + sweepId
                        + " has a trial " + t.number());
            }
            TrialRecord r = new TrialRecord(state.nextTrialId++, sweepId, t.number(), t.config(), t.repeat(),
                    params, t.seed(), TrialState.WAITING, 0, null, null, null, at, null, null, null, Map.of(), null,
                    null);
            return state.put(r);
        });
    }

    @Override
    public Optional<TrialRecord> claimNext(long sweepId, String workerId, String device, Instant at, Duration lease) {
        return locked(() -> state.trialsOf(sweepId).stream()
                .filter(t -> t.state() == TrialState.WAITING)
                .findFirst()
                .map(t -> {
                    if (t.attempt() > 0) { // a retry starts a new curve: the lost attempt's points go
                        state.points.remove(t.id());
                    }
                    return state.put(TrialChanges.claimed(t, workerId, device, at.plus(lease), at));
                }));
    }

    @Override
    public boolean heartbeat(long trialId, int attempt, Instant at, Duration lease) {
        return changeHeld(trialId, attempt, t -> TrialChanges.leased(t, at.plus(lease)));
    }

    @Override
    public boolean recordProgress(long trialId, int attempt, long step, Map<String, Double> metrics, Instant at) {
        metrics.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("metric values must be numbers, but got null for '" + name + "'");
            }
        });
        return locked(() -> {
            if (!holds(trialId, attempt)) {
                return false;
            }
            state.addPoints(trialId, step, metrics, at);
            return true;
        });
    }

    @Override
    public boolean finish(long trialId, int attempt, Finish f) {
        return changeHeld(trialId, attempt, t -> TrialChanges.finished(t, f, codec.clip(f.error())));
    }

    @Override
    public List<TrialRecord> expireLeases(long sweepId, Instant at, int maxRetries, String reason) {
        return requeueWhere(sweepId, t -> t.leaseUntil() != null && t.leaseUntil().isBefore(at), at, maxRetries,
                reason);
    }

    @Override
    public List<TrialRecord> requeueRunning(long sweepId, Instant at, int maxRetries, String reason) {
        return requeueWhere(sweepId, t -> true, at, maxRetries, reason);
    }

    @Override
    public boolean release(long trialId, int attempt, int maxRetries, String reason, Instant at) {
        return changeHeld(trialId, attempt, t -> requeued(t, maxRetries, reason, at));
    }

    @Override
    public int cancelWaiting(long sweepId, Instant at) {
        return locked(() -> {
            int n = 0;
            for (TrialRecord t : state.trialsOf(sweepId)) {
                if (t.state() == TrialState.WAITING) {
                    state.put(TrialChanges.cancelled(t, at));
                    n++;
                }
            }
            return n;
        });
    }

    private List<TrialRecord> requeueWhere(long sweepId, java.util.function.Predicate<TrialRecord> which, Instant at,
                                           int maxRetries, String reason) {
        return locked(() -> {
            List<TrialRecord> changed = new ArrayList<>();
            for (TrialRecord t : state.trialsOf(sweepId)) {
                if (t.state() == TrialState.RUNNING && which.test(t)) {
                    changed.add(state.put(requeued(t, maxRetries, reason, at)));
                }
            }
            return changed;
        });
    }

    private TrialRecord requeued(TrialRecord t, int maxRetries, String reason, Instant at) {
        String error = codec.clip(reason);
        return t.attempt() <= maxRetries ? TrialChanges.waiting(t, error) : TrialChanges.failed(t, at, error);
    }

    /** Applies the change only to a RUNNING trial whose lease {@code attempt} holds (the H2 store's SQL guard). */
    private boolean changeHeld(long trialId, int attempt, UnaryOperator<TrialRecord> change) {
        return locked(() -> {
            if (!holds(trialId, attempt)) {
                return false;
            }
            state.put(change.apply(state.trials.get(trialId)));
            return true;
        });
    }

    private boolean holds(long trialId, int attempt) {
        TrialRecord t = state.trials.get(trialId);
        return t != null && t.state() == TrialState.RUNNING && t.attempt() == attempt;
    }

    @Override
    public Optional<TrialRecord> trial(long trialId) {
        return locked(() -> Optional.ofNullable(state.trials.get(trialId)));
    }

    @Override
    public Optional<TrialRecord> trial(long sweepId, int number) {
        return locked(() -> state.trialByNumber(sweepId, number));
    }

    @Override
    public List<TrialRecord> trials(long sweepId) {
        return locked(() -> state.trialsOf(sweepId));
    }

    @Override
    public Map<TrialState, Integer> countByState(long sweepId) {
        return locked(() -> {
            Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
            for (TrialState s : TrialState.values()) {
                counts.put(s, 0);
            }
            state.trialsOf(sweepId).forEach(t -> counts.merge(t.state(), 1, Integer::sum));
            return Collections.unmodifiableMap(counts);
        });
    }

    @Override
    public List<MetricPoint> metrics(long trialId) {
        return locked(() -> state.pointsOf(trialId));
    }

    @Override
    public List<MetricPoint> sweepMetrics(long sweepId) {
        return locked(() -> state.trialsOf(sweepId).stream()
                .flatMap(t -> state.pointsOf(t.id()).stream())
                .toList());
    }

    // ---- provenance ----

    @Override
    public void putProvenance(long trialId, Map<String, String> provenance) {
        provenance.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("provenance keys and values must not be null, but got "
                        + k + "=" + v);
            }
        });
        locked(() -> {
            if (!state.trials.containsKey(trialId)) {
                throw new IllegalArgumentException("provenance must belong to a stored trial, but there is no "
                        + "trial with id " + trialId);
            }
            TreeMap<String, String> merged = new TreeMap<>(state.provenance.getOrDefault(trialId, new TreeMap<>()));
            provenance.forEach((k, v) -> merged.put(k, codec.clip(v)));
            state.provenance.put(trialId, merged);
            return null;
        });
    }

    @Override
    public Map<String, String> provenance(long trialId) {
        return locked(() -> Collections.unmodifiableMap(new TreeMap<>(
                state.provenance.getOrDefault(trialId, new TreeMap<>()))));
    }

    // ---- transactions, queries ----

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return locked(() -> {
            MemoryState before = state.copy();
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                state = before;
                throw e;
            }
        });
    }

    /** @throws UnsupportedOperationException always: this store has no SQL engine (see the class comment) */
    @Override
    public QueryResult query(String sql) {
        throw new UnsupportedOperationException("SQL queries need the H2 store (a file, or jdbc:h2:mem:…); the "
                + "in-memory store has no SQL engine");
    }

    @Override
    public void close() {
        // nothing to release
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
