package dev.sweep.orchestrator.engine;

import dev.sweep.orchestrator.config.OomPolicy;
import dev.sweep.orchestrator.config.Resources;
import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.PrunerSpec;
import dev.sweep.search.study.SearchMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sweeps and options for engine tests, built directly (no sweep file), that read like the file would. */
final class EngineFixtures {

    /** JVM options that start a small worker quickly on a busy 2-core machine. */
    static final List<String> SMALL_JVM = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-XX:CICompilerCount=1");

    private EngineFixtures() {
    }

    /** A synthetic Branin sweep builder. */
    static final class Sweep {
        private String name = "branin";
        private SearchMethod method = SearchMethod.RANDOM;
        private Map<String, Object> task = new TreeMap<>(Map.of("function", "branin"));
        private String taskType = "synthetic";
        private int workers = 2;
        private int maxRetries = 2;
        private Integer runCap = 12;
        private PrunerSpec pruner;
        private long seed = 42;
        private String metric = "value";
        private OomPolicy onOom = OomPolicy.FAIL;

        Sweep named(String n) {
            name = n;
            return this;
        }

        Sweep method(SearchMethod m) {
            method = m;
            return this;
        }

        Sweep task(String key, Object value) {
            task.put(key, value);
            return this;
        }

        Sweep commandTask(List<String> command) {
            taskType = "command";
            task = new TreeMap<>(Map.of("command", command));
            return this;
        }

        Sweep metric(String m) {
            metric = m;
            return this;
        }

        Sweep workers(int n) {
            workers = n;
            return this;
        }

        Sweep maxRetries(int n) {
            maxRetries = n;
            return this;
        }

        Sweep runCap(Integer n) {
            runCap = n;
            return this;
        }

        Sweep pruner(PrunerSpec p) {
            pruner = p;
            return this;
        }

        Sweep onOom(OomPolicy p) {
            onOom = p;
            return this;
        }

        Sweep seed(long s) {
            seed = s;
            return this;
        }

        SweepSpec build() {
            SearchSpace space = SearchSpace.of(List.of(
                    new Parameter("x1", FloatDistribution.uniform(-5, 10)),
                    new Parameter("x2", FloatDistribution.uniform(0, 15))));
            String text = "name: " + name + "\nmethod: " + method.key() + "\nseed: " + seed + "\nrun_cap: " + runCap
                    + "\nmax_retries: " + maxRetries + "\nworkers: " + workers + "\ntask: " + taskType + " " + task
                    + "\npruner: " + pruner + "\nmetric: " + metric + "\non_oom: " + onOom.key() + "\n";
            return new SweepSpec(name, method, metric, Goal.MINIMIZE, space, taskType, task, seed,
                    new Resources(List.of(), workers, 1, List.of()), maxRetries, runCap, 1, pruner, null, null,
                    text, sha256(text), onOom);
        }
    }

    static Sweep aSyntheticSweep() {
        return new Sweep();
    }

    /** Options with short leases and heartbeats, small worker JVMs, quick restarts. */
    static RunOptions.Builder quickOptions(Path runsDir) {
        return RunOptions.builder(runsDir)
                .lease(Duration.ofMillis(2000))
                .heartbeatInterval(Duration.ofMillis(200))
                .jvmArgs(SMALL_JVM)
                .classpath(System.getProperty("sweep.test.workerClasspath"))
                .restartBackoff(Duration.ofMillis(100))
                .readyTimeout(Duration.ofSeconds(30))
                .shutdownGrace(Duration.ofSeconds(5));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(List<TrialRecord> trials) {
        StringBuilder b = new StringBuilder();
        for (TrialRecord t : trials) {
            b.append("\n  #").append(t.number()).append(' ').append(t.state()).append(" attempt ").append(t.attempt())
                    .append(" value ").append(t.value()).append(t.error() == null ? "" : " error " + t.error());
        }
        return b.toString();
    }
}
