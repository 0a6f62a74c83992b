package dev.sweep.orchestrator.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
                .filter(p -> commandLine(p).map(c -> c.contains(WORKER_MAIN) && c.contains(trials)).orElse(false))
                .toList();
    }

    /**
     * The whole command line, from /proc/PID/cmdline where there is one: {@code ProcessHandle.Info.commandLine()}
     * stops at 4 KiB, before a worker's arguments when its class path is long (as a test JVM's is).
     */
    static Optional<String> commandLine(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine();
        }
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

    /**
     * Workers a killed orchestrator left behind, watched (every 20 ms, from a daemon thread) from the kill on, so
     * that the test can do other work while they exit and still learn when the last one went.
     */
    static final class Orphans {
        private final Instant killedAt;
        private final List<ProcessHandle> processes;
        private final CompletableFuture<Instant> allGone = new CompletableFuture<>();

        Orphans(Instant killedAt, List<ProcessHandle> processes) {
            this.killedAt = killedAt;
            this.processes = List.copyOf(processes);
            Thread watcher = new Thread(() -> {
                try {
                    while (this.processes.stream().anyMatch(ProcessHandle::isAlive)) {
                        Thread.sleep(20);
                    }
                    allGone.complete(Instant.now());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    allGone.completeExceptionally(e);
                }
            }, "orphan-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        int size() {
            return processes.size();
        }

        /**
         * Milliseconds from the kill until the last of them exited. @throws AssertionError (after killing them)
         * when some still run {@code grace} after the kill
         */
        long assertAllGone(Duration grace, String what) throws InterruptedException {
            long left = Duration.between(Instant.now(), killedAt.plus(grace)).toMillis();
            try {
                return Duration.between(killedAt, allGone.get(Math.max(1, left), TimeUnit.MILLISECONDS)).toMillis();
            } catch (TimeoutException e) {
                List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
                killAll(alive);
                throw new AssertionError(what + ": worker processes were still running " + grace + " after the "
                        + "orchestrator was killed: " + describe(alive));
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** The live worker process of one slot ({@code --id=w0}) of a sweep; empty if there is none. */
    static Optional<ProcessHandle> slot(Path sweepRunsDir, String workerId) {
        return of(sweepRunsDir).stream()
                .filter(p -> commandLine(p).map(c -> c.contains(" --id=" + workerId + " ")).orElse(false))
                .findFirst();
    }

    /** Sends {@code signal} (STOP, CONT, ...) to the process alone, with the system's {@code kill}. */
    static void signal(ProcessHandle p, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + p.pid() + " failed with code " + kill.exitValue());
        }
    }

    /** Waits until the process is stopped (state T in /proc/PID/stat, Linux); false if it is not by {@code timeout}. */
    static boolean awaitStopped(ProcessHandle p, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("T")) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** SIGKILL to each, so a failed test leaves nothing behind. */
    static void killAll(Collection<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
    }
}
