package dev.sweep.orchestrator.engine;

/**
 * The store holds a sweep of this name whose sweep file differs (another hash), or that was cancelled: running
 * would mix two experiments under one name.
 */
public class SweepConflictException extends IllegalStateException {
    private final String sweep;

    public SweepConflictException(String sweep, String message) {
        super(message);
        this.sweep = sweep;
    }

    public String sweep() {
        return sweep;
    }
}
