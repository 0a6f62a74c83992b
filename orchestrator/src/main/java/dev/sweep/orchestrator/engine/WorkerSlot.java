package dev.sweep.orchestrator.engine;

import dev.sweep.results.store.TrialRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * One worker slot (a GPU, or a share of the CPU) and the process that currently fills it. Mutated by the event
 * loop thread only.
 */
final class WorkerSlot {

    enum Phase { DOWN, STARTING, IDLE, BUSY }

    /** The trial a busy slot runs. */
    static final class Assignment {
        final TrialRecord trial;
        Instant lastHeard;
        /** Provenance received and not yet written (written at the next heartbeat or when the trial ends). */
        Map<String, String> unsavedProvenance;
        /** The step at which the pruner stopped it; null unless a prune Stop was sent. */
        Long pruneStep;
        /** The store refused a write of this attempt (its lease was lost): results are no longer recorded. */
        boolean leaseLost;

        Assignment(TrialRecord trial, Instant at) {
            this.trial = trial;
            this.lastHeard = at;
        }
    }

    final int index;
    final String workerId;
    final String device;
    final Map<String, String> env;

    Phase phase = Phase.DOWN;
    WorkerProcess process;
    long generation;
    long pid;
    Instant launchedAt;
    Instant restartAt;
    Assignment assignment;
    /** Why the loop killed the current process (hung, not ready); used as the reason when it exits. */
    String killReason;
    /** The worker reported an OOM and will exit on purpose: restart it without counting a crash. */
    boolean expectExit;
    /** Deaths within the last minute (for the restart cap) and in a row (for the backoff). */
    final Deque<Instant> recentDeaths = new ArrayDeque<>();
    int consecutiveDeaths;

    WorkerSlot(int index, String workerId, String device, Map<String, String> env) {
        this.index = index;
        this.workerId = workerId;
        this.device = device;
        this.env = Map.copyOf(env);
    }

    boolean busy() {
        return phase == Phase.BUSY;
    }

    boolean idle() {
        return phase == Phase.IDLE;
    }

    @Override
    public String toString() {
        return workerId + "(" + device + ", " + phase + (pid > 0 ? ", pid " + pid : "") + ")";
    }
}
