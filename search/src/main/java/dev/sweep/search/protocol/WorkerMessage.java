package dev.sweep.search.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Orchestrator → worker, one JSON object per line on the worker's stdin. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerMessage.Run.class, name = "run"),
        @JsonSubTypes.Type(value = WorkerMessage.Stop.class, name = "stop"),
        @JsonSubTypes.Type(value = WorkerMessage.Shutdown.class, name = "shutdown")})
public sealed interface WorkerMessage {

    /** Run this trial. */
    record Run(TrialSpec trial) implements WorkerMessage {
    }

    /** Stop the trial at its next step (pruned or cancelled); the worker answers with a Completed or Failed. */
    record Stop(long trialId, int attempt, String reason) implements WorkerMessage {
    }

    /** Finish the current trial, if any, and exit. */
    record Shutdown() implements WorkerMessage {
    }
}
