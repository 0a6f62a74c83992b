package dev.sweep.worker.task;

import dev.sweep.search.protocol.TrialSpec;

/**
 * One kind of training job a worker runs (synthetic, command, bert-classification). An instance lives as long
 * as its worker process, so it may cache what is costly to load (a pretrained model, a tokenised dataset)
 * across trials. Throw {@link TrialFailedException} for a failure with a kind (DIVERGED, OOM, ERROR); any
 * other exception is an ERROR.
 */
public interface Task {

    /** The sweep file's {@code task.type} this task answers to. */
    String type();

    TaskOutcome run(TrialSpec trial, TrialContext context) throws Exception;
}
