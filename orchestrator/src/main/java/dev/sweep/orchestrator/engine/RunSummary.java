package dev.sweep.orchestrator.engine;

import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * What one {@link SweepRunner#run} did.
 *
 * @param resumed  true when the sweep existed (same name and file hash) and this run continued it
 * @param state    the sweep's state as stored at the end (FINISHED, or STOPPED: resumable)
 * @param message  a sentence on why it ended (the database error, the failing worker and its log, …)
 * @param launched trials launched by this run (retries included)
 * @param best     the best COMPLETE trial of the whole sweep, if any
 */
public record RunSummary(String sweep, long sweepId, boolean resumed, SweepState state, StopReason reason,
                         String message, RunCounts counts, int launched, Optional<TrialRecord> best,
                         Duration elapsed) {
}
