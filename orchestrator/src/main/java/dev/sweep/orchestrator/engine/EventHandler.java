package dev.sweep.orchestrator.engine;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.WorkerEvent;
import dev.sweep.search.protocol.WorkerMessage;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns what workers say into store writes: provenance, curves, lease extensions, final states, prune decisions,
 * and releases of trials whose worker died. Runs on the event loop thread. Events of an older process of a slot
 * (another generation) or of an attempt the slot no longer runs are late and ignored.
 */
final class EventHandler {
    private static final Logger log = LoggerFactory.getLogger(EventHandler.class);
    private static final int TAIL_LINES = 20;

    private final RunContext run;

    EventHandler(RunContext run) {
        this.run = run;
    }

    void handle(EngineEvent event) {
        if (event instanceof EngineEvent.FromWorker f) {
            fromWorker(run.pool.slot(f.slot()), f.generation(), f.event());
        } else if (event instanceof EngineEvent.WorkerExited x) {
            exited(run.pool.slot(x.slot()), x.generation(), x.exitCode());
        } else if (event instanceof EngineEvent.BadLine b) {
            log.warn("worker w{} wrote a line that is not a protocol event ({}): {}", b.slot(), b.problem(), b.line());
        }
    }

    private void fromWorker(WorkerSlot s, long generation, WorkerEvent event) {
        if (generation != s.generation) {
            return;
        }
        if (event instanceof WorkerEvent.Ready r) {
            s.pid = r.pid();
            if (s.phase == WorkerSlot.Phase.STARTING) {
                s.phase = WorkerSlot.Phase.IDLE;
            }
            log.info("worker {} ready: pid {}, {}", s.workerId, r.pid(), r.info().getOrDefault("device", s.device));
            run.listener.workerReady(s.workerId, r.pid(), s.device);
            return;
        }
        WorkerSlot.Assignment a = s.assignment;
        long trialId = trialId(event);
        int attempt = attempt(event);
        if (a == null || a.trial.id() != trialId || a.trial.attempt() != attempt) {
            log.debug("ignoring a late {} of trial {} attempt {} from {}", event.getClass().getSimpleName(), trialId,
                    attempt, s.workerId);
            return;
        }
        MDC.put("trial", Integer.toString(a.trial.number()));
        try {
            Instant now = run.clock.instant();
            if (event instanceof WorkerEvent.Started st) {
                started(a, st, now);
            } else if (event instanceof WorkerEvent.Heartbeat) {
                heartbeat(s, a, now);
            } else if (event instanceof WorkerEvent.Progress p) {
                progress(s, a, p, now);
            } else if (event instanceof WorkerEvent.Completed c) {
                completed(s, a, c, now);
            } else if (event instanceof WorkerEvent.Failed f) {
                failed(s, a, f, now);
            }
        } finally {
            MDC.remove("trial");
        }
    }

    /**
     * Keeps the provenance (the worker's, plus the sweep file's hash and path and the trial seed) until the next
     * heartbeat or the trial's end, so a task that adds provenance in steps costs one write, not one per step.
     */
    private void started(WorkerSlot.Assignment a, WorkerEvent.Started st, Instant now) {
        a.lastHeard = now;
        if (a.unsavedProvenance == null) {
            a.unsavedProvenance = new LinkedHashMap<>();
            a.unsavedProvenance.put("sweep", run.spec.name());
            if (run.spec.hash() != null) {
                a.unsavedProvenance.put("sweep_file_sha256", run.spec.hash());
            }
            if (run.spec.source() != null) {
                a.unsavedProvenance.put("sweep_file", run.spec.source().toAbsolutePath().toString());
            }
            a.unsavedProvenance.put("trial_seed", Long.toString(a.trial.seed()));
        }
        a.unsavedProvenance.putAll(st.provenance());
    }

    private void saveProvenance(WorkerSlot.Assignment a) {
        if (a.unsavedProvenance != null && !a.unsavedProvenance.isEmpty() && !a.leaseLost) {
            Map<String, String> p = Map.copyOf(a.unsavedProvenance);
            a.unsavedProvenance.clear();
            run.dbRun("put provenance", () -> run.store.putProvenance(a.trial.id(), p));
        }
    }

    private void heartbeat(WorkerSlot s, WorkerSlot.Assignment a, Instant now) {
        if (a.leaseLost) {
            return;
        }
        saveProvenance(a);
        Optional<Boolean> held = run.db("heartbeat", () ->
                run.store.heartbeat(a.trial.id(), a.trial.attempt(), now, run.options.lease()));
        if (held.isPresent() && !held.get()) {
            leaseLost(s, a);
        } else {
            a.lastHeard = now;
        }
    }

    private void progress(WorkerSlot s, WorkerSlot.Assignment a, WorkerEvent.Progress p, Instant now) {
        if (a.leaseLost) {
            return;
        }
        Map<String, Double> finite = new LinkedHashMap<>();
        p.metrics().forEach((k, v) -> {
            if (v != null) {
                finite.put(k, v);
            }
        });
        Optional<Boolean> held = run.db("record progress", () ->
                run.store.recordProgress(a.trial.id(), a.trial.attempt(), p.step(), finite, now));
        if (held.isPresent() && !held.get()) {
            leaseLost(s, a);
            return;
        }
        Double v = p.metrics().get(run.book.metric());
        if (v != null && Double.isFinite(v)) {
            TrialView view = run.book.intermediate(a.trial.number(), v);
            long evaluation = view.intermediate().lastKey();
            if (a.pruneStep == null && run.study.shouldPrune(view, evaluation, run.book.history())) {
                a.pruneStep = p.step();
                log.info("pruning trial {} at step {} ({} = {})", a.trial.number(), p.step(), run.book.metric(), v);
                run.pool.send(s, new WorkerMessage.Stop(a.trial.id(), a.trial.attempt(),
                        "pruned at step " + p.step()));
            }
        }
        run.listener.trialProgress(a.trial, p.step(), p.metrics());
    }

    private void completed(WorkerSlot s, WorkerSlot.Assignment a, WorkerEvent.Completed c, Instant now) {
        String metric = run.book.metric();
        Double value = c.metrics().get(metric);
        TrialState state;
        String error = null;
        Long stoppedStep = null;
        if (c.stopped() && a.pruneStep != null) {
            state = TrialState.PRUNED;
            stoppedStep = c.step() != null ? c.step() : a.pruneStep;
            value = value != null ? value : run.book.lastIntermediate(a.trial.number());
        } else if (c.stopped()) {
            state = TrialState.CANCELLED;
            stoppedStep = c.step();
            error = "stopped before it ended";
        } else if (value == null) {
            state = TrialState.FAILED;
            error = "the trial ended without reporting the sweep's metric '" + metric + "' (it reported "
                    + c.metrics().keySet() + ")";
        } else if (!Double.isFinite(value)) {
            state = TrialState.DIVERGED;
            stoppedStep = c.step();
            error = "metric '" + metric + "' is " + value;
        } else {
            state = TrialState.COMPLETE;
        }
        Double stored = value != null && Double.isFinite(value) ? value : null;
        finish(s, a, new Finish(state, stored, finiteOnly(c.metrics()), stoppedStep, error, now));
        if (state == TrialState.COMPLETE || state == TrialState.PRUNED) {
            s.consecutiveDeaths = 0;
        }
    }

    private void failed(WorkerSlot s, WorkerSlot.Assignment a, WorkerEvent.Failed f, Instant now) {
        TrialState state = switch (f.kind()) {
            case DIVERGED -> TrialState.DIVERGED;
            case OOM -> TrialState.OOM;
            case ERROR -> TrialState.FAILED;
        };
        String error = f.message() + (f.detail() == null || f.detail().isBlank() ? "" : "\n" + f.detail());
        // after an OutOfMemoryError the worker exits on purpose: not a crash
        s.expectExit = f.kind() == FailureKind.OOM;
        if (f.kind() == FailureKind.OOM && run.oom.accumulate() && !a.leaseLost) {
            long id = a.trial.id();
            int was = run.oom.current(id);
            OptionalInt next = run.oom.halve(id);
            String at = "OOM" + (f.step() == null ? "" : " at step " + f.step());
            if (next.isPresent()) {
                String reason = at + ": retrying with " + OomRetries.KEY + "=" + next.getAsInt()
                        + " (effective batch preserved)";
                log.info("trial {} attempt {}: {}", a.trial.number(), a.trial.attempt(), reason);
                // stored with the release, so an orchestrator that restarts goes on from this micro-batch
                if (a.unsavedProvenance == null) {
                    a.unsavedProvenance = new LinkedHashMap<>();
                }
                a.unsavedProvenance.put(OomRetries.PROVENANCE_KEY, Integer.toString(next.getAsInt()));
                s.assignment = null;
                s.phase = WorkerSlot.Phase.DOWN;
                release(a, reason, Integer.MAX_VALUE);
                return;
            }
            error = at + " with " + OomRetries.KEY + "=" + was + ": not retried, halving it again would go below "
                    + "the floor of " + OomRetries.FLOOR_TOKENS + " tokens (on_oom: accumulate)\n" + error;
        }
        finish(s, a, new Finish(state, null, Map.of(), f.step(), error, now));
    }

    private void finish(WorkerSlot s, WorkerSlot.Assignment a, Finish finish) {
        s.assignment = null;
        // a worker about to exit (after an OOM) gets no new trial: DOWN until its exit schedules the restart
        s.phase = s.expectExit ? WorkerSlot.Phase.DOWN : WorkerSlot.Phase.IDLE;
        if (a.leaseLost) {
            log.warn("trial {} attempt {} ended as {}, but its lease was lost: not recorded", a.trial.number(),
                    a.trial.attempt(), finish.state());
            return;
        }
        Optional<Boolean> ok = run.db("finish trial", () -> run.store.inTransaction(() -> {
            saveProvenance(a);
            return run.store.finish(a.trial.id(), a.trial.attempt(), finish);
        }));
        log.info("trial {} {}{}", a.trial.number(), finish.state(),
                finish.value() != null ? " " + run.book.metric() + "=" + finish.value() : "");
        Optional<TrialRecord> r;
        if (ok.orElse(false)) {
            r = Optional.of(finished(a.trial, finish));
            run.book.put(r.get());
        } else {
            log.warn("the result of trial {} attempt {} was not recorded", a.trial.number(), a.trial.attempt());
            r = run.refresh(a.trial.id());
        }
        r.filter(t -> t.state().isFinished()).ifPresent(t -> {
            run.oom.forget(t.id());
            run.listener.trialFinished(t);
        });
        run.countsChanged();
    }

    /** The store says this attempt no longer holds the trial: stop it, record nothing more of it. */
    private void leaseLost(WorkerSlot s, WorkerSlot.Assignment a) {
        log.warn("trial {} attempt {} lost its lease; stopping it on {}", a.trial.number(), a.trial.attempt(),
                s.workerId);
        a.leaseLost = true;
        run.pool.send(s, new WorkerMessage.Stop(a.trial.id(), a.trial.attempt(), "lease lost"));
    }

    private void exited(WorkerSlot s, long generation, int code) {
        if (generation != s.generation || s.process == null) {
            return;
        }
        String tail = s.process.stderrTail(TAIL_LINES);
        String reason = s.killReason != null ? s.killReason
                : "worker " + s.workerId + " exited with code " + code + (tail.isBlank() ? "" : ": " + tail);
        WorkerSlot.Assignment a = s.assignment;
        s.assignment = null;
        if (a != null) {
            release(a, reason, run.spec.maxRetries());
        }
        if (!s.expectExit) {
            log.warn("{}", reason);
            run.listener.workerLost(s.workerId, reason);
        }
        String failing = run.pool.scheduleRestart(s, reason);
        if (failing != null) {
            run.stop(StopReason.WORKERS_FAILING, failing);
        }
    }

    /**
     * Gives a running trial back: WAITING to be retried, or FAILED with {@code reason} past {@code maxRetries}. Its
     * unsaved provenance is stored in the same transaction.
     */
    void release(WorkerSlot.Assignment a, String reason, int maxRetries) {
        if (a.leaseLost) {
            return;
        }
        Instant now = run.clock.instant();
        run.db("release trial", () -> run.store.inTransaction(() -> {
            saveProvenance(a);
            return run.store.release(a.trial.id(), a.trial.attempt(), maxRetries, reason, now);
        }));
        Optional<TrialRecord> r = run.refresh(a.trial.id());
        r.ifPresent(t -> {
            if (t.state() == TrialState.WAITING) {
                run.listener.trialRequeued(t, reason);
            } else if (t.state().isFinished()) {
                run.oom.forget(t.id());
                run.listener.trialFinished(t);
            }
        });
        run.countsChanged();
    }

    /** The trial as the store holds it after {@code finish} was accepted (saves reading it back). */
    private static TrialRecord finished(TrialRecord t, Finish f) {
        return new TrialRecord(t.id(), t.sweepId(), t.number(), t.config(), t.repeat(), t.params(), t.seed(), f.state(),
                t.attempt(), t.workerId(), t.device(), null, t.createdAt(), t.startedAt(), f.at(), f.value(), f.metrics(),
                f.stoppedStep(), f.error());
    }

    private static Map<String, Double> finiteOnly(Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static long trialId(WorkerEvent e) {
        if (e instanceof WorkerEvent.Started x) {
            return x.trialId();
        } else if (e instanceof WorkerEvent.Progress x) {
            return x.trialId();
        } else if (e instanceof WorkerEvent.Heartbeat x) {
            return x.trialId();
        } else if (e instanceof WorkerEvent.Completed x) {
            return x.trialId();
        } else if (e instanceof WorkerEvent.Failed x) {
            return x.trialId();
        }
        return -1;
    }

    private static int attempt(WorkerEvent e) {
        if (e instanceof WorkerEvent.Started x) {
            return x.attempt();
        } else if (e instanceof WorkerEvent.Progress x) {
            return x.attempt();
        } else if (e instanceof WorkerEvent.Heartbeat x) {
            return x.attempt();
        } else if (e instanceof WorkerEvent.Completed x) {
            return x.attempt();
        } else if (e instanceof WorkerEvent.Failed x) {
            return x.attempt();
        }
        return -1;
    }
}
