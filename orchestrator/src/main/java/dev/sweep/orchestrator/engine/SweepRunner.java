package dev.sweep.orchestrator.engine;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.TrialState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a sweep to its end, or until it is told to stop: creates or resumes it in the store (see
 * {@link SweepOpener}), puts back trials left RUNNING by an orchestrator that died, starts one worker process per
 * slot, and drives them from one event-loop thread that owns every store write (see {@link RunLoop}). A sweep
 * that had already finished, with nothing left to run, ends at once ({@link StopReason#ALREADY_FINISHED}): no
 * worker is started and nothing is written.
 *
 * <p>Stopping: {@link #requestGracefulStop()} (first Ctrl-C) launches nothing more and lets running trials
 * finish; {@link #requestHardStop()} (second Ctrl-C) kills the running trials' workers at once and puts those
 * trials back to WAITING without using a retry, so resuming the sweep runs them again. Either way the sweep
 * ends STOPPED and can be resumed by running the same file again. Both are safe to call from any thread
 * (a signal handler), also before {@link #run} starts.
 *
 * <p>One runner per run. The store must not be written by anyone else while it runs.
 */
public final class SweepRunner {
    private static final Logger log = LoggerFactory.getLogger(SweepRunner.class);

    private final Clock clock;
    private final AtomicBoolean gracefulStop = new AtomicBoolean();
    private final AtomicBoolean hardStop = new AtomicBoolean();
    private final BlockingQueue<EngineEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean used = new AtomicBoolean();

    public SweepRunner(Clock clock) {
        this.clock = clock;
    }

    public void requestGracefulStop() {
        gracefulStop.set(true);
        queue.add(new EngineEvent.Wake());
    }

    public void requestHardStop() {
        hardStop.set(true);
        queue.add(new EngineEvent.Wake());
    }

    /**
     * Runs the sweep. Blocks until the run ends.
     *
     * @throws SweepConflictException when a sweep of that name exists with another sweep file, or was cancelled
     * @throws dev.sweep.results.store.ResultsStoreException when the store fails before the run starts (later
     *         failures end the run with {@link StopReason#DATABASE_ERROR} instead)
     * @throws InterruptedException when the calling thread is interrupted (workers are shut down first)
     */
    public RunSummary run(SweepSpec spec, ResultsStore store, RunOptions options, RunListener listener)
            throws InterruptedException {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a SweepRunner runs one sweep once; make a new one for another run");
        }
        Instant began = clock.instant();
        MDC.put("sweep", spec.name());
        try {
            SweepOpener.Opened opened = SweepOpener.open(store, spec, began);
            long sweepId = opened.sweep().id();
            Study study = new Study(spec.studyConfig());
            if (opened.sweep().state() == SweepState.FINISHED) {
                RunSummary done = alreadyFinished(spec, store, sweepId, study, began);
                if (done != null) {
                    listener.sweepEnded(done);
                    return done;
                }
            }
            if (opened.resumed()) {
                List<TrialRecord> requeued = store.requeueRunning(sweepId, began, Integer.MAX_VALUE, // an orchestrator crash is not the trial's fault
                        "the orchestrator running this trial stopped");
                log.info("resuming sweep '{}' ({} trials so far; {} left running by a previous orchestrator put back)",
                        spec.name(), store.trials(sweepId).size(), requeued.size());
            } else {
                log.info("created sweep '{}' (id {})", spec.name(), sweepId);
            }
            store.setSweepState(sweepId, SweepState.RUNNING, null, began);
            TrialBook book = TrialBook.load(store, sweepId, spec.metricName(), spec.goal());
            Path sweepRuns = options.runsDir().resolve(safe(spec.name()));
            Path workerDir = options.workerDir() != null ? options.workerDir()
                    : spec.source() != null && spec.source().toAbsolutePath().getParent() != null
                    ? spec.source().toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
            WorkerPool pool = new WorkerPool(spec.resources(), options, sweepRuns, workerDir, queue, clock);
            RunContext run = new RunContext(spec, sweepId, store, options, listener, clock, study, book, pool);
            if (opened.resumed() && run.oom.accumulate()) {
                restoreOomRetries(run);
            }
            listener.sweepStarted(spec.name(), sweepId, opened.resumed(), pool.slots().size(), run.counts());
            RunLoop loop = new RunLoop(run, queue, gracefulStop, hardStop);
            try {
                String failing = pool.startAll();
                if (failing != null) {
                    run.stop(StopReason.WORKERS_FAILING, failing);
                }
                loop.run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the run folder " + sweepRuns, e);
            } catch (InterruptedException | RuntimeException e) {
                run.dbRun("set sweep state", () -> store.setSweepState(sweepId, SweepState.STOPPED,
                        "the orchestrator stopped: " + e, clock.instant()));
                throw e;
            } finally {
                pool.shutdown();
            }
            RunSummary summary = finish(run, loop, opened.resumed(), began);
            listener.sweepEnded(summary);
            return summary;
        } finally {
            MDC.remove("sweep");
        }
    }

    /**
     * The summary of a run of a sweep that had already finished, when it has indeed nothing left to run (nothing
     * WAITING or RUNNING, and the search proposes nothing more): no worker is started and nothing is written. Null
     * when the store says otherwise, and the sweep is then resumed as any other.
     */
    private RunSummary alreadyFinished(SweepSpec spec, ResultsStore store, long sweepId, Study study, Instant began) {
        TrialBook book = TrialBook.load(store, sweepId, spec.metricName(), spec.goal());
        if (!nothingQueued(book) || study.ask(book.history()).isPresent()) {
            log.warn("sweep '{}' is stored as FINISHED but has trials left to run; resuming it", spec.name());
            return null;
        }
        RunCounts counts = book.counts(study.plannedTrials().orElse(null));
        log.info("sweep '{}' had already finished ({} done, {} failed): nothing to run, no worker started",
                spec.name(), counts.done(), counts.failed());
        return new RunSummary(spec.name(), sweepId, true, SweepState.FINISHED, StopReason.ALREADY_FINISHED,
                "the sweep had already finished; nothing was run", counts, 0, book.best(),
                Duration.between(began, clock.instant()));
    }

    /** Takes up the halved micro-batches that an earlier run gave its unfinished trials after an OOM. */
    private static void restoreOomRetries(RunContext run) {
        for (TrialRecord t : run.store.trials(run.sweepId)) {
            if (!t.state().isFinished()) {
                run.oom.restore(t.id(), run.store.provenance(t.id()));
            }
        }
    }

    private RunSummary finish(RunContext run, RunLoop loop, boolean resumed, Instant began) {
        boolean allDone = nothingQueued(run.book) && (loop.exhausted() || run.study.ask(run.book.history()).isEmpty());
        StopReason reason = run.stopReason() == null || allDone && run.stopReason() != StopReason.DATABASE_ERROR
                ? StopReason.COMPLETED : run.stopReason();
        SweepState state = reason == StopReason.COMPLETED ? SweepState.FINISHED : SweepState.STOPPED;
        String message = reason == StopReason.COMPLETED ? "every trial has ended" : run.stopMessage();
        Instant now = clock.instant();
        run.dbRun("set sweep state", () -> run.store.setSweepState(run.sweepId, state, message, now));
        RunCounts counts = run.counts();
        log.info("sweep '{}' {}: {} ({} done, {} failed, best {})", run.spec.name(), state, reason, counts.done(),
                counts.failed(), counts.bestValue());
        return new RunSummary(run.spec.name(), run.sweepId, resumed, state, reason, message, counts, loop.launched(),
                run.book.best(), Duration.between(began, now));
    }

    /** No trial of the book waits or runs: with a search that proposes nothing more, the sweep has finished. */
    private static boolean nothingQueued(TrialBook book) {
        return book.count(TrialState.WAITING) == 0 && book.count(TrialState.RUNNING) == 0;
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
