package dev.sweep.orchestrator.engine;

/**
 * Why a run ended. Only {@link #COMPLETED} finishes the sweep; {@link #ALREADY_FINISHED} finds it finished; every
 * other reason leaves it resumable.
 */
public enum StopReason {
    /** The search has nothing more to propose (grid done, run_cap reached) and every trial has ended. */
    COMPLETED,
    /** {@link RunOptions#launchLimit()} trials were launched and have ended. */
    LAUNCH_LIMIT,
    /** {@link RunOptions#stopLaunchingAt()} passed; the trials running then have ended. */
    DEADLINE,
    /** {@link SweepRunner#requestGracefulStop()}: no new trials; the running ones ended. */
    GRACEFUL_STOP,
    /** {@link SweepRunner#requestHardStop()}: running trials were killed and put back to WAITING. */
    HARD_STOP,
    /** The results store failed; nothing more was launched; what was recorded is kept. */
    DATABASE_ERROR,
    /** A worker kept dying (more restarts a minute than allowed); nothing more was launched. */
    WORKERS_FAILING,
    /** The sweep had finished before this run: nothing was left to run, no worker was started. */
    ALREADY_FINISHED
}
