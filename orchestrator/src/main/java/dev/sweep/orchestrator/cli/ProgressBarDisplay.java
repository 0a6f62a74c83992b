package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.engine.RunCounts;
import dev.sweep.orchestrator.engine.RunListener;
import dev.sweep.orchestrator.engine.RunSummary;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal (me.tongfei progressbar): trials ended out of the planned ones, with the ETA the
 * library derives from the rate since this run started (trials ended by earlier runs of a resumed sweep count as
 * done but not toward the rate), and running / failed / best beside it. Open-ended searches show a bar without
 * a total.
 */
final class ProgressBarDisplay implements RunListener {

    private final PrintWriter err;
    private final int width;
    private ProgressBar bar;

    ProgressBarDisplay(PrintWriter err, int width) {
        this.err = err;
        this.width = width;
    }

    @Override
    public void sweepStarted(String sweep, long sweepId, boolean resumed, int slots, RunCounts counts) {
        err.println((resumed ? "resuming sweep " : "starting sweep ") + sweep + " on " + slots + " worker"
                + (slots == 1 ? "" : "s") + (resumed ? " (" + ProgressLine.done(counts) + " trials done)" : ""));
        err.flush();
        bar = new ProgressBarBuilder()
                .setTaskName(sweep)
                .setInitialMax(counts.planned() == null ? -1 : counts.planned())
                .startsFrom(counts.done(), Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" trials", 1)
                .setUpdateIntervalMillis(1000)
                .setConsumer(new WriterConsumer(err, width))
                .build();
        bar.setExtraMessage(ProgressLine.of(counts));
    }

    @Override
    public void countsChanged(RunCounts counts) {
        if (bar == null) {
            return;
        }
        if (counts.planned() != null && counts.planned() != bar.getMax()) {
            bar.maxHint(counts.planned());
        }
        bar.stepTo(counts.done());
        bar.setExtraMessage(ProgressLine.of(counts));
    }

    @Override
    public void sweepEnded(RunSummary summary) {
        close();
    }

    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Draws the bar on one line of the error stream, overwriting it with a carriage return. */
    private static final class WriterConsumer implements ProgressBarConsumer {
        private final PrintWriter out;
        private final int width;

        WriterConsumer(PrintWriter out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r');
            out.print(rendered);
            out.flush();
        }

        @Override
        public void close() {
            out.println();
            out.flush();
        }
    }
}
