package dev.sweep.orchestrator.engine;

import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.search.protocol.WorkerMessage;
import dev.sweep.search.study.TrialProposal;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that drives a run: keeps every idle worker busy (claim a WAITING trial, else ask the study
 * for a new one, add it, claim it), handles worker events from the queue, takes back trials of hung workers
 * (no heartbeat for a lease period: the worker's process group is killed, the trial released), restarts dead
 * workers, and ends when nothing runs and nothing more may or can be launched.
 */
final class RunLoop {
    private static final Logger log = LoggerFactory.getLogger(RunLoop.class);
    private static final Duration MAX_TICK = Duration.ofSeconds(1);
    private static final Duration MIN_TICK = Duration.ofMillis(20);

    private final RunContext run;
    private final EventHandler handler;
    private final BlockingQueue<EngineEvent> queue;
    private final AtomicBoolean gracefulStop;
    private final AtomicBoolean hardStop;
    private final Duration tick;
    private boolean exhausted;
    private int launched;

    RunLoop(RunContext run, BlockingQueue<EngineEvent> queue, AtomicBoolean gracefulStop, AtomicBoolean hardStop) {
        this.run = run;
        this.handler = new EventHandler(run);
        this.queue = queue;
        this.gracefulStop = gracefulStop;
        this.hardStop = hardStop;
        Duration t = run.options.lease().dividedBy(5);
        this.tick = t.compareTo(MAX_TICK) > 0 ? MAX_TICK : t.compareTo(MIN_TICK) < 0 ? MIN_TICK : t;
    }

    int launched() {
        return launched;
    }

    boolean exhausted() {
        return exhausted;
    }

    /** Runs until done; returns whether it ended by a hard stop. Workers are shut down by the caller. */
    void run() throws InterruptedException {
        while (true) {
            checkStops();
            if (hardStop.get()) {
                killRunning();
                return;
            }
            String failing = run.pool.restartDue(run.launching());
            if (failing != null) {
                run.stop(StopReason.WORKERS_FAILING, failing);
            }
            fill();
            // events first, so no heartbeat waiting in the queue is judged stale
            boolean handled = drain(queue.poll());
            reap();
            if (done()) {
                return;
            }
            if (!handled) {
                drain(queue.poll(waitMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }

    /** Handles {@code first} and everything queued behind it; false when there was nothing. */
    private boolean drain(EngineEvent first) {
        for (EngineEvent e = first; e != null; e = queue.poll()) {
            handler.handle(e);
        }
        return first != null;
    }

    private void checkStops() {
        if (hardStop.get()) {
            run.stop(StopReason.HARD_STOP, "stopped at once on request; running trials were put back to WAITING");
        } else if (gracefulStop.get()) {
            run.stop(StopReason.GRACEFUL_STOP, "stopped on request; no new trials, running ones finished");
        }
        Instant deadline = run.options.stopLaunchingAt();
        if (deadline != null && !run.clock.instant().isBefore(deadline)) {
            run.stop(StopReason.DEADLINE, "no trial is launched after " + deadline);
        }
        Integer limit = run.options.launchLimit();
        if (limit != null && launched >= limit) {
            run.stop(StopReason.LAUNCH_LIMIT, "launched " + launched + " trials, the limit of this run");
        }
    }

    /** Sends a trial to every idle worker while launching is allowed and there is something to run. */
    private void fill() {
        for (WorkerSlot s : run.pool.slots()) {
            checkStops();
            if (!run.launching()) {
                return;
            }
            if (!s.idle()) {
                continue;
            }
            Optional<TrialRecord> next = next(s);
            if (next.isEmpty()) {
                return;
            }
            dispatch(s, next.get());
        }
    }

    /**
     * The next trial for slot {@code s}: a WAITING one (a retry, or left by an earlier run) if the book knows of
     * any, else a new one from the study, added and claimed in one store transaction.
     */
    private Optional<TrialRecord> next(WorkerSlot s) {
        Instant now = run.clock.instant();
        if (run.book.count(TrialState.WAITING) > 0) {
            Optional<TrialRecord> claimed = run.db("claim trial", () -> claim(s, now));
            claimed.ifPresent(run.book::put);
            if (claimed.isPresent()) {
                return claimed;
            }
        }
        if (exhausted) {
            return Optional.empty();
        }
        Optional<TrialProposal> p = run.study.ask(run.book.history());
        if (p.isEmpty()) {
            exhausted = true;
            log.info("the search has nothing more to propose after {} trials", run.book.size());
            return Optional.empty();
        }
        TrialProposal t = p.get();
        Optional<TrialRecord[]> added = run.db("add trial", () -> run.store.inTransaction(() -> new TrialRecord[] {
            run.store.addTrial(run.sweepId, new NewTrial(t.number(), t.config(), t.repeat(), t.params(), t.seed()), now),
            claim(s, now)}));
        if (added.isEmpty()) {
            return Optional.empty();
        }
        run.book.put(added.get()[0]);
        Optional<TrialRecord> claimed = Optional.ofNullable(added.get()[1]);
        claimed.ifPresent(run.book::put);
        return claimed;
    }

    private TrialRecord claim(WorkerSlot s, Instant now) {
        return run.store.claimNext(run.sweepId, s.workerId, s.device, now, run.options.lease()).orElse(null);
    }

    /**
     * The task settings plus the sweep's objective, so a task can pick its best checkpoint by it, and the trial's
     * halved {@code micro_batch_tokens} when it ran out of memory before ({@code on_oom: accumulate}).
     */
    private Map<String, Object> taskWithMetric(long trialId) {
        Map<String, Object> task = new LinkedHashMap<>(run.spec.task());
        task.put("metric", Map.of("name", run.spec.metricName(),
                "goal", run.spec.goal().name().toLowerCase(Locale.ROOT)));
        run.oom.tokens(trialId).ifPresent(tokens -> task.put(OomRetries.KEY, tokens));
        return task;
    }

    private void dispatch(WorkerSlot s, TrialRecord t) {
        Instant now = run.clock.instant();
        s.assignment = new WorkerSlot.Assignment(t, now);
        s.phase = WorkerSlot.Phase.BUSY;
        s.expectExit = false;
        launched++;
        TrialSpec spec = new TrialSpec(t.id(), t.attempt(), run.spec.name(), t.number(), t.params(), t.seed(),
                run.spec.taskType(), taskWithMetric(t.id()));
        if (!run.pool.send(s, new WorkerMessage.Run(spec))) {
            // the worker died before the trial reached it: give the trial back without using up a retry
            log.warn("worker {} was gone before trial {} reached it", s.workerId, t.number());
            s.assignment = null;
            s.phase = WorkerSlot.Phase.STARTING;
            launched--;
            handler.release(new WorkerSlot.Assignment(t, now), "its worker was gone before the trial reached it",
                    Integer.MAX_VALUE);
            return;
        }
        log.info("trial {} (attempt {}) → {}: {}", t.number(), t.attempt(), s.workerId, t.params());
        run.listener.trialStarted(t, s.workerId);
        run.countsChanged();
    }

    /** Kills workers that stopped heartbeating during a trial, or never became ready. */
    private void reap() {
        Instant now = run.clock.instant();
        for (WorkerSlot s : run.pool.slots()) {
            if (s.killReason != null) {
                continue;
            }
            if (s.busy() && s.assignment != null && now.isAfter(s.assignment.lastHeard.plus(run.options.lease()))) {
                run.pool.kill(s, "worker " + s.workerId + " sent no heartbeat for " + seconds(run.options.lease())
                        + " while running trial " + s.assignment.trial.number() + " (hung; killed)");
            } else if (s.phase == WorkerSlot.Phase.STARTING && s.launchedAt != null
                    && now.isAfter(s.launchedAt.plus(run.options.readyTimeout()))) {
                run.pool.kill(s, "worker " + s.workerId + " was not ready within "
                        + seconds(run.options.readyTimeout()) + " (killed)");
            }
        }
    }

    private boolean done() {
        boolean busy = run.pool.slots().stream().anyMatch(WorkerSlot::busy);
        if (busy) {
            return false;
        }
        if (!run.launching()) {
            return true;
        }
        return exhausted && run.book.count(TrialState.WAITING) == 0;
    }

    private long waitMillis() {
        Instant now = run.clock.instant();
        long ms = tick.toMillis();
        Instant restart = run.pool.nextRestart();
        if (restart != null) {
            ms = Math.min(ms, Math.max(1, Duration.between(now, restart).toMillis()));
        }
        return ms;
    }

    /** Hard stop: kill every busy worker's process group and put its trial back to WAITING (no retry used). */
    private void killRunning() {
        for (WorkerSlot s : run.pool.slots()) {
            WorkerSlot.Assignment a = s.assignment;
            if (a != null) {
                run.pool.kill(s, "hard stop");
                s.assignment = null;
                handler.release(a, "the sweep was stopped while this trial ran; it runs again when the sweep resumes",
                        Integer.MAX_VALUE);
            }
            s.phase = WorkerSlot.Phase.DOWN;
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
