package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.ResultsStore;

/** Opens the results store at a location (Main wires the H2 store; the one place that names it). */
@FunctionalInterface
public interface StoreOpener {

    ResultsStore open(StoreLocation location);
}
