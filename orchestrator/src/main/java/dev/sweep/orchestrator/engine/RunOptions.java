package dev.sweep.orchestrator.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one {@link SweepRunner#run} behaves, beyond what the sweep file says. Build with {@link #builder(Path)}.
 *
 * @param runsDir            per-sweep folder root: worker logs in {@code <runsDir>/<sweep>/workers/<id>.log}, trial
 *                           work dirs in {@code <runsDir>/<sweep>/trials}
 * @param lease              a running trial whose worker sends no heartbeat for this long is taken back (the worker
 *                           is killed and restarted, the trial retried)
 * @param heartbeatInterval  how often workers heartbeat during a trial; well under {@code lease}
 * @param stopLaunchingAt    no trial is launched at or after this instant (running ones finish); null: no deadline
 * @param launchLimit        the most trials this run launches (then it stops as if gracefully); null: no limit
 * @param javaCommand        the java binary for workers; null: this JVM's
 * @param classpath          the workers' class path; null: this JVM's {@code java.class.path} (made absolute)
 * @param jvmArgs            JVM options for workers, after the sweep file's {@code resources.jvm_args}
 * @param workerEnv          extra environment for workers (wins over the computed OMP_NUM_THREADS etc.)
 * @param workerDir          the workers' working directory; null: the sweep file's folder, else the current one
 * @param maxRestartsPerMinute a worker slot that dies more often than this within a minute stops the sweep
 * @param restartBackoff     first delay before restarting a dead worker; doubles per consecutive death, max 30 s
 * @param readyTimeout       a worker that is not ready this long after launch is killed and restarted
 * @param shutdownGrace      how long workers get to exit after Shutdown before their process group is killed
 */
public record RunOptions(Path runsDir, Duration lease, Duration heartbeatInterval, Instant stopLaunchingAt,
                         Integer launchLimit, String javaCommand, String classpath, List<String> jvmArgs,
                         Map<String, String> workerEnv, Path workerDir, int maxRestartsPerMinute,
                         Duration restartBackoff, Duration readyTimeout, Duration shutdownGrace) {

    public RunOptions {
        Objects.requireNonNull(runsDir, "runsDir");
        jvmArgs = List.copyOf(jvmArgs);
        workerEnv = Map.copyOf(workerEnv);
        positive("lease", lease);
        positive("heartbeat interval", heartbeatInterval);
        positive("restart backoff", restartBackoff);
        positive("ready timeout", readyTimeout);
        positive("shutdown grace", shutdownGrace);
        if (heartbeatInterval.multipliedBy(2).compareTo(lease) > 0) {
            throw new IllegalArgumentException("heartbeat interval <= lease / 2 must hold, but got (heartbeat="
                    + heartbeatInterval + ", lease=" + lease + ")");
        }
        if (launchLimit != null && launchLimit < 0) {
            throw new IllegalArgumentException("launch limit >= 0 must hold, but got (launch_limit=" + launchLimit + ")");
        }
        if (maxRestartsPerMinute < 1) {
            throw new IllegalArgumentException("max restarts per minute >= 1 must hold, but got ("
                    + maxRestartsPerMinute + ")");
        }
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " > 0 must hold, but got (" + what + "=" + d + ")");
        }
    }

    public static Builder builder(Path runsDir) {
        return new Builder(runsDir);
    }

    public Builder toBuilder() {
        Builder b = new Builder(runsDir);
        b.lease = lease;
        b.heartbeatInterval = heartbeatInterval;
        b.stopLaunchingAt = stopLaunchingAt;
        b.launchLimit = launchLimit;
        b.javaCommand = javaCommand;
        b.classpath = classpath;
        b.jvmArgs = jvmArgs;
        b.workerEnv = workerEnv;
        b.workerDir = workerDir;
        b.maxRestartsPerMinute = maxRestartsPerMinute;
        b.restartBackoff = restartBackoff;
        b.readyTimeout = readyTimeout;
        b.shutdownGrace = shutdownGrace;
        return b;
    }

    /** Defaults: lease 60 s, heartbeat 10 s, 5 restarts a minute, backoff 1 s, ready timeout 120 s, grace 10 s. */
    public static final class Builder {
        private final Path runsDir;
        private Duration lease = Duration.ofSeconds(60);
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Instant stopLaunchingAt;
        private Integer launchLimit;
        private String javaCommand;
        private String classpath;
        private List<String> jvmArgs = List.of();
        private Map<String, String> workerEnv = Map.of();
        private Path workerDir;
        private int maxRestartsPerMinute = 5;
        private Duration restartBackoff = Duration.ofSeconds(1);
        private Duration readyTimeout = Duration.ofSeconds(120);
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder(Path runsDir) {
            this.runsDir = runsDir;
        }

        public Builder lease(Duration v) {
            lease = v;
            return this;
        }

        public Builder heartbeatInterval(Duration v) {
            heartbeatInterval = v;
            return this;
        }

        public Builder stopLaunchingAt(Instant v) {
            stopLaunchingAt = v;
            return this;
        }

        public Builder launchLimit(Integer v) {
            launchLimit = v;
            return this;
        }

        public Builder javaCommand(String v) {
            javaCommand = v;
            return this;
        }

        public Builder classpath(String v) {
            classpath = v;
            return this;
        }

        public Builder jvmArgs(List<String> v) {
            jvmArgs = v;
            return this;
        }

        public Builder workerEnv(Map<String, String> v) {
            workerEnv = v;
            return this;
        }

        public Builder workerDir(Path v) {
            workerDir = v;
            return this;
        }

        public Builder maxRestartsPerMinute(int v) {
            maxRestartsPerMinute = v;
            return this;
        }

        public Builder restartBackoff(Duration v) {
            restartBackoff = v;
            return this;
        }

        public Builder readyTimeout(Duration v) {
            readyTimeout = v;
            return this;
        }

        public Builder shutdownGrace(Duration v) {
            shutdownGrace = v;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(runsDir, lease, heartbeatInterval, stopLaunchingAt, launchLimit, javaCommand,
                    classpath, jvmArgs, workerEnv, workerDir, maxRestartsPerMinute, restartBackoff, readyTimeout,
                    shutdownGrace);
        }
    }
}
