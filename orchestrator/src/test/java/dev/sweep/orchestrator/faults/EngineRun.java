package dev.sweep.orchestrator.faults;

import dev.sweep.orchestrator.config.SweepFileParser;
import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.orchestrator.engine.RunListener;
import dev.sweep.orchestrator.engine.RunOptions;
import dev.sweep.results.store.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine in the test JVM ({@code SweepRunner}, as {@code sweep run} drives it), for faults that need short
 * leases: sweep files parsed by the real parser, options, and a listener that records what a fault-injecting
 * test needs to know (each worker's pid, which trial each worker runs, when things happened).
 */
final class EngineRun {

    private EngineRun() {
    }

    /** The resource sweep file, parsed, optionally under another name (same seed, so the same proposals). */
    static SweepSpec spec(String resource, Path dir, String name) throws java.io.IOException {
        String text = FaultFiles.text(resource);
        if (name != null) {
            text = text.replaceFirst("(?m)^name: .*$", "name: " + name);
        }
        Path file = dir.resolve(name != null ? name + ".yaml" : Path.of(resource).getFileName().toString());
        Files.writeString(file, text);
        return new SweepFileParser().parse(file);
    }

    /** Short leases and heartbeats, quick restarts; workers may die often without the sweep giving up. */
    static RunOptions.Builder options(Path runsDir, Duration lease) {
        return RunOptions.builder(runsDir)
                .lease(lease)
                .heartbeatInterval(Duration.ofMillis(250))
                .restartBackoff(Duration.ofMillis(50))
                .maxRestartsPerMinute(60)
                .readyTimeout(Duration.ofSeconds(90))
                .shutdownGrace(Duration.ofSeconds(10));
    }

    /** A trial attempt as a worker got it. */
    record Attempt(int number, int attempt, String workerId, long pid, Instant at) {
    }

    /** A progress report of a trial attempt. */
    record Progress(int number, int attempt, long step, Instant at) {
    }

    /** An event that ended or requeued an attempt. */
    record Ended(int number, int attempt, String state, String reason, Instant at) {
    }

    /** Records the run's events (called on the event-loop thread, read from the test's). */
    static final class Recorder implements RunListener {
        final Map<String, Long> pidOf = new ConcurrentHashMap<>();
        final List<Long> allPids = new CopyOnWriteArrayList<>();
        final Map<String, Attempt> running = new ConcurrentHashMap<>();
        final Map<String, Long> lastStep = new ConcurrentHashMap<>();
        final List<Attempt> started = new CopyOnWriteArrayList<>();
        final List<Ended> requeued = new CopyOnWriteArrayList<>();
        final List<Ended> finished = new CopyOnWriteArrayList<>();
        final List<String> lost = new CopyOnWriteArrayList<>();
        final List<Progress> progress = new CopyOnWriteArrayList<>();

        @Override
        public void workerReady(String workerId, long pid, String device) {
            pidOf.put(workerId, pid);
            allPids.add(pid);
        }

        @Override
        public void workerLost(String workerId, String reason) {
            lost.add(workerId + ": " + reason);
            running.remove(workerId);
        }

        @Override
        public void trialStarted(TrialRecord trial, String workerId) {
            Attempt a = new Attempt(trial.number(), trial.attempt(), workerId, pidOf.getOrDefault(workerId, -1L),
                    Instant.now());
            started.add(a);
            lastStep.put(workerId, 0L);
            running.put(workerId, a);
        }

        @Override
        public void trialProgress(TrialRecord trial, long step, Map<String, Double> metrics) {
            progress.add(new Progress(trial.number(), trial.attempt(), step, Instant.now()));
            running.forEach((w, a) -> {
                if (a.number() == trial.number()) {
                    lastStep.put(w, step);
                }
            });
        }

        @Override
        public void trialFinished(TrialRecord trial) {
            finished.add(new Ended(trial.number(), trial.attempt(), trial.state().name(), trial.error(),
                    Instant.now()));
            running.values().removeIf(a -> a.number() == trial.number());
        }

        @Override
        public void trialRequeued(TrialRecord trial, String reason) {
            requeued.add(new Ended(trial.number(), trial.attempt(), trial.state().name(), reason, Instant.now()));
            running.values().removeIf(a -> a.number() == trial.number());
        }

        /** When {@code number}'s {@code attempt} last reported progress. */
        Instant lastProgress(int number, int attempt) {
            return progress.stream().filter(p -> p.number() == number && p.attempt() == attempt)
                    .map(Progress::at).max(Instant::compareTo).orElseThrow();
        }

        /** The attempts that ran on the worker process {@code pid}. */
        List<Attempt> ranOn(long pid) {
            return started.stream().filter(a -> a.pid() == pid).toList();
        }
    }
}
