package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.orchestrator.engine.RunListener;
import dev.sweep.orchestrator.engine.RunOptions;
import dev.sweep.orchestrator.engine.RunSummary;
import dev.sweep.orchestrator.engine.StopReason;
import dev.sweep.orchestrator.engine.SweepConflictException;
import dev.sweep.orchestrator.engine.SweepRunner;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.leaderboard.Leaderboard;
import dev.sweep.results.leaderboard.Leaderboards;
import dev.sweep.results.leaderboard.TextTables;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one sweep with the engine for the run, resume and scheduler commands: opens the store, shows progress,
 * registers the runner where Ctrl-C can reach it, and prints how the run ended and the leaderboard.
 */
final class RunDriver {

    /** How progress is shown: a bar on a terminal, else a line per event. */
    enum Display { BAR, LOG }

    static final int LEADERBOARD_SIZE = 10;

    private final CliContext cli;
    private final StoreLocation location;

    RunDriver(CliContext cli, StoreLocation location) {
        this.cli = cli;
        this.location = location;
    }

    /**
     * Runs (or resumes) {@code spec} until it ends, {@code stopLaunchingAt} passes (null: never) or Ctrl-C stops
     * it through {@code running}. @throws UserInputException when the store holds a conflicting sweep of that name
     */
    RunSummary run(SweepSpec spec, Instant stopLaunchingAt, Display display, RunningSweeps running)
            throws InterruptedException {
        PrintWriter err = cli.err();
        try (ResultsStore store = cli.stores().open(location)) {
            SweepRunner runner = new SweepRunner(cli.clock());
            ProgressBarDisplay bar = display == Display.BAR ? new ProgressBarDisplay(err, width()) : null;
            RunListener listener = bar != null ? bar : new EventLog(err, cli.clock());
            RunOptions options = RunOptions.builder(location.runsDir(cli.workingDir()))
                    .stopLaunchingAt(stopLaunchingAt)
                    .build();
            RunSummary summary;
            running.add(runner);
            try {
                summary = runner.run(spec, store, options, listener);
            } catch (SweepConflictException e) {
                throw new UserInputException(e.getMessage());
            } finally {
                running.remove(runner);
                if (bar != null) {
                    bar.close();
                }
            }
            report(store, summary);
            return summary;
        }
    }

    private void report(ResultsStore store, RunSummary s) {
        PrintWriter out = cli.out();
        if (s.reason() == StopReason.ALREADY_FINISHED) {
            out.println("sweep " + s.sweep() + " had already FINISHED: every trial has ended ("
                    + SweepSummaries.counts(store.countByState(s.sweepId())) + "); nothing to run, no worker started. "
                    + "Its leaderboard any time: sweep top " + s.sweep());
        } else {
            out.println("sweep " + s.sweep() + " " + s.state() + " after " + human(s.elapsed()) + ": "
                    + reason(s) + " (" + SweepSummaries.counts(store.countByState(s.sweepId()))
                    + "; this run launched " + s.launched() + ")");
        }
        if (s.reason() != StopReason.COMPLETED && s.reason() != StopReason.ALREADY_FINISHED) {
            out.println("resume it with: sweep resume " + s.sweep());
        }
        out.println();
        Leaderboard top = new Leaderboards(store).top(s.sweepId(), LEADERBOARD_SIZE);
        out.print(top.rows().isEmpty() ? "no completed trials yet\n" : TextTables.leaderboard(top));
        out.flush();
    }

    private static String reason(RunSummary s) {
        String why = switch (s.reason()) {
            case COMPLETED -> "every trial has ended";
            case LAUNCH_LIMIT -> "the launch limit was reached";
            case DEADLINE -> "the stop-launching time passed";
            case GRACEFUL_STOP -> "stopped by Ctrl-C";
            case HARD_STOP -> "stopped by Ctrl-C; the running trials went back to WAITING";
            case DATABASE_ERROR -> "the results database failed";
            case WORKERS_FAILING -> "the workers kept failing";
            case ALREADY_FINISHED -> "it had already finished";
        };
        boolean failed = s.reason() == StopReason.DATABASE_ERROR || s.reason() == StopReason.WORKERS_FAILING;
        return failed && s.message() != null && !s.message().isBlank() ? why + ": " + s.message() : why;
    }

    /** The exit code for how a run ended: 0 done or stopped as planned, 130 Ctrl-C, 1 a failure. */
    static int exitCode(RunSummary s) {
        return switch (s.reason()) {
            case COMPLETED, LAUNCH_LIMIT, DEADLINE, ALREADY_FINISHED -> ExitCode.OK;
            case GRACEFUL_STOP, HARD_STOP -> ExitCode.INTERRUPTED;
            case DATABASE_ERROR, WORKERS_FAILING -> ExitCode.FAILURE;
        };
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s / 3600 + "h " + s % 3600 / 60 + "m";
    }

    private int width() {
        try {
            return Integer.parseInt(cli.env().getOrDefault("COLUMNS", "100"));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
