package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.engine.RunCounts;
import java.util.StringJoiner;

/** The words beside the progress bar, and in the line-per-event log: "2 running · 1 failed · best 0.91 (#7)". */
final class ProgressLine {

    private ProgressLine() {
    }

    static String of(RunCounts c) {
        StringJoiner j = new StringJoiner(" · ");
        j.add(c.running() + " running");
        if (c.pruned() > 0) {
            j.add(c.pruned() + " pruned");
        }
        if (c.failed() > 0) {
            j.add(c.failed() + " failed");
        }
        if (c.bestValue() != null) {
            j.add("best " + TextTable.formatDouble(c.bestValue()) + " (#" + c.bestNumber() + ")");
        }
        return j.toString();
    }

    /** "12/48" or "12/?" when the search is open-ended. */
    static String done(RunCounts c) {
        return c.done() + "/" + (c.planned() == null ? "?" : c.planned().toString());
    }
}
