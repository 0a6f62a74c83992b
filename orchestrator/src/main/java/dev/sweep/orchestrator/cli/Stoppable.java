package dev.sweep.orchestrator.cli;

/** Something that a first Ctrl-C stops gracefully and a second stops hard (a running sweep). */
public interface Stoppable {

    /** No new trials; running ones finish. */
    void requestGracefulStop();

    /** Running trials are stopped too (they go back to WAITING and are resumed later). */
    void requestHardStop();
}
