package dev.sweep.orchestrator;

import dev.sweep.orchestrator.cli.CliContext;
import dev.sweep.orchestrator.cli.ExitCode;
import dev.sweep.orchestrator.cli.SigIntSource;
import dev.sweep.orchestrator.cli.StoreOpener;
import dev.sweep.orchestrator.cli.SweepCommand;
import dev.sweep.results.h2.H2ResultsStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The {@code sweep} command's entry point and the one place where the pieces are wired: the system clock and
 * environment, stdout/stderr, the H2 results store behind {@code --db}, Ctrl-C as SIGINT.
 */
public final class Main {

    private final CliContext cli;

    public Main(CliContext cli) {
        this.cli = cli;
    }

    /** Runs the command line and returns its exit code (see {@link ExitCode}). */
    public int execute(String... args) {
        try {
            return SweepCommand.commandLine(cli).execute(args);
        } finally {
            cli.out().flush();
            cli.err().flush();
        }
    }

    /** How the CLI opens the results store: an H2 file, or an H2 JDBC URL. */
    public static StoreOpener h2Stores() {
        return location -> location.file() != null ? H2ResultsStore.open(location.file())
                : H2ResultsStore.open(location.jdbcUrl());
    }

    public static void main(String[] args) {
        Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset));
        CliContext cli = new CliContext(Clock.systemDefaultZone(), System.getenv(), Path.of("").toAbsolutePath(),
                out, err, h2Stores(), new SigIntSource(), () -> Runtime.getRuntime().halt(ExitCode.INTERRUPTED),
                System.console() != null);
        System.exit(new Main(cli).execute(args));
    }
}
