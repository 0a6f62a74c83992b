package dev.sweep.search.protocol;

/** Why a trial failed, as the worker saw it. */
public enum FailureKind {
    /** An exception, a bad input, a non-zero exit of an external command. */
    ERROR,
    /** Loss became NaN or infinite. */
    DIVERGED,
    /** The device or the process ran out of memory. */
    OOM
}
