package dev.sweep.orchestrator.cli;

import java.util.List;

/**
 * Bad input from the user (exit code 2). Its lines are printed as they are, one per line, without a stack trace.
 */
public final class UserInputException extends RuntimeException {

    private final List<String> lines;

    public UserInputException(String message) {
        this(List.of(message));
    }

    public UserInputException(List<String> lines) {
        super(String.join("\n", lines));
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }

    /** "no sweep named 'x' in <db>", with the hint to list them. */
    public static UserInputException unknownSweep(String name, StoreLocation location) {
        return new UserInputException("no sweep named '" + name + "' in " + location.describe()
                + " (list them with: sweep status)");
    }
}
