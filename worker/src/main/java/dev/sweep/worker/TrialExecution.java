package dev.sweep.worker;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.search.protocol.WorkerEvent;
import dev.sweep.worker.task.Task;
import dev.sweep.worker.task.TaskOutcome;
import dev.sweep.worker.task.TrialFailedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one trial attempt and turns whatever happens into exactly one final event: Completed, or Failed with
 * DIVERGED (a non-finite final metric), OOM (OutOfMemoryError or a task's OOM), or ERROR (any other exception,
 * with the stack trace in {@code detail}). Heartbeats run while the task does.
 */
final class TrialExecution {
    private static final Logger log = LoggerFactory.getLogger(TrialExecution.class);
    private static final int TRACE_HEAD_LINES = 30;
    private static final int TRACE_TAIL_LINES = 15;

    /** What the worker should do after a trial. */
    enum After { CONTINUE, EXIT_UNHEALTHY }

    private final EventSink sink;
    private final Heartbeats heartbeats;
    private final WorkerTrialContext context;

    TrialExecution(EventSink sink, Heartbeats heartbeats, WorkerTrialContext context) {
        this.sink = sink;
        this.heartbeats = heartbeats;
        this.context = context;
    }

    void requestStop() {
        context.requestStop();
    }

    boolean isFor(long trialId, int attempt) {
        return context.trial().trialId() == trialId && context.trial().attempt() == attempt;
    }

    After run(Task task) throws InterruptedException {
        TrialSpec trial = context.trial();
        MDC.put("trial", Long.toString(trial.trialId()));
        try {
            Map<String, String> provenance = new LinkedHashMap<>(context.provenanceSoFar());
            provenance.put("task_type", trial.taskType());
            provenance.put("attempt", Integer.toString(trial.attempt()));
            context.provenance(provenance);
            heartbeats.start(trial.trialId(), trial.attempt());
            WorkerEvent last;
            After after = After.CONTINUE;
            try {
                last = completed(task.run(trial, context));
            } catch (TrialFailedException e) {
                last = failed(e.kind(), e.getMessage(), e.step() != null ? e.step() : context.lastStep(), e.detail());
            } catch (OutOfMemoryError e) {
                last = failed(FailureKind.OOM, "out of memory: " + e.getMessage(), context.lastStep(), trace(e));
                after = After.EXIT_UNHEALTHY;
            } catch (InterruptedException e) {
                heartbeats.stop();
                throw e;
            } catch (Exception | StackOverflowError | LinkageError e) {
                last = failed(FailureKind.ERROR, e.toString(), context.lastStep(), trace(e));
            } finally {
                heartbeats.stop();
            }
            sink.emit(last);
            log.info("trial {} attempt {} ended: {}", trial.trialId(), trial.attempt(), describe(last));
            return after;
        } finally {
            MDC.remove("trial");
        }
    }

    private WorkerEvent completed(TaskOutcome outcome) {
        for (Map.Entry<String, Double> m : outcome.metrics().entrySet()) {
            if (m.getValue() == null || !Double.isFinite(m.getValue())) {
                return failed(FailureKind.DIVERGED, "metric '" + m.getKey() + "' is not finite: " + m.getValue(),
                        outcome.lastStep() != null ? outcome.lastStep() : context.lastStep(), null);
            }
        }
        TrialSpec t = context.trial();
        return new WorkerEvent.Completed(t.trialId(), t.attempt(), outcome.metrics(), outcome.stopped(),
                outcome.lastStep() != null ? outcome.lastStep() : context.lastStep());
    }

    private WorkerEvent failed(FailureKind kind, String message, Long step, String detail) {
        TrialSpec t = context.trial();
        return new WorkerEvent.Failed(t.trialId(), t.attempt(), kind, message, step, detail);
    }

    private static String describe(WorkerEvent e) {
        if (e instanceof WorkerEvent.Failed f) {
            return f.kind() + " " + f.message();
        }
        return e instanceof WorkerEvent.Completed c && c.stopped() ? "stopped" : "completed";
    }

    /** The stack trace, its first and last lines when long (the throw site and the root cause). */
    static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        if (lines.length <= TRACE_HEAD_LINES + TRACE_TAIL_LINES) {
            return w.toString().strip();
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < TRACE_HEAD_LINES; i++) {
            b.append(lines[i]).append('\n');
        }
        b.append("\t... ").append(lines.length - TRACE_HEAD_LINES - TRACE_TAIL_LINES).append(" lines ...\n");
        for (int i = lines.length - TRACE_TAIL_LINES; i < lines.length; i++) {
            b.append(lines[i]).append('\n');
        }
        return b.toString().strip();
    }
}
