package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.Main;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.ResultsStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the real CLI in-process (picocli's execute through {@link Main}) with its output captured, a real H2
 * results database in a temporary folder ({@code $SWEEP_DB}), and a Ctrl-C a test can press.
 */
final class CliHarness {

    final Path dir;
    final Path db;
    final Presses presses = new Presses();
    final AtomicInteger halts = new AtomicInteger();
    private final Map<String, String> env = new HashMap<>();

    CliHarness(Path dir) {
        this.dir = dir;
        this.db = dir.resolve("runs").resolve("sweep");
        env.put("SWEEP_DB", db.toString());
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    /** What a command printed so far (StringWriter is thread-safe: commands that run until Ctrl-C). */
    static final class Capture {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }
    }

    Result run(String... args) {
        Capture c = new Capture();
        int exit = execute(c, args);
        return new Result(exit, c.out(), c.err());
    }

    int execute(Capture c, String... args) {
        CliContext cli = new CliContext(Clock.system(ZoneOffset.UTC), env, dir, new PrintWriter(c.out, true),
                new PrintWriter(c.err, true),
                Main.h2Stores(), presses, halts::incrementAndGet, false);
        return new Main(cli).execute(args);
    }

    ResultsStore openStore() {
        return H2ResultsStore.open(db);
    }

    boolean databaseExists() {
        return Files.exists(Path.of(db + ".mv.db"));
    }

    Path write(String name, String text) throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Ctrl-C for tests: {@link #press()} calls the installed handler as SIGINT would. */
    static final class Presses implements InterruptSource {
        private final AtomicInteger count = new AtomicInteger();
        private volatile IntConsumer handler;

        @Override
        public Installed install(IntConsumer h) {
            count.set(0);
            handler = h;
            return () -> handler = null;
        }

        boolean installed() {
            return handler != null;
        }

        void press() {
            IntConsumer h = handler;
            if (h == null) {
                throw new IllegalStateException("no Ctrl-C handler is installed");
            }
            h.accept(count.incrementAndGet());
        }
    }
}
