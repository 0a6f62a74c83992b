package dev.sweep.orchestrator.config;

/**
 * One problem found in a sweep file: where it is ({@code line} and {@code column} are 1-based), the key path
 * ({@code parameters.learning_rate.min}; empty for the document itself) and the rule broken.
 */
public record SweepFileError(String file, int line, int column, String path, String message) {

    /** {@code sweeps/x.yaml:7:5: parameters.learning_rate: min <= max must hold, but got (min=0.1, max=0.01)}. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
