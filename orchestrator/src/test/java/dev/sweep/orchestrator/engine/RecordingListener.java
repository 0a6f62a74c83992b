package dev.sweep.orchestrator.engine;

import dev.sweep.results.store.TrialRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Keeps what a run reported, for assertions; optional hooks let a test act at a moment (kill a worker…). */
class RecordingListener implements RunListener {
    record Lost(String workerId, String reason, Instant at) {
    }

    record Requeued(TrialRecord trial, String reason, Instant at) {
    }

    final Map<String, Long> pids = new ConcurrentHashMap<>();
    final List<Long> allPids = new CopyOnWriteArrayList<>();
    /** The process group of each worker when it became ready. */
    final List<Long> groups = new CopyOnWriteArrayList<>();
    final Map<Long, String> workerOfTrial = new ConcurrentHashMap<>();
    final List<TrialRecord> started = new CopyOnWriteArrayList<>();
    final List<TrialRecord> finished = new CopyOnWriteArrayList<>();
    final List<Requeued> requeued = new CopyOnWriteArrayList<>();
    final List<Lost> lost = new CopyOnWriteArrayList<>();
    final List<RunCounts> counts = new CopyOnWriteArrayList<>();
    final Map<Long, Instant> lastProgressAt = new ConcurrentHashMap<>();
    volatile RunSummary ended;
    volatile Consumer<TrialRecord> onFinished = t -> { };
    volatile ProgressHook onProgress = (t, step, m) -> { };
    volatile java.util.function.BiConsumer<TrialRecord, String> onStarted = (t, w) -> { };

    interface ProgressHook {
        void accept(TrialRecord trial, long step, Map<String, Double> metrics);
    }

    @Override
    public void workerReady(String workerId, long pid, String device) {
        pids.put(workerId, pid);
        allPids.add(pid);
        groups.add(ProcessGroups.groupOf(pid).orElse(-1L));
    }

    @Override
    public void workerLost(String workerId, String reason) {
        lost.add(new Lost(workerId, reason, Instant.now()));
    }

    @Override
    public void trialStarted(TrialRecord trial, String workerId) {
        started.add(trial);
        workerOfTrial.put(trial.id(), workerId);
        onStarted.accept(trial, workerId);
    }

    @Override
    public void trialProgress(TrialRecord trial, long step, Map<String, Double> metrics) {
        lastProgressAt.put(trial.id(), Instant.now());
        onProgress.accept(trial, step, metrics);
    }

    @Override
    public void trialFinished(TrialRecord trial) {
        finished.add(trial);
        onFinished.accept(trial);
    }

    @Override
    public void trialRequeued(TrialRecord trial, String reason) {
        requeued.add(new Requeued(trial, reason, Instant.now()));
    }

    @Override
    public void countsChanged(RunCounts c) {
        counts.add(c);
    }

    @Override
    public void sweepEnded(RunSummary summary) {
        ended = summary;
    }
}
