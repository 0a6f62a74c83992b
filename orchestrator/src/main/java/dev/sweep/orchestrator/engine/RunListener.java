package dev.sweep.orchestrator.engine;

import dev.sweep.results.store.TrialRecord;
import java.util.Map;

/**
 * Callbacks for a progress display. All are called on the run's event-loop thread, after the store was written:
 * keep them quick and never block (the loop also handles heartbeats). Every method has a no-op default.
 */
public interface RunListener {

    /** The sweep was created or resumed and its workers are starting. */
    default void sweepStarted(String sweep, long sweepId, boolean resumed, int slots, RunCounts counts) {
    }

    /** A worker process is up ({@code device} e.g. "cuda:0" or "cpu"). */
    default void workerReady(String workerId, long pid, String device) {
    }

    /** A worker died or hung and will be restarted (or not: see the run's summary). */
    default void workerLost(String workerId, String reason) {
    }

    /** A trial was sent to a worker ({@code trial} as claimed: RUNNING, its attempt). */
    default void trialStarted(TrialRecord trial, String workerId) {
    }

    /** A running trial reported intermediate metrics. */
    default void trialProgress(TrialRecord trial, long step, Map<String, Double> metrics) {
    }

    /** A trial ended for good ({@code trial} as stored: its final state, value, error). */
    default void trialFinished(TrialRecord trial) {
    }

    /** A trial's worker died or hung; the trial went back to WAITING to be retried. */
    default void trialRequeued(TrialRecord trial, String reason) {
    }

    /** Counts changed (after every start, finish or requeue). */
    default void countsChanged(RunCounts counts) {
    }

    /** The run is over (also returned by {@link SweepRunner#run}). */
    default void sweepEnded(RunSummary summary) {
    }

    RunListener NONE = new RunListener() {
    };
}
