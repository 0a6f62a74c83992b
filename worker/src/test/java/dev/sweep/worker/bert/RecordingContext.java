package dev.sweep.worker.bert;

import dev.sweep.worker.task.TrialContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/** A TrialContext that records what a trial reports; stops once {@code stopAt} says so for the reports seen. */
final class RecordingContext implements TrialContext {
    final List<Long> steps = new ArrayList<>();
    final List<Map<String, Double>> reports = new ArrayList<>();
    final Map<String, String> provenance = new HashMap<>();
    private final Path workDir;
    private final LongPredicate stopAfterReports;

    RecordingContext(Path workDir) {
        this(workDir, n -> false);
    }

    RecordingContext(Path workDir, LongPredicate stopAfterReports) {
        this.workDir = workDir;
        this.stopAfterReports = stopAfterReports;
    }

    @Override
    public void progress(long step, Map<String, Double> metrics) {
        steps.add(step);
        reports.add(Map.copyOf(metrics));
    }

    @Override
    public boolean stopRequested() {
        return stopAfterReports.test(reports.size());
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public void provenance(Map<String, String> entries) {
        provenance.putAll(entries);
    }
}
