package dev.sweep.orchestrator.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A sweep file that cannot run. Carries every problem found in the file, sorted by position; the message lists
 * them one per line as {@code FILE:LINE:COLUMN: key.path: rule}.
 */
public class SweepFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<SweepFileError> errors;

    public SweepFileException(List<SweepFileError> errors) {
        super(message(errors));
        this.errors = List.copyOf(errors);
    }

    public List<SweepFileError> errors() {
        return errors;
    }

    private static String message(List<SweepFileError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a SweepFileException needs at least one error");
        }
        String lines = errors.stream().map(SweepFileError::format).collect(Collectors.joining("\n"));
        return errors.size() == 1 ? lines : errors.size() + " errors in " + errors.get(0).file() + ":\n" + lines;
    }
}
