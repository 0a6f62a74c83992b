package dev.sweep.orchestrator.engine;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.ResultsStoreException;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Study;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the event loop and its event handling share for one run: the sweep, the store (written only through
 * {@link #db}, which turns a store failure into "stop launching" instead of a crash), the study, the trial book,
 * the pool, the micro-batch halvings of trials that ran out of memory, and why launching stopped.
 */
final class RunContext {
    private static final Logger log = LoggerFactory.getLogger(RunContext.class);

    final SweepSpec spec;
    final long sweepId;
    final ResultsStore store;
    final RunOptions options;
    final RunListener listener;
    final Clock clock;
    final Study study;
    final TrialBook book;
    final WorkerPool pool;
    final Integer planned;
    final OomRetries oom;

    private StopReason stopReason;
    private String stopMessage;
    private int storeFailures;

    RunContext(SweepSpec spec, long sweepId, ResultsStore store, RunOptions options, RunListener listener, Clock clock,
               Study study, TrialBook book, WorkerPool pool) {
        this.spec = spec;
        this.sweepId = sweepId;
        this.store = store;
        this.options = options;
        this.listener = listener;
        this.clock = clock;
        this.study = study;
        this.book = book;
        this.pool = pool;
        this.planned = study.plannedTrials().orElse(null);
        this.oom = new OomRetries(spec.onOom(), spec.task());
    }

    /**
     * Runs a store call. When the store fails, launching stops (reason DATABASE_ERROR, the first failure's message
     * kept for the summary) and the result is empty; the caller carries on with its in-memory bookkeeping.
     */
    <T> Optional<T> db(String what, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (ResultsStoreException e) {
            storeFailures++;
            if (storeFailures == 1) {
                log.error("the results store failed ({}); no more trials will be launched", what, e);
            } else {
                log.warn("the results store failed again ({}, failure #{}): {}", what, storeFailures, e.getMessage());
            }
            stop(StopReason.DATABASE_ERROR, "the results store failed (" + what + "): " + e.getMessage()
                    + "; no more trials were launched, what was recorded is kept");
            return Optional.empty();
        }
    }

    void dbRun(String what, Runnable call) {
        db(what, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    /** Re-reads a trial and updates the book; empty when the store failed. */
    Optional<TrialRecord> refresh(long trialId) {
        Optional<TrialRecord> r = db("read trial", () -> store.trial(trialId).orElse(null));
        r.ifPresent(book::put);
        return r;
    }

    /**
     * Stops launching for {@code reason} unless already stopped for another. A hard stop replaces a graceful stop,
     * a deadline or a launch limit, since it also ends the running trials; it never hides a failure.
     */
    void stop(StopReason reason, String message) {
        if (stopReason == null || reason == StopReason.HARD_STOP && (stopReason == StopReason.GRACEFUL_STOP
                || stopReason == StopReason.DEADLINE || stopReason == StopReason.LAUNCH_LIMIT)) {
            stopReason = reason;
            stopMessage = message;
            log.info("no more trials will be launched: {} ({})", reason, message);
        }
    }

    boolean launching() {
        return stopReason == null;
    }

    StopReason stopReason() {
        return stopReason;
    }

    String stopMessage() {
        return stopMessage;
    }

    RunCounts counts() {
        return book.counts(planned);
    }

    void countsChanged() {
        listener.countsChanged(counts());
    }
}
