package dev.sweep.orchestrator.engine;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker processes a sweep's orchestrators have started and not yet seen exit: one small file per process,
 * {@code <sweep runs dir>/workers/<worker>-<pid>.pid}, holding the worker's pid and start instant and those of the
 * orchestrator that started it. An orchestrator that dies leaves its files behind; a worker it left that can no
 * longer notice (frozen by SIGSTOP, hung) would then hold its GPU for good, so the next orchestrator of the sweep
 * kills it ({@link #killLeftovers}) before starting its own.
 *
 * <p>A process is killed only when its pid still belongs to the process that was registered (same start instant,
 * so a reused pid is never killed), it is not a descendant of this orchestrator, and the orchestrator that started
 * it is gone. Without start instants (not Linux) nothing is registered and nothing is killed.
 */
final class WorkerRegistry {
    private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);
    private static final String SUFFIX = ".pid";
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Path dir;
    private final ProcessGroups groups;

    WorkerRegistry(Path dir, ProcessGroups groups) {
        this.dir = dir;
        this.groups = groups;
    }

    /** Records a worker process just started by this orchestrator; a failure is logged, not thrown. */
    void add(String workerId, ProcessHandle worker) {
        ProcessHandle self = ProcessHandle.current();
        Optional<Instant> started = worker.info().startInstant();
        Optional<Instant> selfStarted = self.info().startInstant();
        if (started.isEmpty() || selfStarted.isEmpty()) {
            log.debug("worker {} pid {} not registered: the system gives no process start times", workerId,
                    worker.pid());
            return;
        }
        String text = "# a worker process of this sweep; deleted when its orchestrator sees it exit\n"
                + "worker=" + workerId + "\n"
                + "pid=" + worker.pid() + "\n"
                + "started=" + started.get() + "\n"
                + "orchestrator_pid=" + self.pid() + "\n"
                + "orchestrator_started=" + selfStarted.get() + "\n";
        try {
            Files.writeString(entry(workerId, worker.pid()), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot register worker {} pid {} (a later orchestrator will not clean it up if this one "
                    + "dies): {}", workerId, worker.pid(), e.toString());
        }
    }

    /** Forgets a worker process of this orchestrator's that has exited (or been killed). */
    void remove(String workerId, ProcessHandle worker) {
        try {
            Files.deleteIfExists(entry(workerId, worker.pid()));
        } catch (IOException e) {
            log.warn("cannot delete the registry entry of worker {} pid {}: {}", workerId, worker.pid(),
                    e.toString());
        }
    }

    /**
     * Kills (SIGKILL, stopped ones included, with their process groups) the registered workers that an earlier
     * orchestrator of this sweep left running, and deletes their entries and those of processes already gone.
     * Returns the pids it killed.
     */
    List<Long> killLeftovers() throws IOException {
        List<Long> killed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return killed;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            files.forEach(entries::add);
        }
        for (Path file : entries) {
            Optional<Entry> e = read(file);
            if (e.isEmpty()) {
                Files.deleteIfExists(file);
                continue;
            }
            Entry entry = e.get();
            if (running(entry.orchestratorPid(), entry.orchestratorStarted()).isPresent()) {
                if (entry.orchestratorPid() != ProcessHandle.current().pid()) {
                    log.warn("worker {} pid {} left alone: the orchestrator that started it (pid {}) is still "
                            + "running", entry.workerId(), entry.pid(), entry.orchestratorPid());
                }
                continue;
            }
            Optional<ProcessHandle> worker = running(entry.pid(), entry.started());
            if (worker.isPresent() && !isOurs(worker.get())) {
                log.warn("killing worker {} pid {} (started {}), left running by an earlier orchestrator (pid {}) of "
                        + "this sweep", entry.workerId(), entry.pid(), entry.started(), entry.orchestratorPid());
                groups.killTree(worker.get());
                killed.add(entry.pid());
            }
            Files.deleteIfExists(file);
        }
        awaitGone(killed);
        return killed;
    }

    /** Gives killed processes a moment to exit (and free their memory) before new workers start; never throws. */
    private static void awaitGone(List<Long> pids) {
        long end = System.nanoTime() + KILL_WAIT.toNanos();
        try {
            while (System.nanoTime() < end
                    && pids.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path entry(String workerId, long pid) {
        return dir.resolve(workerId + "-" + pid + SUFFIX);
    }

    private static boolean isOurs(ProcessHandle p) {
        long self = ProcessHandle.current().pid();
        for (Optional<ProcessHandle> up = p.parent(); up.isPresent(); up = up.get().parent()) {
            if (up.get().pid() == self) {
                return true;
            }
        }
        return false;
    }

    /** The live process {@code pid} if it is the one that started at {@code started} (not a reuse of its pid). */
    private static Optional<ProcessHandle> running(long pid, Instant started) {
        return ProcessHandle.of(pid)
                .filter(p -> p.isAlive() && p.info().startInstant().equals(Optional.of(started)));
    }

    private record Entry(String workerId, long pid, Instant started, long orchestratorPid,
                         Instant orchestratorStarted) {
    }

    /** The entry in {@code file}; empty (with a warning) when it cannot be read or is incomplete. */
    private static Optional<Entry> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new Entry(p.getProperty("worker", "?"), Long.parseLong(required(p, "pid")),
                    Instant.parse(required(p, "started")), Long.parseLong(required(p, "orchestrator_pid")),
                    Instant.parse(required(p, "orchestrator_started"))));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            log.warn("ignoring the worker registry entry {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("a worker registry entry must hold '" + key + "', but got "
                    + p.stringPropertyNames());
        }
        return v.trim();
    }
}
