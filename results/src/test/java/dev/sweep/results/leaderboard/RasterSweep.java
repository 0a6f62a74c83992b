package dev.sweep.results.leaderboard;

import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aFailedTrial;
import static dev.sweep.results.store.StoreFixtures.aPrunedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.StoreFixtures.TrialBuilder;
import dev.sweep.results.store.SweepRecord;

/**
 * A small learning-rate × batch-size sweep (maximize val_accuracy) with two seeds per cell, whose aggregates are
 * worked out by hand in the tests:
 * <pre>
 *   #  lr     bs  seed  state     value
 *   1  1e-5   16  1     COMPLETE  0.80
 *   2  1e-5   16  2     COMPLETE  0.82
 *   3  1e-5   32  1     COMPLETE  0.78
 *   4  1e-5   32  2     COMPLETE  0.80
 *   5  1e-4   16  1     COMPLETE  0.85
 *   6  1e-4   16  2     COMPLETE  0.89   curve 0.70, 0.90, 0.89 (epochs 1-3); train_loss 0.20, val_loss 0.30
 *   7  1e-4   32  1     COMPLETE  0.84   train_loss 0.30, val_loss 0.40
 *   8  1e-4   32  2     PRUNED    0.60   stopped at step 1
 *   9  1e-4   32  3     FAILED
 * </pre>
 */
final class RasterSweep {

    private RasterSweep() {
    }

    static SweepRecord createIn(ResultsStore store, String name) {
        SweepRecord sweep = aSweep().named(name).maximizing("val_accuracy").withSeed(5).createdIn(store);
        trial(aCompletedTrial(), 1, 1e-5, 16, 1).withValue(0.80).runIn(store, sweep);
        trial(aCompletedTrial(), 2, 1e-5, 16, 2).withValue(0.82).runIn(store, sweep);
        trial(aCompletedTrial(), 3, 1e-5, 32, 1).withValue(0.78).runIn(store, sweep);
        trial(aCompletedTrial(), 4, 1e-5, 32, 2).withValue(0.80).runIn(store, sweep);
        trial(aCompletedTrial(), 5, 1e-4, 16, 1).withValue(0.85).runIn(store, sweep);
        trial(aCompletedTrial(), 6, 1e-4, 16, 2).withValue(0.89).withCurve("val_accuracy", 0.70, 0.90, 0.89)
                .withCurve("epoch", 1, 2, 3).withMetric("train_loss", 0.20).withMetric("val_loss", 0.30)
                .runIn(store, sweep);
        trial(aCompletedTrial(), 7, 1e-4, 32, 1).withValue(0.84).withMetric("train_loss", 0.30)
                .withMetric("val_loss", 0.40).runIn(store, sweep);
        trial(aPrunedTrial(), 8, 1e-4, 32, 2).withValue(0.60).withCurve("val_accuracy", 0.60).stoppedAt(1)
                .runIn(store, sweep);
        trial(aFailedTrial(), 9, 1e-4, 32, 3).runIn(store, sweep);
        return sweep;
    }

    private static TrialBuilder trial(TrialBuilder b, int number, double lr, int bs, long seed) {
        return b.number(number).withParam("learning_rate", lr).withParam("batch_size", bs)
                .withParam("optimizer", "adamw").withSeed(seed).repeat((int) seed - 1)
                .startedAt(dev.sweep.results.store.StoreFixtures.T0.plusSeconds(100L * number)).tookSeconds(90);
    }
}
