package dev.sweep.results.store;

import static dev.sweep.results.store.StoreFixtures.LEASE;
import static dev.sweep.results.store.StoreFixtures.T0;
import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aDivergedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static dev.sweep.results.store.StoreFixtures.aTrial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first half of what every {@link ResultsStore} promises: sweeps, trials, curves, provenance, counts and
 * transactions. Subclass {@link ResultsStoreContract}, which adds claims, leases and guards.
 */
public abstract class SweepsAndTrialsContract {

    protected ResultsStore store;

    /** A new, empty store. */
    protected abstract ResultsStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected TrialRecord claim(SweepRecord sweep, Instant at) {
        return store.claimNext(sweep.id(), "w1", "cuda:0", at, LEASE).orElseThrow();
    }

    // ---- sweeps ----


    @Test
    void aCreatedSweepIsFoundByNameAndIdWithEveryField() {
        NewSweep spec = aSweep().named("sst2-raster").maximizing("val_accuracy").withMethod("grid").withSeed(42)
                .from("sweeps/sst2.yaml").withSpec("name: sst2-raster\nmethod: grid\n").build();
        SweepRecord created = store.createSweep(spec);

        assertTrue(created.id() > 0);
        assertEquals(created, store.findSweep("sst2-raster").orElseThrow());
        assertEquals(created, store.findSweep(created.id()).orElseThrow());
        assertEquals("name: sst2-raster\nmethod: grid\n", created.specText());
        assertEquals(spec.specHash(), created.specHash());
        assertEquals("sweeps/sst2.yaml", created.sourcePath());
        assertEquals("val_accuracy", created.metricName());
        assertEquals("maximize", created.goal());
        assertEquals(42, created.seed());
        assertEquals(SweepState.CREATED, created.state());
        assertEquals(T0, created.createdAt());
        assertTrue(store.findSweep("other").isEmpty());
        assertTrue(store.findSweep(created.id() + 1000).isEmpty());
    }


    @Test
    void aDuplicateSweepNameIsRefusedAndNothingIsAdded() {
        aSweep().named("x").createdIn(store);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> aSweep().named("x").minimizing("loss").createdIn(store));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertEquals(1, store.listSweeps().size());
    }


    @Test
    void goalsAreNormalisedAndUnknownGoalsRefused() {
        assertEquals("minimize", aSweep().named("a").withGoal("MINIMIZE").createdIn(store).goal());
        assertThrows(IllegalArgumentException.class, () -> aSweep().named("b").withGoal("sideways").createdIn(store));
        assertEquals(1, store.listSweeps().size());
    }


    @Test
    void sweepsAreListedInCreationOrderAndTheirStateChanges() {
        SweepRecord a = aSweep().named("a").createdIn(store);
        SweepRecord b = aSweep().named("b").createdIn(store);
        store.setSweepState(b.id(), SweepState.STOPPED, "interrupted at 07:00", T0.plusSeconds(60));

        assertEquals(List.of("a", "b"), store.listSweeps().stream().map(SweepRecord::name).toList());
        SweepRecord stopped = store.findSweep(b.id()).orElseThrow();
        assertEquals(SweepState.STOPPED, stopped.state());
        assertEquals("interrupted at 07:00", stopped.message());
        assertEquals(T0.plusSeconds(60), stopped.updatedAt());
        assertEquals(SweepState.CREATED, store.findSweep(a.id()).orElseThrow().state());
        assertThrows(IllegalArgumentException.class,
                () -> store.setSweepState(b.id() + 99, SweepState.RUNNING, null, T0));
    }


    @Test
    void anAddedTrialWaitsWithNormalisedParams() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord t = store.addTrial(sweep.id(), new NewTrial(3, 1, 2, Map.of("learning_rate", 1.0e-5,
                "batch_size", 32, "optimizer", "adamw", "freeze_encoder", true), 99L), T0);

        assertEquals(TrialState.WAITING, t.state());
        assertEquals(0, t.attempt());
        assertEquals(3, t.number());
        assertEquals(1, t.config());
        assertEquals(2, t.repeat());
        assertEquals(99L, t.seed());
        assertEquals(T0, t.createdAt());
        assertEquals(Map.of("learning_rate", 1.0e-5, "batch_size", 32L, "optimizer", "adamw",
                "freeze_encoder", true), t.params());
        assertNull(t.value());
        assertNull(t.startedAt());
        assertEquals(t, store.trial(t.id()).orElseThrow());
        assertEquals(t, store.trial(sweep.id(), 3).orElseThrow());
    }


    @Test
    void aTakenTrialNumberIsRefusedAndAnUnknownSweepToo() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().number(1).withParam("x", 1.0).addTo(store, sweep);
        assertThrows(IllegalStateException.class, () -> aTrial().number(1).withParam("x", 2.0).addTo(store, sweep));
        assertEquals(1.0, store.trial(sweep.id(), 1).orElseThrow().params().get("x"));
        assertEquals(1, store.trials(sweep.id()).size());
        assertThrows(IllegalArgumentException.class,
                () -> store.addTrial(sweep.id() + 50, aTrial().build(), T0));
    }


    @Test
    void addTrialsAddsAllOrNone() {
        SweepRecord sweep = aSweep().createdIn(store);
        List<TrialRecord> added = store.addTrials(sweep.id(),
                List.of(aTrial().number(1).build(), aTrial().number(2).build()), T0);
        assertEquals(List.of(1, 2), added.stream().map(TrialRecord::number).toList());

        assertThrows(IllegalStateException.class, () -> store.addTrials(sweep.id(),
                List.of(aTrial().number(3).build(), aTrial().number(2).build()), T0));
        assertEquals(List.of(1, 2), store.trials(sweep.id()).stream().map(TrialRecord::number).toList());
    }


    @Test
    void nanAndInfinityValuesSurviveTheRoundTrip() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord t = aDivergedTrial().withMetric("train_loss", Double.POSITIVE_INFINITY)
                .withCurve("train_loss", 1.0, Double.NaN).runIn(store, sweep);
        assertTrue(t.value().isNaN());
        assertEquals(Double.POSITIVE_INFINITY, t.metrics().get("train_loss"));
        assertTrue(Double.isNaN(store.metrics(t.id()).get(1).value()));
    }


    @Test
    void aLongErrorIsKeptClipped() {
        SweepRecord sweep = aSweep().createdIn(store);
        String trace = "x".repeat(ValueCodec.MAX_TEXT * 2);
        TrialRecord t = StoreFixtures.aFailedTrial().failingWith(trace).runIn(store, sweep);
        assertEquals(ValueCodec.MAX_TEXT, t.error().length());
        assertTrue(t.error().endsWith("[truncated]"));
    }


    @Test
    void countByStateNamesEveryState() {
        SweepRecord sweep = aSweep().createdIn(store);
        aCompletedTrial().number(1).withValue(1).runIn(store, sweep);
        StoreFixtures.aPrunedTrial().number(2).withValue(2).runIn(store, sweep);
        aTrial().number(3).addTo(store, sweep);
        aTrial().number(4).addTo(store, sweep);
        claim(sweep, T0);

        Map<TrialState, Integer> counts = store.countByState(sweep.id());
        assertEquals(TrialState.values().length, counts.size());
        assertEquals(1, counts.get(TrialState.COMPLETE));
        assertEquals(1, counts.get(TrialState.PRUNED));
        assertEquals(1, counts.get(TrialState.RUNNING));
        assertEquals(1, counts.get(TrialState.WAITING));
        assertEquals(0, counts.get(TrialState.FAILED));
        assertEquals(0, store.countByState(sweep.id() + 9).get(TrialState.COMPLETE));
    }


    @Test
    void metricsAreOrderedByStepThenNameAndARepeatedPointReplacesTheOldOne() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().number(2).addTo(store, sweep);
        aTrial().number(1).addTo(store, sweep);
        TrialRecord one = claim(sweep, T0);
        TrialRecord two = claim(sweep, T0);
        store.recordProgress(two.id(), 1, 20, Map.of("val_loss", 0.5, "train_loss", 0.6), T0.plusSeconds(2));
        store.recordProgress(two.id(), 1, 10, Map.of("val_loss", 0.7), T0.plusSeconds(1));
        store.recordProgress(two.id(), 1, 20, Map.of("val_loss", 0.45), T0.plusSeconds(3));
        store.recordProgress(one.id(), 1, 5, Map.of("val_loss", 0.9), T0.plusSeconds(1));

        List<MetricPoint> points = store.metrics(two.id());
        assertEquals(List.of("10/val_loss", "20/train_loss", "20/val_loss"),
                points.stream().map(p -> p.step() + "/" + p.name()).toList());
        assertEquals(0.45, points.get(2).value());
        assertEquals(T0.plusSeconds(3), points.get(2).recordedAt());
        assertEquals(two.id(), points.get(0).trialId());

        List<MetricPoint> all = store.sweepMetrics(sweep.id());
        assertEquals(4, all.size());
        assertEquals(one.id(), all.get(0).trialId(), "trial number 1 comes first");
        assertEquals(points, all.subList(1, 4));
        assertTrue(store.sweepMetrics(sweep.id() + 5).isEmpty());
    }


    @Test
    void progressWithAMissingValueIsRefused() {
        SweepRecord sweep = aSweep().createdIn(store);
        aTrial().addTo(store, sweep);
        TrialRecord t = claim(sweep, T0);
        Map<String, Double> bad = new java.util.HashMap<>();
        bad.put("loss", null);
        assertThrows(IllegalArgumentException.class, () -> store.recordProgress(t.id(), 1, 1, bad, T0));
        assertTrue(store.metrics(t.id()).isEmpty());
    }


    @Test
    void provenanceIsMergedPerKeyAndSortedByKey() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord t = aTrial().addTo(store, sweep);
        store.putProvenance(t.id(), Map.of("seed", "7", "model", "all-minilm-l6-v2"));
        store.putProvenance(t.id(), Map.of("model", "bge-small-en-v1.5", "nd4j", "1.0.0-M2.1"));

        Map<String, String> p = store.provenance(t.id());
        assertEquals(List.of("model", "nd4j", "seed"), new ArrayList<>(p.keySet()));
        assertEquals("bge-small-en-v1.5", p.get("model"));
        assertTrue(store.provenance(t.id() + 1).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.putProvenance(t.id() + 1, Map.of("a", "b")));
    }


    @Test
    void aTransactionThatThrowsLeavesNothingAndAFailedInnerCallOnlyUndoesItself() {
        SweepRecord kept = aSweep().named("kept").createdIn(store);
        assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
            SweepRecord s = aSweep().named("gone").createdIn(store);
            aTrial().number(1).addTo(store, s);
            throw new IllegalStateException("boom");
        }));
        assertTrue(store.findSweep("gone").isEmpty());

        int added = store.inTransaction(() -> {
            aTrial().number(1).addTo(store, kept);
            try {
                store.inTransaction(() -> {
                    aTrial().number(2).addTo(store, kept);
                    return aTrial().number(1).addTo(store, kept); // refused: number taken
                });
            } catch (IllegalStateException expected) {
                // the inner unit is undone, the outer goes on
            }
            assertThrows(IllegalStateException.class, () -> aTrial().number(1).addTo(store, kept));
            aTrial().number(3).addTo(store, kept);
            return store.trials(kept.id()).size();
        });
        assertEquals(2, added);
        assertEquals(List.of(1, 3), store.trials(kept.id()).stream().map(TrialRecord::number).toList());
    }


    @Test
    void trialsAreListedByNumberWithTheirTimes() {
        SweepRecord sweep = aSweep().createdIn(store);
        TrialRecord b = aCompletedTrial().number(1).withValue(0.5).startedAt(T0.plusSeconds(100)).tookSeconds(12.5)
                .runIn(store, sweep);
        aTrial().number(7).addTo(store, sweep);
        List<TrialRecord> all = store.trials(sweep.id());
        assertEquals(List.of(1, 7), all.stream().map(TrialRecord::number).toList());
        assertEquals(T0.plusSeconds(100), b.startedAt());
        assertEquals(T0.plusMillis(112_500), b.finishedAt());
        assertNotNull(all.get(1).createdAt());
        assertEquals(Collections.emptyList(), store.trials(sweep.id() + 3));
    }
}
