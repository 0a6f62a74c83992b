package dev.sweep.results.store;

/** The store itself failed (database unreachable, disk full, corrupt row): not a refused write, not a bad request. */
public class ResultsStoreException extends RuntimeException {
    public ResultsStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
