package dev.sweep.orchestrator.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finding a sweep's worker processes, whoever their parent is now, and waiting for them to be gone. */
final class WorkerProcesses {
    static final String WORKER_MAIN = "dev.sweep.worker.WorkerMain";

    private WorkerProcesses() {
    }

    /**
     * Live worker processes of one sweep: their command line names the sweep's trials folder
     * ({@code <runs dir>/<sweep>/trials}), which is unique to a test's temporary folder. Orphans included.
     */
    static List<ProcessHandle> of(Path sweepRunsDir) {
        String trials = "--trials-dir=" + sweepRunsDir.resolve("trials").toAbsolutePath();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(WORKER_MAIN) && c.contains(trials))
                        .orElse(false))
                .toList();
    }

    /** Waits until every one of {@code processes} has exited; returns those still alive after {@code timeout}. */
    static List<ProcessHandle> awaitGone(Collection<ProcessHandle> processes, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty() || System.nanoTime() > end) {
                return alive;
            }
            Thread.sleep(20);
        }
    }

    /** Both lists, each process once. */
    static List<ProcessHandle> union(Collection<ProcessHandle> a, Collection<ProcessHandle> b) {
        Map<Long, ProcessHandle> byPid = new LinkedHashMap<>();
        Stream.concat(a.stream(), b.stream()).forEach(p -> byPid.putIfAbsent(p.pid(), p));
        return List.copyOf(byPid.values());
    }

    static String describe(Collection<ProcessHandle> processes) {
        return processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList().toString();
    }

    /** SIGKILL to each, so a failed test leaves nothing behind. */
    static void killAll(Collection<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
    }
}
