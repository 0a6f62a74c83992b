package dev.sweep.orchestrator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the commands get from outside, built once in {@code Main} (or by a test): the clock, the
 * environment and working directory, where to print, how to open the store, where Ctrl-C comes from, how to
 * halt the process, and whether a person watches a terminal ({@code interactive}: progress bar, else log lines).
 */
public record CliContext(Clock clock, Map<String, String> env, Path workingDir, PrintWriter out, PrintWriter err,
                         StoreOpener stores, InterruptSource interrupts, Runnable halt,
                         boolean interactive) {
    public CliContext {
        Objects.requireNonNull(clock, "clock");
        env = Map.copyOf(env);
        workingDir = workingDir.toAbsolutePath().normalize();
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(interrupts, "interrupts");
        Objects.requireNonNull(halt, "halt");
    }

    /** A path argument as the user meant it: relative to the working directory. */
    public Path resolve(Path path) {
        return workingDir.resolve(path).normalize();
    }
}
