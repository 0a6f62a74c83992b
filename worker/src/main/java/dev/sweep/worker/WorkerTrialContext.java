package dev.sweep.worker;

import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.search.protocol.WorkerEvent;
import dev.sweep.worker.task.TrialContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The context of one trial attempt inside the worker. Thread-safe: a task may report from helper threads
 * (the command task reads its program's output on one). Provenance added by the task is sent as a repeated
 * Started event carrying every entry so far (the orchestrator merges them).
 */
final class WorkerTrialContext implements TrialContext {
    private final TrialSpec trial;
    private final EventSink sink;
    private final Path trialsDir;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong lastStep = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, String> provenance;
    private Path workDir;

    WorkerTrialContext(TrialSpec trial, EventSink sink, Path trialsDir, Map<String, String> baseProvenance) {
        this.trial = trial;
        this.sink = sink;
        this.trialsDir = trialsDir;
        this.provenance = new LinkedHashMap<>(baseProvenance);
    }

    @Override
    public void progress(long step, Map<String, Double> metrics) {
        lastStep.set(step);
        sink.emit(new WorkerEvent.Progress(trial.trialId(), trial.attempt(), step, Map.copyOf(metrics)));
    }

    @Override
    public boolean stopRequested() {
        return stop.get();
    }

    void requestStop() {
        stop.set(true);
    }

    /** The last step reported through {@link #progress}, or null when none was. */
    Long lastStep() {
        long s = lastStep.get();
        return s == Long.MIN_VALUE ? null : s;
    }

    @Override
    public synchronized Path workDir() {
        if (workDir == null) {
            // the orchestrator gives each sweep its own trials folder (<runs>/<sweep>/trials)
            Path dir = trialsDir.resolve("trial-" + trial.number() + "-attempt-" + trial.attempt());
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the trial work dir " + dir, e);
            }
            workDir = dir;
        }
        return workDir;
    }

    @Override
    public void provenance(Map<String, String> entries) {
        Map<String, String> all;
        synchronized (this) {
            provenance.putAll(entries);
            all = Map.copyOf(provenance);
        }
        sink.emit(new WorkerEvent.Started(trial.trialId(), trial.attempt(), all));
    }

    synchronized Map<String, String> provenanceSoFar() {
        return Map.copyOf(provenance);
    }

    TrialSpec trial() {
        return trial;
    }
}
