package dev.sweep.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * How a worker process runs: its id (given by the orchestrator), the folder under which each trial attempt gets
 * a private work dir, and how often it heartbeats while a trial runs.
 *
 * <p>Read from system properties {@code sweep.worker.id}, {@code sweep.worker.trialsDir},
 * {@code sweep.worker.heartbeatMs}, or from arguments {@code --id=}, {@code --trials-dir=}, {@code --heartbeat-ms=}
 * (arguments win).
 */
public record WorkerOptions(String workerId, Path trialsDir, Duration heartbeatInterval) {

    public static final String ID = "sweep.worker.id";
    public static final String TRIALS_DIR = "sweep.worker.trialsDir";
    public static final String HEARTBEAT_MS = "sweep.worker.heartbeatMs";
    public static final long DEFAULT_HEARTBEAT_MS = 10_000;

    public WorkerOptions {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("a worker id must not be blank, but got '" + workerId + "'");
        }
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("heartbeat interval > 0 must hold, but got (heartbeat="
                    + heartbeatInterval + ")");
        }
    }

    public static WorkerOptions parse(String[] args, Properties properties, long pid) {
        String id = properties.getProperty(ID, "worker-" + pid);
        String dir = properties.getProperty(TRIALS_DIR, System.getProperty("java.io.tmpdir") + "/sweep-trials");
        String heartbeat = properties.getProperty(HEARTBEAT_MS, Long.toString(DEFAULT_HEARTBEAT_MS));
        for (String arg : args) {
            if (arg.startsWith("--id=")) {
                id = arg.substring("--id=".length());
            } else if (arg.startsWith("--trials-dir=")) {
                dir = arg.substring("--trials-dir=".length());
            } else if (arg.startsWith("--heartbeat-ms=")) {
                heartbeat = arg.substring("--heartbeat-ms=".length());
            } else {
                throw new IllegalArgumentException("unknown worker argument '" + arg
                        + "' (known: --id=, --trials-dir=, --heartbeat-ms=)");
            }
        }
        long ms;
        try {
            ms = Long.parseLong(heartbeat.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("heartbeat must be a whole number of milliseconds, but got '"
                    + heartbeat + "'", e);
        }
        return new WorkerOptions(id, Path.of(dir).toAbsolutePath(), Duration.ofMillis(ms));
    }
}
