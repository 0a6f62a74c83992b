package dev.sweep.orchestrator.faults;

import dev.sweep.orchestrator.Main;
import dev.sweep.orchestrator.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The real CLI run inside the test JVM (what {@code Main.main} does, minus System.exit), output captured, no
 * Ctrl-C; worker processes are real all the same.
 */
final class InProcessCli {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private final Path workDir;

    InProcessCli(Path workDir) {
        this.workDir = workDir;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext cli = new CliContext(Clock.systemUTC(), Map.of(), workDir, new PrintWriter(out, true),
                new PrintWriter(err, true), Main.h2Stores(), handler -> () -> { }, () -> {
                    throw new IllegalStateException("the CLI asked to halt the JVM");
                }, false);
        int exit = new Main(cli).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
