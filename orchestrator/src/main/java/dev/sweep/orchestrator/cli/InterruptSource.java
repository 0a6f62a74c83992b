package dev.sweep.orchestrator.cli;

import java.util.function.IntConsumer;

/** Where Ctrl-C presses come from (SIGINT in the real CLI; a test presses by hand). */
@FunctionalInterface
public interface InterruptSource {

    /**
     * Calls {@code handler} with 1 on the first press, 2 on the second, and so on, until the returned handle is
     * closed, which restores what was there before.
     */
    Installed install(IntConsumer handler);

    /** An installed handler; closing it uninstalls it. */
    interface Installed extends AutoCloseable {
        @Override
        void close();
    }
}
