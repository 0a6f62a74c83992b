package dev.sweep.results.h2;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.ResultsStoreContract;
import java.util.UUID;

/**
 * The contract against H2: the same engine, SQL and guards as a database file, in memory to keep the suite fast
 * (a file costs about half a second to create and close). The file's own behaviour (crash safety, a second
 * process, reopening) is tested in {@link H2FileStoreTest}.
 */
class H2ResultsStoreContractTest extends ResultsStoreContract {

    @Override
    protected ResultsStore newStore() {
        return H2ResultsStore.open("jdbc:h2:mem:contract-" + UUID.randomUUID());
    }
}
