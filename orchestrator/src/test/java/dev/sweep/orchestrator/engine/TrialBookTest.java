package dev.sweep.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.Finish;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's mirror of the store: loaded from it, kept in step, counted. */
class TrialBookTest {
    private final Instant t0 = Instant.parse("2024-05-01T22:00:00Z");

    @Test
    void loadsTrialsWithTheObjectivesCurveAndCountsThem() {
        try (InMemoryResultsStore store = new InMemoryResultsStore()) {
            long sweep = store.createSweep(new NewSweep("s", "text", "hash", null, "random", "loss", "minimize", 1, t0)).id();
            for (int i = 0; i < 3; i++) {
                store.addTrial(sweep, new NewTrial(i, i, 0, Map.of("x", i), 10 + i), t0);
            }
            TrialRecord a = store.claimNext(sweep, "w0", "cpu", t0, Duration.ofMinutes(1)).orElseThrow();
            store.recordProgress(a.id(), 1, 115, Map.of("loss", 3.0, "acc", 0.1), t0);
            store.recordProgress(a.id(), 1, 230, Map.of("loss", 2.0), t0);
            store.finish(a.id(), 1, new Finish(TrialState.COMPLETE, 2.0, Map.of("loss", 2.0), null, null, t0));
            TrialRecord b = store.claimNext(sweep, "w0", "cpu", t0, Duration.ofMinutes(1)).orElseThrow();
            store.finish(b.id(), 1, new Finish(TrialState.COMPLETE, 1.5, Map.of("loss", 1.5), null, null, t0));

            TrialBook book = TrialBook.load(store, sweep, "loss", Goal.MINIMIZE);
            assertEquals(3, book.history().size());
            assertEquals(Map.of(1L, 3.0, 2L, 2.0), book.view(0).intermediate(),
                    "only the objective's curve, keyed by evaluation (steps 115 and 230 are evaluations 1 and 2)");
            assertEquals(2.0, book.lastIntermediate(0));
            RunCounts c = book.counts(5);
            assertEquals(List.of(5, 3, 1, 0, 2), List.of(c.planned(), c.total(), c.waiting(), c.running(), c.complete()));
            assertEquals(1.5, c.bestValue());
            assertEquals(1, c.bestNumber());

            TrialRecord running = store.claimNext(sweep, "w0", "cpu", t0, Duration.ofMinutes(1)).orElseThrow();
            book.put(running);
            book.intermediate(2, 0.7);
            book.intermediate(2, 0.5);
            assertEquals(Map.of(1L, 0.7, 2L, 0.5), book.view(2).intermediate());
            store.finish(running.id(), 1, new Finish(TrialState.PRUNED, 0.5, Map.of(), 1L, null, t0));
            book.put(store.trial(running.id()).orElseThrow());
            assertEquals(Map.of(1L, 0.7, 2L, 0.5), book.view(2).intermediate(), "the curve survives the state change");
            assertEquals(List.of(0, 0, 1), List.of(book.counts(null).waiting(), book.counts(null).running(),
                    book.counts(null).pruned()));
            assertEquals(1.5, book.best().orElseThrow().value(), "a pruned trial is never the best");
        }
    }

    @Test
    void refusesAGapInTrialNumbers() {
        TrialBook book = new TrialBook("loss", Goal.MINIMIZE);
        TrialRecord r = new TrialRecord(9, 1, 1, 1, 0, Map.of(), 1, TrialState.WAITING, 0, null, null, null, t0, null,
                null, null, null, null, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> book.put(r));
        assertEquals("trial numbers must run 0, 1, 2, … without gaps, but trial 1 follows -1", e.getMessage());
    }
}
