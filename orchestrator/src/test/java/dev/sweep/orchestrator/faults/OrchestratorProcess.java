package dev.sweep.orchestrator.faults;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The real {@code sweep} command as a separate JVM ({@code java -cp <this JVM's class path>
 * dev.sweep.orchestrator.Main ARGS}), with every line it prints time-stamped as it arrives, and a SIGKILL that
 * kills the orchestrator alone: its workers are left to notice on their own (their stdin ends) that it is gone.
 */
final class OrchestratorProcess implements AutoCloseable {

    /** Options that start the orchestrator JVM quickly on a busy machine. */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
            "-XX:CICompilerCount=1");
    static final String MAIN = "dev.sweep.orchestrator.Main";

    /** One printed line: when the test read it, from stderr or stdout, and its text. */
    record Line(Instant at, boolean stderr, String text) {
    }

    /** What {@link #kill} did: when, and the processes the orchestrator had started (its workers) just before. */
    record Killed(Instant at, List<ProcessHandle> workers) {
    }

    private final Process process;
    private final Instant launchedAt;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private OrchestratorProcess(Process process, Instant launchedAt) {
        this.process = process;
        this.launchedAt = launchedAt;
        readers.add(reader(process.getInputStream(), false));
        readers.add(reader(process.getErrorStream(), true));
    }

    /** Starts {@code sweep ARGS} in {@code workDir}. */
    static OrchestratorProcess start(Path workDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(MAIN);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("SWEEP_DB");
        pb.environment().remove("SWEEP_LOG_LEVEL");
        Instant at = Instant.now();
        return new OrchestratorProcess(pb.start(), at);
    }

    private Thread reader(InputStream in, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(new Line(Instant.now(), stderr, line));
                }
            } catch (IOException e) {
                lines.add(new Line(Instant.now(), true, "(test: reading the output failed: " + e + ")"));
            }
        }, "orchestrator-" + (stderr ? "err" : "out"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    Instant launchedAt() {
        return launchedAt;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines that match, in order. */
    List<Line> matching(Predicate<String> p) {
        return lines.stream().filter(l -> p.test(l.text())).toList();
    }

    /**
     * Waits until {@code count} lines match {@code p}; empty when the process ended (and its output was read)
     * before that.
     * @throws AssertionError after {@code timeout}
     */
    Optional<Line> awaitLines(Predicate<String> p, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Line> m = matching(p);
            if (m.size() >= count) {
                return Optional.of(m.get(count - 1));
            }
            if (!process.isAlive() && readers.stream().noneMatch(Thread::isAlive)) {
                return Optional.empty();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the orchestrator printed no " + count + " matching lines within " + timeout
                        + "; so far:\n" + transcript());
            }
            Thread.sleep(10);
        }
    }

    /** Waits until {@code deadline} or until the process exits by itself, whichever comes first; true if it exited. */
    boolean exitsBefore(Instant deadline) throws InterruptedException {
        long ms = Duration.between(Instant.now(), deadline).toMillis();
        return ms <= 0 ? !process.isAlive() : process.waitFor(ms, TimeUnit.MILLISECONDS);
    }

    /** Waits for the exit and the end of its output; the exit code. @throws AssertionError after {@code timeout} */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the orchestrator did not exit within " + timeout + "; so far:\n" + transcript());
        }
        for (Thread t : readers) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        return process.exitValue();
    }

    /**
     * SIGKILL to the orchestrator alone (as the kernel's OOM killer or a lost SSH session's kill -9 would), after
     * noting the processes it had started.
     */
    Killed kill() throws InterruptedException {
        List<ProcessHandle> workers = process.toHandle().descendants().toList();
        Instant at = Instant.now();
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        return new Killed(at, workers);
    }

    /** Everything it printed so far, stderr lines marked. */
    String transcript() {
        return lines.stream().map(l -> (l.stderr() ? "err| " : "out| ") + l.text()).collect(Collectors.joining("\n"));
    }

    /** Leaves nothing running: the orchestrator and whatever it started. */
    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This JVM's class path (orchestrator classes, the worker and every dependency), every entry absolute. */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
