package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Sweeps written through the store's API, as an orchestrator would have left them. The BERT-like sweep
 * {@code sst2} has eight trials: four COMPLETE (val_accuracy 0.80, 0.91, 0.86, 0.88 by number 0..3; optimizers
 * adamw, adamw, sgd, sgd), one FAILED, one RUNNING on worker w1 (cuda:1) at step 20, and two WAITING.
 */
final class StoreFixtures {

    static final Instant T0 = Instant.parse("2024-03-05T22:00:00Z");
    static final double[] ACCURACY = {0.80, 0.91, 0.86, 0.88};

    private StoreFixtures() {
    }

    static SweepRecord anSst2Sweep(ResultsStore store, String name) {
        SweepRecord sweep = store.createSweep(new NewSweep(name, "name: " + name + "\n", "ab12cd34ef56ab12cd34",
                "/work/sweeps/sst2.yaml", "grid", "val_accuracy", "maximize", 42, T0));
        store.setSweepState(sweep.id(), SweepState.RUNNING, null, T0);
        String[] optimizers = {"adamw", "adamw", "sgd", "sgd", "adamw", "sgd", "adamw", "sgd"};
        for (int i = 0; i < 8; i++) {
            store.addTrial(sweep.id(), new NewTrial(i, i, 0, Map.of("learning_rate", i < 4 ? 2e-5 * (i % 2 + 1) : 1e-4,
                    "batch_size", 16 * (i / 2 + 1), "optimizer", optimizers[i]), 1000 + i), T0);
        }
        Instant t = T0;
        for (int i = 0; i < 4; i++) {
            TrialRecord claimed = claim(store, sweep, "w0", "cuda:0", t);
            for (int step = 10; step <= 30; step += 10) {
                store.recordProgress(claimed.id(), claimed.attempt(), step,
                        Map.of("val_accuracy", ACCURACY[i] - (30 - step) / 100.0, "train_loss", 1.0 / step), t);
            }
            t = t.plusSeconds(60);
            store.finish(claimed.id(), claimed.attempt(), new Finish(TrialState.COMPLETE, ACCURACY[i],
                    Map.of("val_accuracy", ACCURACY[i], "train_loss", 0.03), null, null, t));
        }
        TrialRecord failing = claim(store, sweep, "w0", "cuda:0", t);
        store.finish(failing.id(), failing.attempt(), new Finish(TrialState.FAILED, null, Map.of(), 3L,
                "worker exited with code 137", t.plusSeconds(5)));
        TrialRecord running = claim(store, sweep, "w1", "cuda:1", t);
        store.recordProgress(running.id(), running.attempt(), 20, Map.of("val_accuracy", 0.7), t.plusSeconds(30));
        return store.findSweep(sweep.id()).orElseThrow();
    }

    private static TrialRecord claim(ResultsStore store, SweepRecord sweep, String worker, String device, Instant t) {
        return store.claimNext(sweep.id(), worker, device, t, Duration.ofDays(3650)).orElseThrow();
    }
}
