package dev.sweep.results.store;

/** A sweep's state: RUNNING while an orchestrator drives it; STOPPED when interrupted (resumable). */
public enum SweepState { CREATED, RUNNING, STOPPED, FINISHED, CANCELLED, FAILED }
