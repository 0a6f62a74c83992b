package dev.sweep.worker.task;

import java.nio.file.Path;
import java.util.Map;

/** What a running trial may do besides computing: report, notice a stop request, keep files. */
public interface TrialContext {

    /** Streams intermediate metrics at {@code step} to the orchestrator (curves, early stopping). */
    void progress(long step, Map<String, Double> metrics);

    /** True once the orchestrator asked this trial to stop (pruned or cancelled): end at the next step. */
    boolean stopRequested();

    /** A folder private to this trial attempt, for checkpoints and logs. */
    Path workDir();

    /** Adds provenance entries (model and dataset ids, versions, device) recorded with the trial. */
    void provenance(Map<String, String> entries);
}
