package dev.sweep.worker;

import dev.sweep.worker.task.TrialContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A TrialContext for running a task in-process in tests: keeps what the task reports; stop on demand. */
public final class RecordingContext implements TrialContext {
    /** One progress report. */
    public record Point(long step, Map<String, Double> metrics) {
    }

    private final Path workDir;
    private final List<Point> points = new CopyOnWriteArrayList<>();
    private final Map<String, String> provenance = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final long stopAfterStep;

    /** @param stopAfterStep request a stop once this step was reported (Long.MAX_VALUE: never) */
    public RecordingContext(Path workDir, long stopAfterStep) {
        this.workDir = workDir;
        this.stopAfterStep = stopAfterStep;
    }

    @Override
    public void progress(long step, Map<String, Double> metrics) {
        points.add(new Point(step, Map.copyOf(metrics)));
        if (step >= stopAfterStep) {
            stop.set(true);
        }
    }

    @Override
    public boolean stopRequested() {
        return stop.get();
    }

    public void requestStop() {
        stop.set(true);
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public void provenance(Map<String, String> entries) {
        provenance.putAll(entries);
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    public Map<String, String> provenanceEntries() {
        return Map.copyOf(provenance);
    }
}
