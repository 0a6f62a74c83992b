package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.engine.RunCounts;
import dev.sweep.orchestrator.engine.RunListener;
import dev.sweep.results.store.TrialRecord;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TreeMap;

/**
 * One line per event instead of a progress bar, for logs ({@code --no-progress}, output not a terminal, and the
 * scheduler daemon): sweep start, trial start and end, requeues, lost workers.
 */
final class EventLog implements RunListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final PrintWriter out;
    private final Clock clock;
    private RunCounts counts;
    private String finished; // a trial's end, printed with the counts that follow it

    EventLog(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void sweepStarted(String sweep, long sweepId, boolean resumed, int slots, RunCounts c) {
        counts = c;
        say((resumed ? "resuming sweep " : "starting sweep ") + sweep + " on " + slots + " worker"
                + (slots == 1 ? "" : "s") + " (" + ProgressLine.done(c) + " trials done)");
    }

    @Override
    public void workerLost(String workerId, String reason) {
        say("worker " + workerId + " lost: " + reason);
    }

    @Override
    public void trialStarted(TrialRecord trial, String workerId) {
        say("trial " + trial.number() + " started on " + workerId
                + (trial.attempt() > 1 ? " (attempt " + trial.attempt() + ")" : "") + ": "
                + TextTable.format(new TreeMap<>(trial.params()), clock.getZone()));
    }

    @Override
    public void trialFinished(TrialRecord trial) {
        String value = trial.value() == null ? "" : " " + TextTable.formatDouble(trial.value());
        String error = trial.error() == null ? "" : " (" + trial.error() + ")";
        flush();
        finished = "trial " + trial.number() + " " + trial.state() + value + error;
    }

    @Override
    public void trialRequeued(TrialRecord trial, String reason) {
        say("trial " + trial.number() + " back to WAITING: " + reason);
    }

    @Override
    public void countsChanged(RunCounts c) {
        counts = c;
        flush();
    }

    @Override
    public void sweepEnded(dev.sweep.orchestrator.engine.RunSummary summary) {
        flush();
    }

    private void flush() {
        if (finished != null) {
            say(finished + (counts == null ? "" : " [" + ProgressLine.done(counts) + " done · "
                    + ProgressLine.of(counts) + "]"));
            finished = null;
        }
    }

    private void say(String line) {
        out.println(TIME.format(clock.instant().atZone(clock.getZone())) + " " + line);
        out.flush();
    }
}
