package dev.sweep.results.memory;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.time.Instant;

/** The trial records each state change produces (records are immutable: every change is a new one). */
final class TrialChanges {

    private TrialChanges() {
    }

    static TrialRecord claimed(TrialRecord t, String worker, String device, Instant until, Instant at) {
        return new TrialRecord(t.id(), t.sweepId(), t.number(), t.config(), t.repeat(), t.params(), t.seed(),
                TrialState.RUNNING, t.attempt() + 1, worker, device, until, t.createdAt(), at, t.finishedAt(),
                t.value(), t.metrics(), t.stoppedStep(), null);
    }

    static TrialRecord leased(TrialRecord t, Instant until) {
        return new TrialRecord(t.id(), t.sweepId(), t.number(), t.config(), t.repeat(), t.params(), t.seed(),
                t.state(), t.attempt(), t.workerId(), t.device(), until, t.createdAt(), t.startedAt(),
                t.finishedAt(), t.value(), t.metrics(), t.stoppedStep(), t.error());
    }

    static TrialRecord finished(TrialRecord t, Finish f, String error) {
        return new TrialRecord(t.id(), t.sweepId(), t.number(), t.config(), t.repeat(), t.params(), t.seed(),
                f.state(), t.attempt(), t.workerId(), t.device(), null, t.createdAt(), t.startedAt(), f.at(),
                f.value(), f.metrics(), f.stoppedStep(), error);
    }

    static TrialRecord waiting(TrialRecord t, String error) {
        return new TrialRecord(t.id(), t.sweepId(), t.number(), t.config(), t.repeat(), t.params(), t.seed(),
                TrialState.WAITING, t.attempt(), null, null, null, t.createdAt(), null, t.finishedAt(),
                t.value(), t.metrics(), t.stoppedStep(), error);
    }

    static TrialRecord failed(TrialRecord t, Instant at, String error) {
        return new TrialRecord(t.id(), t.sweepId(), t.number(), t.config(), t.repeat(), t.params(), t.seed(),
                TrialState.FAILED, t.attempt(), t.workerId(), t.device(), null, t.createdAt(), t.startedAt(), at,
                t.value(), t.metrics(), t.stoppedStep(), error);
    }

    static TrialRecord cancelled(TrialRecord t, Instant at) {
        return new TrialRecord(t.id(), t.sweepId(), t.number(), t.config(), t.repeat(), t.params(), t.seed(),
                TrialState.CANCELLED, t.attempt(), t.workerId(), t.device(), t.leaseUntil(), t.createdAt(),
                t.startedAt(), at, t.value(), t.metrics(), t.stoppedStep(), t.error());
    }
}
