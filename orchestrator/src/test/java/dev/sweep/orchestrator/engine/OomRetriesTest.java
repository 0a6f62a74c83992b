package dev.sweep.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sweep.orchestrator.config.OomPolicy;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The micro-batch halvings of {@code on_oom: accumulate}, and how a resumed sweep takes them up. */
class OomRetriesTest {

    @Test
    void aRestoredTrialGoesOnHalvingFromItsRecordedMicroBatch() {
        OomRetries oom = new OomRetries(OomPolicy.ACCUMULATE, Map.of("micro_batch_tokens", 1000));
        oom.restore(7, Map.of(OomRetries.PROVENANCE_KEY, "250"));
        assertEquals(OptionalInt.of(250), oom.tokens(7));
        assertEquals(OptionalInt.of(125), oom.halve(7));
        assertEquals(OptionalInt.empty(), oom.halve(7), "62 would be below the floor of 64");
        assertEquals(OptionalInt.empty(), oom.tokens(8), "a trial with nothing recorded keeps the task's value");
    }

    @Test
    void aRecordedMicroBatchThisSweepCouldNotHaveGivenIsIgnored() {
        OomRetries oom = new OomRetries(OomPolicy.ACCUMULATE, Map.of());
        for (String bad : new String[] {"2048", "1000", "32", "0", "-1024", "lots", ""}) {
            oom.restore(1, Map.of(OomRetries.PROVENANCE_KEY, bad));
            assertEquals(OptionalInt.empty(), oom.tokens(1), bad);
        }
        oom.restore(1, Map.of(OomRetries.PROVENANCE_KEY, "64"));
        assertEquals(OptionalInt.of(64), oom.tokens(1), "the floor itself is a value the sweep gives");
    }
}
