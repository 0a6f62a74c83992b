package dev.sweep.orchestrator.cli;

/** The CLI's exit codes. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** Something failed at run time (a worker pool that cannot start, an I/O error, …). */
    public static final int FAILURE = 1;
    /** Bad input: a bad sweep file or argument, a refused SQL statement, an unknown sweep. */
    public static final int BAD_INPUT = 2;
    /** Stopped by Ctrl-C before the sweep ended (it can be resumed). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
