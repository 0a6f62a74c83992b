package dev.sweep.search.study;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a trial. Every legal transition is in {@link #ALLOWED}, the one table to read and test.
 * WAITING → RUNNING (claimed) → a finished state, or back to WAITING when its lease is lost and retries remain.
 */
public enum TrialState {
    WAITING, RUNNING, COMPLETE, PRUNED, FAILED, DIVERGED, OOM, CANCELLED;

    private static final Map<TrialState, Set<TrialState>> ALLOWED = Map.of(
            WAITING, EnumSet.of(RUNNING, CANCELLED, FAILED),
            RUNNING, EnumSet.of(WAITING, COMPLETE, PRUNED, FAILED, DIVERGED, OOM, CANCELLED),
            COMPLETE, EnumSet.noneOf(TrialState.class),
            PRUNED, EnumSet.noneOf(TrialState.class),
            FAILED, EnumSet.noneOf(TrialState.class),
            DIVERGED, EnumSet.noneOf(TrialState.class),
            OOM, EnumSet.noneOf(TrialState.class),
            CANCELLED, EnumSet.noneOf(TrialState.class));

    public boolean canMoveTo(TrialState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** A finished trial is never modified again. */
    public boolean isFinished() {
        return ALLOWED.get(this).isEmpty();
    }

    public void checkMoveTo(TrialState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a trial cannot move from " + this + " to " + next);
        }
    }
}
