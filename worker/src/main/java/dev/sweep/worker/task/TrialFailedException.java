package dev.sweep.worker.task;

import dev.sweep.search.protocol.FailureKind;

/** A trial that failed in a known way: DIVERGED (NaN/Inf loss at {@code step}), OOM, or ERROR with detail. */
public class TrialFailedException extends Exception {
    private final FailureKind kind;
    private final Long step;
    private final String detail;

    public TrialFailedException(FailureKind kind, String message, Long step, String detail) {
        super(message);
        this.kind = kind;
        this.step = step;
        this.detail = detail;
    }

    public FailureKind kind() {
        return kind;
    }

    public Long step() {
        return step;
    }

    public String detail() {
        return detail;
    }
}
