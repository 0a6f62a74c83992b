package dev.sweep.worker;

import dev.sweep.search.protocol.Protocol;
import dev.sweep.worker.task.Task;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;

/**
 * Entry point of a worker process: {@code java -cp … dev.sweep.worker.WorkerMain [--id=w1] [--trials-dir=DIR]
 * [--heartbeat-ms=10000]}. Reads {@code WorkerMessage} JSON lines on stdin, writes {@code WorkerEvent} JSON lines
 * on stdout. stdout belongs to the protocol alone: {@code System.out} is pointed at stderr before anything else
 * runs, so a stray {@code println} in task code (or a library) cannot corrupt the stream; logs go to stderr.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    /**
     * How long a trial gets to stop once the orchestrator is gone (stdin ended) before the worker kills what it
     * started and halts: a command task's program gets its SIGTERM grace (5 s by default), and no orphaned worker
     * holds its GPU for more than this.
     */
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(10);

    /** The worker's logback configuration (a class path resource): everything to stderr. */
    static final String LOGBACK_CONFIG = "logback-worker.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        NativeFlavour.select(); // before anything loads ND4J
        // keep the real stdout for the protocol, before any logger or task can touch System.out
        BufferedOutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        int status;
        try {
            CudaCompatibility.check(); // a GPU the -Pcuda build cannot run on fails here, with the reason
            status = run(args, protocolOut);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(WorkerMain.class).error("worker failed", e);
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] args, BufferedOutputStream protocolOut) throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        WorkerOptions options = WorkerOptions.parse(args, System.getProperties(), pid);
        org.slf4j.MDC.put("worker", options.workerId());
        Protocol protocol = new Protocol();
        EventSink sink = new EventSink(protocol, protocolOut);
        Map<String, Task> tasks = loadTasks();
        HostInfo host = HostInfo.collect(options.workerId(), System.getenv());
        Worker worker = new Worker(options, tasks, sink, protocol, host, ORPHAN_GRACE);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return worker.run(stdin);
    }

    /**
     * Every task on the class path (META-INF/services/dev.sweep.worker.task.Task), by its type. A task's
     * constructor should be cheap: load models lazily in {@code run} and keep them in fields.
     */
    static Map<String, Task> loadTasks() {
        Map<String, Task> tasks = new HashMap<>();
        Iterator<Task> it = ServiceLoader.load(Task.class).iterator();
        while (it.hasNext()) {
            Task task;
            try {
                task = it.next();
            } catch (ServiceConfigurationError e) {
                // one broken task (a missing native library, say) must not take the others down
                LoggerFactory.getLogger(WorkerMain.class).error("a task could not be loaded: {}", e.toString());
                continue;
            }
            Task previous = tasks.putIfAbsent(task.type(), task);
            if (previous != null) {
                throw new IllegalStateException("task type '" + task.type() + "' is claimed by both "
                        + previous.getClass().getName() + " and " + task.getClass().getName());
            }
        }
        return tasks;
    }
}
