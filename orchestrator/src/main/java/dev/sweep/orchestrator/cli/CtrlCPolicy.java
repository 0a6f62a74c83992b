package dev.sweep.orchestrator.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * What each Ctrl-C press does to a running sweep: the first asks for a graceful stop, the second a hard stop,
 * a third halts the process at once (for a worker that does not react).
 */
public final class CtrlCPolicy implements IntConsumer {

    static final String FIRST = "stopping: no new trials; running trials will finish (Ctrl-C again to stop them)";
    static final String SECOND = "stopping running trials now; they will be resumed by the next run "
            + "(Ctrl-C again to exit at once)";

    private final Stoppable target;
    private final PrintWriter err;
    private final Runnable halt;

    public CtrlCPolicy(Stoppable target, PrintWriter err, Runnable halt) {
        this.target = target;
        this.err = err;
        this.halt = halt;
    }

    @Override
    public void accept(int press) {
        if (press == 1) {
            say(FIRST);
            target.requestGracefulStop();
        } else if (press == 2) {
            say(SECOND);
            target.requestHardStop();
        } else {
            say("exiting now");
            halt.run();
        }
    }

    private void say(String line) {
        err.println();
        err.println(line);
        err.flush();
    }
}
