package dev.sweep.orchestrator.schedule;

/**
 * What a fired schedule does. The CLI's implementation parses the sweep file and runs (or resumes) it with the
 * engine until it ends or {@link Launch#stopLaunchingAt()} passes and its running trials have finished.
 */
@FunctionalInterface
public interface SweepLauncher {

    void launch(Launch launch) throws InterruptedException;
}
