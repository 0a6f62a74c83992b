package dev.sweep.worker.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process and everything it started. */
final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * Sends SIGTERM to the process and all its descendants (taken before any dies, since orphans are re-parented
     * and no longer descendants), waits up to {@code grace} for the process to exit, then SIGKILLs what is left.
     */
    static void destroy(ProcessHandle root, Duration grace) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        if (!grace.isZero()) {
            all.forEach(ProcessHandle::destroy);
            try {
                root.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // fall through to SIGKILL
            }
        }
        root.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
    }
}
