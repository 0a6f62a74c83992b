package dev.sweep.search.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/** Worker → orchestrator, one JSON object per line on the worker's stdout. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerEvent.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = WorkerEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = WorkerEvent.Progress.class, name = "progress"),
        @JsonSubTypes.Type(value = WorkerEvent.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = WorkerEvent.Completed.class, name = "completed"),
        @JsonSubTypes.Type(value = WorkerEvent.Failed.class, name = "failed")})
public sealed interface WorkerEvent {

    /** The worker is up and waits for a trial; {@code info} holds versions, host, device. */
    record Ready(String workerId, long pid, Map<String, String> info) implements WorkerEvent {
    }

    record Started(long trialId, int attempt, Map<String, String> provenance) implements WorkerEvent {
    }

    /** Metrics at {@code step} (training step, or epoch for per-epoch evaluation). */
    record Progress(long trialId, int attempt, long step, Map<String, Double> metrics) implements WorkerEvent {
    }

    record Heartbeat(long trialId, int attempt) implements WorkerEvent {
    }

    /**
     * The trial ended normally ({@code stopped} true when it ended because of a Stop message).
     * {@code metrics} are its final metrics; the sweep's metric among them is the result.
     */
    record Completed(long trialId, int attempt, Map<String, Double> metrics, boolean stopped, Long step)
            implements WorkerEvent {
    }

    /** The trial failed; {@code step} is where (null if unknown); {@code detail} e.g. the stderr tail. */
    record Failed(long trialId, int attempt, FailureKind kind, String message, Long step, String detail)
            implements WorkerEvent {
    }
}
