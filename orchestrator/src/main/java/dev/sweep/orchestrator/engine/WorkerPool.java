package dev.sweep.orchestrator.engine;

import dev.sweep.orchestrator.config.Resources;
import dev.sweep.search.protocol.Protocol;
import dev.sweep.search.protocol.WorkerMessage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived worker process per slot: a slot per GPU × trials_per_device (CUDA_VISIBLE_DEVICES set), or
 * {@code workers} CPU slots sharing the cores (OMP_NUM_THREADS = cores / slots). Each worker runs as
 * {@code [setsid] java <jvm args> -cp <classpath> dev.sweep.worker.WorkerMain}, in its own process group where
 * setsid exists, so that killing the group ends everything it started. Its stderr is appended to
 * {@code <sweep runs dir>/workers/<id>.log}. Each live worker is registered in that folder too (see
 * {@link WorkerRegistry}), so that the next orchestrator of the sweep can kill the workers this one leaves behind
 * if it dies; before starting its own, the pool kills those an earlier orchestrator left. Called from the event
 * loop thread only.
 */
final class WorkerPool {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    static final String MAIN_CLASS = "dev.sweep.worker.WorkerMain";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(1);

    private final List<WorkerSlot> slots;
    private final RunOptions options;
    private final List<String> specJvmArgs;
    private final Path logsDir;
    private final Path trialsDir;
    private final Path workerDir;
    private final BlockingQueue<EngineEvent> queue;
    private final Clock clock;
    private final Protocol protocol = new Protocol();
    private final ProcessGroups groups = new ProcessGroups();
    private final WorkerRegistry registry;

    WorkerPool(Resources resources, RunOptions options, Path sweepRunsDir, Path workerDir,
               BlockingQueue<EngineEvent> queue, Clock clock) {
        this.options = options;
        this.specJvmArgs = resources.jvmArgs();
        this.logsDir = sweepRunsDir.resolve("workers");
        this.registry = new WorkerRegistry(logsDir, groups);
        this.trialsDir = sweepRunsDir.resolve("trials");
        this.workerDir = workerDir;
        this.queue = queue;
        this.clock = clock;
        this.slots = plan(resources, Runtime.getRuntime().availableProcessors(), options.workerEnv());
    }

    /** The slots for these resources; env holds CUDA_VISIBLE_DEVICES and thread counts, then {@code extra}. */
    static List<WorkerSlot> plan(Resources resources, int cores, Map<String, String> extra) {
        int n = resources.slots();
        String threads = Integer.toString(Math.max(1, cores / n));
        List<WorkerSlot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> env = new LinkedHashMap<>();
            String device;
            if (resources.devices().isEmpty()) {
                device = "cpu";
            } else {
                int gpu = resources.devices().get(i / resources.trialsPerDevice());
                env.put("CUDA_VISIBLE_DEVICES", Integer.toString(gpu));
                device = "cuda:" + gpu;
            }
            env.put("OMP_NUM_THREADS", threads);
            env.put("MKL_NUM_THREADS", threads);
            env.put("OPENBLAS_NUM_THREADS", threads);
            env.putAll(extra);
            out.add(new WorkerSlot(i, "w" + i, device, env));
        }
        return out;
    }

    List<WorkerSlot> slots() {
        return slots;
    }

    WorkerSlot slot(int index) {
        return slots.get(index);
    }

    /**
     * Kills the workers an earlier orchestrator of this sweep left running, then starts every slot's worker;
     * returns why the pool is failing, when a start failure says so.
     */
    String startAll() throws IOException {
        Files.createDirectories(logsDir);
        Files.createDirectories(trialsDir);
        registry.killLeftovers(); // logs each pid it kills
        String failing = null;
        for (WorkerSlot s : slots) {
            String f = launch(s);
            failing = failing == null ? f : failing;
        }
        return failing;
    }

    /**
     * Starts a process in the slot. When the process cannot even be started, that counts as a death (the slot
     * stays DOWN with a restart scheduled) and the result is why the slot is failing too often, if it is.
     */
    String launch(WorkerSlot s) {
        s.generation++;
        s.pid = 0;
        s.killReason = null;
        s.expectExit = false;
        s.assignment = null;
        s.restartAt = null;
        Path logFile = logsDir.resolve(s.workerId + ".log");
        try {
            String header = "=== " + clock.instant() + " starting worker " + s.workerId + " (" + s.device
                    + "), launch #" + s.generation + " ===\n";
            Files.writeString(logFile, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            long offset = Files.size(logFile);
            ProcessBuilder pb = new ProcessBuilder(command(s)).directory(workerDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().putAll(s.env);
            s.process = WorkerProcess.start(pb, protocol, logFile, offset, s.index, s.generation, s.workerId, queue);
            registry.add(s.workerId, s.process.handle());
            s.phase = WorkerSlot.Phase.STARTING;
            s.launchedAt = clock.instant();
            log.info("started worker {} ({}) pid {}, log {}", s.workerId, s.device, s.process.handle().pid(), logFile);
            return null;
        } catch (IOException e) {
            log.error("cannot start worker {}: {}", s.workerId, e.toString());
            return scheduleRestart(s, "cannot start worker " + s.workerId + ": " + e.getMessage());
        }
    }

    List<String> command(WorkerSlot s) {
        List<String> cmd = new ArrayList<>();
        groups.setsid().ifPresent(cmd::add);
        cmd.add(options.javaCommand() != null ? options.javaCommand() : currentJava());
        cmd.addAll(specJvmArgs);
        cmd.addAll(options.jvmArgs());
        cmd.add("-cp");
        cmd.add(options.classpath() != null ? options.classpath() : absoluteClasspath());
        cmd.add(MAIN_CLASS);
        cmd.add("--id=" + s.workerId);
        cmd.add("--trials-dir=" + trialsDir.toAbsolutePath());
        cmd.add("--heartbeat-ms=" + options.heartbeatInterval().toMillis());
        return cmd;
    }

    boolean send(WorkerSlot s, WorkerMessage message) {
        return s.process != null && s.process.send(message);
    }

    /** Kills the slot's process group now; its exit then arrives as a WorkerExited event. */
    void kill(WorkerSlot s, String reason) {
        if (s.process != null) {
            log.warn("killing worker {} (pid {}): {}", s.workerId, s.process.handle().pid(), reason);
            s.killReason = reason;
            groups.killTree(s.process.handle());
        }
    }

    /**
     * After an unplanned death: schedules the restart with backoff, or returns why the slot is failing too often
     * (more than {@code maxRestartsPerMinute} deaths in a minute).
     */
    String scheduleRestart(WorkerSlot s, String reason) {
        Instant now = clock.instant();
        if (s.process != null) {
            registry.remove(s.workerId, s.process.handle());
        }
        s.process = null;
        s.phase = WorkerSlot.Phase.DOWN;
        s.pid = 0;
        if (s.expectExit) {
            s.restartAt = now;
            return null;
        }
        s.recentDeaths.addLast(now);
        while (!s.recentDeaths.isEmpty() && s.recentDeaths.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
            s.recentDeaths.removeFirst();
        }
        if (s.recentDeaths.size() > options.maxRestartsPerMinute()) {
            s.restartAt = null;
            return "worker " + s.workerId + " died " + s.recentDeaths.size() + " times within a minute (more than "
                    + options.maxRestartsPerMinute() + "), last: " + reason + "; see " + logsDir.resolve(s.workerId + ".log");
        }
        s.restartAt = now.plus(backoff(++s.consecutiveDeaths));
        return null;
    }

    private Duration backoff(int deathsInARow) {
        Duration d = options.restartBackoff().multipliedBy(1L << Math.min(10, Math.max(0, deathsInARow - 1)));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /**
     * Launches every DOWN slot whose restart time has come (none when {@code allowed} is false); returns why the
     * pool is failing, when a start failure says so.
     */
    String restartDue(boolean allowed) {
        Instant now = clock.instant();
        String failing = null;
        for (WorkerSlot s : slots) {
            if (allowed && s.phase == WorkerSlot.Phase.DOWN && s.restartAt != null && !now.isBefore(s.restartAt)) {
                String f = launch(s);
                failing = failing == null ? f : failing;
            }
        }
        return failing;
    }

    /** Earliest pending restart, for the loop's wait. */
    Instant nextRestart() {
        return slots.stream().filter(s -> s.phase == WorkerSlot.Phase.DOWN && s.restartAt != null)
                .map(s -> s.restartAt).min(Instant::compareTo).orElse(null);
    }

    /** Asks every worker to exit, waits up to the grace period, then kills what is left (process groups too). */
    void shutdown() {
        Map<WorkerProcess, String> live = new LinkedHashMap<>();
        for (WorkerSlot s : slots) {
            if (s.process != null) {
                s.process.send(new WorkerMessage.Shutdown());
                s.process.closeStdin();
                live.put(s.process, s.workerId);
                s.process = null;
            }
            s.phase = WorkerSlot.Phase.DOWN;
            s.restartAt = null;
        }
        long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
        for (Map.Entry<WorkerProcess, String> w : live.entrySet()) {
            WorkerProcess p = w.getKey();
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    p.handle().onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            // also ends anything the worker left behind in its group
            groups.killTree(p.handle());
            registry.remove(w.getValue(), p.handle());
        }
    }

    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This JVM's class path with every entry absolute (workers run in the sweep file's folder). */
    static String absoluteClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
