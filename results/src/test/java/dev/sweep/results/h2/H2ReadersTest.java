package dev.sweep.results.h2;

import static dev.sweep.results.store.StoreFixtures.aSweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reads from other threads go through their own connections: not blocked by a writer, and never see its half. */
class H2ReadersTest {

    @Test
    void anotherThreadReadsTheCommittedStateWhileAUnitIsOpen() throws Exception {
        try (H2ResultsStore store = H2ResultsStore.open("jdbc:h2:mem:readers-" + UUID.randomUUID())) {
            aSweep().named("before").createdIn(store);
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch read = new CountDownLatch(1);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> store.inTransaction(() -> {
                aSweep().named("inside").createdIn(store);
                written.countDown();
                try {
                    assertTrue(read.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            assertTrue(written.await(30, TimeUnit.SECONDS));
            assertEquals(1, store.listSweeps().size(), "the open unit's sweep is not visible yet");
            assertTrue(store.findSweep("inside").isEmpty());
            assertEquals(1L, store.query("SELECT COUNT(*) FROM sweeps").rows().get(0).get(0));
            read.countDown();
            writer.get(30, TimeUnit.SECONDS);
            assertEquals(2, store.listSweeps().size());
        }
    }
}
