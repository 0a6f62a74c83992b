package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepState;
import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read commands and cancel, on a real H2 store filled once through the store's API: sweep sst2 (see
 * {@link StoreFixtures}) which no test changes, and sweep sst2-copy which the cancel test cancels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCommandsTest {

    private CliHarness cli;

    @BeforeAll
    void fillTheStore(@TempDir Path dir) {
        cli = new CliHarness(dir);
        try (ResultsStore store = cli.openStore()) {
            store.inTransaction(() -> List.of(StoreFixtures.anSst2Sweep(store, "sst2"),
                    StoreFixtures.anSst2Sweep(store, "sst2-copy")));
        }
    }

    @Test
    void statusListsEverySweepWithCountsAndBest() {
        CliHarness.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.toString());
        String row = r.out().lines().filter(l -> l.startsWith("sst2 ")).findFirst().orElseThrow(() ->
                new AssertionError("no row for sst2 in\n" + r.out()));
        assertTrue(row.matches("sst2\\s+RUNNING\\s+grid\\s+val_accuracy \\(maximize\\)\\s+8\\s+4\\s+0\\s+1\\s+2\\s+1\\s+0\\.91\\s.*"),
                row);
    }

    @Test
    void statusOfOneSweepShowsItsRunningTrialWithWorkerDeviceAndStep() {
        CliHarness.Result r = cli.run("status", "sst2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("4 complete · 1 running · 1 failed") || r.out().contains("2 waiting · 1 running"),
                r.out());
        assertTrue(r.out().contains("best     0.91 (trial 1: batch_size=16, learning_rate=4e-05, optimizer=adamw)"),
                r.out());
        String running = r.out().lines().filter(l -> l.matches("\\s*5\\s+w1\\s+cuda:1\\s+1\\s+20\\s+0\\.7\\s.*"))
                .findFirst().orElse(null);
        assertTrue(running != null, "no line for trial 5 on w1/cuda:1 at step 20 in\n" + r.out());
    }

    @Test
    void anUnknownSweepIsBadInputNamingItAndPointingToStatus() {
        for (String[] args : new String[][]{{"status", "nope"}, {"curves", "nope", "1"}, {"resume", "nope"}}) {
            CliHarness.Result r = cli.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r);
            assertTrue(r.err().contains("no sweep named 'nope'") && r.err().contains("sweep status"), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void sqlPrintsATableAndRefusesWrites() {
        CliHarness.Result ok = cli.run("sql", "SELECT t.number, t.value FROM trials t JOIN sweeps s ON s.id = t.sweep_id"
                + " WHERE s.name = 'sst2' AND t.state = 'COMPLETE' ORDER BY t.value DESC LIMIT 2");
        assertEquals(0, ok.exit(), ok.toString());
        assertTrue(ok.out().matches("(?s)NUMBER\\s+VALUE\\s*\\n[- ]+\\n\\s+1\\s+0\\.91\\n\\s+3\\s+0\\.88\\n\\(2 rows\\)\\n"),
                ok.out());

        CliHarness.Result refused = cli.run("sql", "DELETE FROM trials");
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().startsWith("error: ") && refused.err().contains("refused"), refused.err());
        try (ResultsStore store = cli.openStore()) {
            assertEquals(8, store.trials(store.findSweep("sst2").orElseThrow().id()).size(), "nothing was deleted");
        }
    }

    @Test
    void trialsFiltersByStateAndCurvesPivotsMetricsByStep() {
        CliHarness.Result failed = cli.run("trials", "sst2", "--state", "failed");
        assertEquals(0, failed.exit(), failed.toString());
        assertEquals(3, failed.out().lines().count(), failed.out()); // header, rule, one trial
        assertTrue(failed.out().contains("worker exited with code 137"), failed.out());

        CliHarness.Result curves = cli.run("curves", "sst2", "1");
        assertEquals(0, curves.exit(), curves.toString());
        assertTrue(curves.out().contains("step  train_loss  val_accuracy"), curves.out());
        assertTrue(curves.out().contains("  30   0.0333333          0.91"), curves.out());

        CliHarness.Result noTrial = cli.run("curves", "sst2", "99");
        assertEquals(2, noTrial.exit(), noTrial.toString());
        assertTrue(noTrial.err().contains("sweep sst2 has no trial 99"), noTrial.err());
    }

    @Test
    void cancelCancelsTheWaitingTrialsAndTheSweep() {
        CliHarness.Result r = cli.run("cancel", "sst2-copy");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("2 waiting trials cancelled"), r.out());
        try (ResultsStore store = cli.openStore()) {
            long id = store.findSweep("sst2-copy").orElseThrow().id();
            assertEquals(SweepState.CANCELLED, store.findSweep(id).orElseThrow().state());
            assertEquals(2, store.countByState(id).get(TrialState.CANCELLED));
            assertEquals(1, store.countByState(id).get(TrialState.RUNNING), "a running trial is left to finish");
        }
    }
}
