package dev.sweep.orchestrator.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Counts SIGINT (Ctrl-C) presses with {@code sun.misc.Signal}: a shutdown hook cannot count presses, since the
 * JVM is already exiting when it runs. While installed, Ctrl-C no longer ends the JVM by itself.
 */
public final class SigIntSource implements InterruptSource {

    private static final Signal INT = new Signal("INT");

    @Override
    public Installed install(IntConsumer handler) {
        AtomicInteger presses = new AtomicInteger();
        SignalHandler previous = Signal.handle(INT, signal -> handler.accept(presses.incrementAndGet()));
        return () -> Signal.handle(INT, previous);
    }
}
