package dev.sweep.worker.data;

/** One row of a dataset file that cannot be used: the file as the user named it, its 1-based line, what is wrong. */
public record BadRow(String file, long line, String problem) {
    @Override
    public String toString() {
        return file + " line " + line + ": " + problem;
    }
}
