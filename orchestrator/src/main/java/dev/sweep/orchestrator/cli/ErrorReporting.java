package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.config.SweepFileException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what went wrong into one clear line (or the sweep file's list of problems) and an exit code: 2 for bad
 * input, 1 for a failure at run time. Stack traces only with {@code --verbose}.
 */
final class ErrorReporting implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options and examples.");
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt(); // the command was interrupted: say so, and keep the flag
        }
        int code;
        if (ex instanceof SweepFileException e) {
            err.println(e.getMessage());
            err.println("nothing was run or stored; fix the file and try again");
            code = ExitCode.BAD_INPUT;
        } else if (ex instanceof UserInputException e) {
            e.lines().forEach(line -> err.println("error: " + line));
            code = ExitCode.BAD_INPUT;
        } else if (ex instanceof ParameterException e) {
            return handleParseException(e, parseResult.originalArgs().toArray(String[]::new));
        } else {
            err.println("error: " + describe(ex));
            code = ExitCode.FAILURE;
        }
        if (verbose(cmd)) {
            ex.printStackTrace(err);
        } else if (code == ExitCode.FAILURE) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }

    private static boolean verbose(CommandLine cmd) {
        return cmd.getCommandSpec().root().userObject() instanceof SweepCommand root && root.verbose;
    }

    /** The message, followed by its causes' messages where they add something. */
    static String describe(Throwable ex) {
        StringBuilder b = new StringBuilder(message(ex));
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String m = message(cause);
            if (!b.toString().contains(m)) {
                b.append(": ").append(m);
            }
        }
        return b.toString();
    }

    private static String message(Throwable ex) {
        return ex.getMessage() == null || ex.getMessage().isBlank() ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
