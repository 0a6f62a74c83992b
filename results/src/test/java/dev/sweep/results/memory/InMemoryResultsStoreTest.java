package dev.sweep.results.memory;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.ResultsStoreContract;
import org.junit.jupiter.api.Test;

class InMemoryResultsStoreTest extends ResultsStoreContract {

    @Override
    protected ResultsStore newStore() {
        return new InMemoryResultsStore();
    }

    @Test
    void sqlIsNotSupported() {
        assertThrows(UnsupportedOperationException.class, () -> store.query("SELECT 1"));
    }
}
