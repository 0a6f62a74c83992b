package dev.sweep.orchestrator.engine;

import dev.sweep.search.protocol.WorkerEvent;

/**
 * What the event loop takes from its queue. Worker reader threads put worker events and deaths; stop requests
 * put a wake-up. {@code generation} tells events of a restarted worker's previous process apart.
 */
sealed interface EngineEvent {

    record FromWorker(int slot, long generation, WorkerEvent event) implements EngineEvent {
    }

    /** The worker's stdout ended and its process exited with {@code exitCode}. */
    record WorkerExited(int slot, long generation, int exitCode) implements EngineEvent {
    }

    /** A stdout line that is not a protocol event (a bug in the worker: logged, then ignored). */
    record BadLine(int slot, long generation, String line, String problem) implements EngineEvent {
    }

    /** Look at the stop flags now. */
    record Wake() implements EngineEvent {
    }
}
