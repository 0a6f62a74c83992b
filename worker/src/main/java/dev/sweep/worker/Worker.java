package dev.sweep.worker;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.Protocol;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.search.protocol.WorkerEvent;
import dev.sweep.search.protocol.WorkerMessage;
import dev.sweep.worker.task.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's loop: announces itself (Ready), then runs the trials it is sent, one at a time, on the calling
 * thread, until Shutdown or the end of stdin. A reader thread decodes stdin so a Stop reaches the running trial
 * while it runs. Tasks are created once and kept for the worker's life (they may cache models).
 *
 * <p>When stdin ends (the orchestrator is gone) the running trial is asked to stop and the worker exits; if the
 * trial has not ended after {@code orphanGrace}, the processes it started are killed and the JVM halts, so no
 * orphan worker keeps a GPU busy. The end of stdin is seen as soon as the process runs: a worker frozen (SIGSTOP)
 * when its orchestrator died stops its trial the moment it is continued. Nothing it computes after that could be
 * delivered anyway.
 */
public final class Worker {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /** Exit status after an OutOfMemoryError: the trial was reported, but the JVM may be unhealthy. */
    public static final int EXIT_UNHEALTHY = 3;
    /** Exit status when the orchestrator is gone and the running trial did not stop within the grace period. */
    public static final int EXIT_ORPHANED = 4;

    private sealed interface Inbox {
        record Message(WorkerMessage message) implements Inbox {
        }

        record EndOfInput() implements Inbox {
        }
    }

    private final WorkerOptions options;
    private final Map<String, Task> tasks;
    private final EventSink sink;
    private final Protocol protocol;
    private final HostInfo host;
    private final Duration orphanGrace;
    private final BlockingQueue<Inbox> inbox = new LinkedBlockingQueue<>();
    private volatile TrialExecution current;
    /** System.nanoTime() when the previous trial's final event was sent; 0 before the first trial. */
    private long lastTrialEnded;

    public Worker(WorkerOptions options, Map<String, Task> tasks, EventSink sink, Protocol protocol, HostInfo host,
                  Duration orphanGrace) {
        this.options = options;
        this.tasks = Map.copyOf(tasks);
        this.sink = sink;
        this.protocol = protocol;
        this.host = host;
        this.orphanGrace = orphanGrace;
    }

    /** Runs until Shutdown or end of input; returns the process exit status. */
    public int run(BufferedReader stdin) throws InterruptedException {
        Thread reader = new Thread(() -> read(stdin), "stdin-reader");
        reader.setDaemon(true);
        reader.start();
        long pid = ProcessHandle.current().pid();
        sink.emit(new WorkerEvent.Ready(options.workerId(), pid, host.all()));
        log.info("worker {} ready (pid {}, tasks {})", options.workerId(), pid, new TreeSet<>(tasks.keySet()));
        try (Heartbeats heartbeats = new Heartbeats(sink, options.heartbeatInterval())) {
            while (true) {
                Inbox next = inbox.take();
                if (next instanceof Inbox.EndOfInput) {
                    log.info("stdin closed: the orchestrator is gone, exiting");
                    return 0;
                }
                WorkerMessage message = ((Inbox.Message) next).message();
                if (message instanceof WorkerMessage.Shutdown) {
                    log.info("shutdown requested");
                    return 0;
                }
                if (message instanceof WorkerMessage.Run run) {
                    TrialExecution.After after = runTrial(run.trial(), heartbeats);
                    if (after == TrialExecution.After.EXIT_UNHEALTHY) {
                        log.error("exiting after an OutOfMemoryError (the JVM may be unhealthy)");
                        return EXIT_UNHEALTHY;
                    }
                }
            }
        }
    }

    private TrialExecution.After runTrial(TrialSpec trial, Heartbeats heartbeats) throws InterruptedException {
        Task task = tasks.get(trial.taskType());
        if (task == null) {
            sink.emit(new WorkerEvent.Failed(trial.trialId(), trial.attempt(), FailureKind.ERROR,
                    "unknown task type '" + trial.taskType() + "'; this worker knows " + new TreeSet<>(tasks.keySet()),
                    null, null));
            return TrialExecution.After.CONTINUE;
        }
        Map<String, String> provenance = new LinkedHashMap<>(host.provenance());
        provenance.put("worker_received_at_ms", Long.toString(System.currentTimeMillis()));
        if (lastTrialEnded != 0) {
            // how long this worker waited between its previous trial's end and this one's arrival
            provenance.put("worker_idle_ms", String.format(Locale.ROOT, "%.3f",
                    (System.nanoTime() - lastTrialEnded) / 1e6));
        }
        WorkerTrialContext context = new WorkerTrialContext(trial, sink, options.trialsDir(), provenance);
        TrialExecution execution = new TrialExecution(sink, heartbeats, context);
        current = execution;
        try {
            return execution.run(task);
        } finally {
            current = null;
            lastTrialEnded = System.nanoTime();
        }
    }

    private void read(BufferedReader stdin) {
        boolean shutdownReceived = false;
        try {
            String line;
            while ((line = stdin.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                WorkerMessage message;
                try {
                    message = protocol.decodeMessage(line);
                } catch (IllegalArgumentException e) {
                    log.warn("ignoring a bad message: {}", e.getMessage());
                    continue;
                }
                if (message instanceof WorkerMessage.Stop stop) {
                    TrialExecution running = current;
                    if (running != null && running.isFor(stop.trialId(), stop.attempt())) {
                        log.info("stop requested for trial {}: {}", stop.trialId(), stop.reason());
                        running.requestStop();
                    } else {
                        log.info("ignoring a stop for trial {} attempt {}: not running here", stop.trialId(),
                                stop.attempt());
                    }
                } else {
                    shutdownReceived |= message instanceof WorkerMessage.Shutdown;
                    inbox.add(new Inbox.Message(message));
                }
            }
        } catch (IOException e) {
            log.warn("reading stdin failed: {}", e.toString());
        }
        TrialExecution running = current;
        if (running != null && !shutdownReceived) {
            running.requestStop();
            haltAfterGrace();
        }
        inbox.add(new Inbox.EndOfInput());
    }

    private void haltAfterGrace() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(orphanGrace.toMillis());
                log.error("the orphaned trial did not stop within {}; killing what it started and halting",
                        orphanGrace);
                // a command task's program would otherwise outlive the worker (and keep its GPU)
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                Runtime.getRuntime().halt(EXIT_ORPHANED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "orphan-halt");
        t.setDaemon(true);
        t.start();
    }
}
