package dev.sweep.results.leaderboard;

import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImportanceTest {

    private final ResultsStore store = new InMemoryResultsStore();
    private final Leaderboards boards = new Leaderboards(store, new RandomForest.Options(32, 10, 3, 1024, 1.0));

    /** value = 10·x1 + (0.5 if adamw) + a little noise; x2 does nothing; dropout absent for half the trials. */
    private SweepRecord sweep(String name, long seed) {
        SweepRecord sweep = aSweep().named(name).minimizing("value").withSeed(seed).createdIn(store);
        SplittableRandom r = new SplittableRandom(seed);
        store.inTransaction(() -> {
            for (int i = 1; i <= 150; i++) {
                double x1 = r.nextDouble();
                double x2 = r.nextDouble();
                String optimizer = r.nextBoolean() ? "adamw" : "sgd";
                var t = aCompletedTrial().number(i).withParam("x1", x1).withParam("x2", x2)
                        .withParam("optimizer", optimizer).withParam("epochs", 3)
                        .withValue(10 * x1 + (optimizer.equals("adamw") ? 0.5 : 0) + 0.01 * r.nextGaussian());
                if (i % 2 == 0) {
                    t.withParam("dropout", 0.1);
                }
                t.runIn(store, sweep);
            }
            return null;
        });
        return sweep;
    }

    @Test
    void theParamThatDrivesTheMetricComesFirstAndImportancesSumToOne() {
        SweepRecord s = sweep("imp", 3);
        Importance imp = boards.importance(s.id());
        List<String> names = imp.params().stream().map(Importance.ParamImportance::name).toList();
        assertEquals("x1", names.get(0));
        assertEquals("optimizer", names.get(1), "a one-hot categorical gets one importance");
        assertTrue(imp.params().get(0).importance() > 0.8, imp.toString());
        assertEquals(1.0, imp.params().stream().mapToDouble(Importance.ParamImportance::importance).sum(), 1e-9);
        assertTrue(!names.contains("epochs"), "a param that never varies is left out");
        assertTrue(names.contains("dropout"), "a param some trials lack still varies (present vs absent)");
        assertEquals(150, imp.trials());
        assertTrue(imp.method().contains("permutation"));
    }

    @Test
    void theSameSeedGivesTheSameImportances() {
        SweepRecord s = sweep("seeded", 4);
        assertEquals(boards.importance(s.id(), 11), boards.importance(s.id(), 11));
        assertTrue(!boards.importance(s.id(), 11).equals(boards.importance(s.id(), 12)));
    }

    @Test
    void tooFewTrialsGiveAnEmptyListWithAReason() {
        SweepRecord s = aSweep().named("few").createdIn(store);
        aCompletedTrial().number(1).withParam("x", 1.0).withValue(1).runIn(store, s);
        Importance imp = boards.importance(s.id());
        assertTrue(imp.params().isEmpty());
        assertNotNull(imp.note());
    }

    @Test
    void theForestFitsASimpleFunction() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = new double[400][2];
        double[] y = new double[400];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = r.nextDouble() * 4 - 2;
            x[i][1] = r.nextDouble();
            y[i] = x[i][0] * x[i][0];
        }
        RandomForest f = RandomForest.fit(x, y, new RandomForest.Options(32, 10, 2, 400, 1.0), new SplittableRandom(2));
        assertEquals(1.0, f.predict(new double[] {1.0, 0.5}), 0.15);
        assertEquals(0.0, f.predict(new double[] {0.0, 0.5}), 0.15);
        assertEquals(4.0, f.predict(new double[] {-2.0, 0.1}), 0.5);
        double[] imp = f.permutationImportance(new int[][] {{0}, {1}}, new SplittableRandom(3));
        assertTrue(imp[0] > 20 * imp[1], java.util.Arrays.toString(imp));
    }
}
