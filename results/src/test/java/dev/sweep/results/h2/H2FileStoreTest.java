package dev.sweep.results.h2;

import static dev.sweep.results.store.StoreFixtures.LEASE;
import static dev.sweep.results.store.StoreFixtures.T0;
import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static dev.sweep.results.store.StoreFixtures.aTrial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.QueryResult;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a database file shows: reopening, migrations, params rows, a crash, a second process. */
class H2FileStoreTest {

    @TempDir
    Path dir;

    @Test
    void theFileKeepsEverythingAcrossReopeningAndIsMigratedOnce() {
        Path file = dir.resolve("runs/sweep.mv.db");
        TrialRecord done;
        try (H2ResultsStore store = H2ResultsStore.open(file)) {
            SweepRecord sweep = aSweep().named("kept").maximizing("val_accuracy").createdIn(store);
            done = aCompletedTrial().withParam("learning_rate", 2e-5).withValue(0.9).withCurve("val_accuracy", 0.8, 0.9)
                    .runIn(store, sweep);
            store.putProvenance(done.id(), Map.of("model", "all-minilm-l6-v2"));
        }
        assertTrue(Files.exists(file));
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("runs/sweep"))) {
            assertEquals(done, store.trial(done.id()).orElseThrow());
            assertEquals(2, store.metrics(done.id()).size());
            assertEquals("all-minilm-l6-v2", store.provenance(done.id()).get("model"));
            QueryResult versions = store.query("SELECT \"version\" FROM \"flyway_schema_history\" "
                    + "WHERE \"success\" ORDER BY \"installed_rank\"");
            assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")),
                    versions.rows().subList(1, versions.rows().size()));
        }
    }

    @Test
    void everyParamIsARowWithItsTextAndNumber() {
        try (H2ResultsStore store = H2ResultsStore.open(dir.resolve("p.mv.db"))) {
            SweepRecord sweep = aSweep().createdIn(store);
            aTrial().withParam("learning_rate", 1e-5).withParam("batch_size", 32).withParam("optimizer", "adamw")
                    .withParam("freeze_encoder", false).withParam("dropout", 0.1).addTo(store, sweep);
            QueryResult rows = store.query("SELECT param, value_text, value_num FROM v_trial_params ORDER BY param");
            assertEquals(List.of(
                    List.of("batch_size", "32", 32.0),
                    List.of("dropout", "0.1", 0.1),
                    List.of("freeze_encoder", "false", 0.0),
                    List.of("learning_rate", "0.00001", 1e-5)), rows.rows().subList(0, 4));
            assertEquals("adamw", rows.rows().get(4).get(1));
            assertEquals(null, rows.rows().get(4).get(2));
        }
    }

    /** A killed orchestrator loses no committed result: WRITE_DELAY=0 puts every commit in the file at once. */
    @Test
    void aResultCommittedJustBeforeTheProcessDiesIsThereAfterwards() throws Exception {
        Path file = dir.resolve("crash.mv.db");
        try (H2ResultsStore store = H2ResultsStore.open(file)) {
            aSweep().named("crash").maximizing("val_accuracy").createdIn(store);
        }
        Process child = java("crash", file).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, child.exitValue(), out);
        assertTrue(out.contains("finished true"), out);

        try (H2ResultsStore store = H2ResultsStore.open(file)) {
            SweepRecord sweep = store.findSweep("crash").orElseThrow();
            TrialRecord t = store.trial(sweep.id(), 1).orElseThrow();
            assertEquals(TrialState.COMPLETE, t.state());
            assertEquals(0.875, t.value());
            assertEquals(1, store.metrics(t.id()).size());
        }
    }

    /** The dashboard's case: another process opens the file and reads while this one writes. */
    @Test
    void aSecondProcessReadsTheFileWhileThisOneWrites() throws Exception {
        Path file = dir.resolve("shared.mv.db");
        try (H2ResultsStore store = H2ResultsStore.open(file)) {
            SweepRecord sweep = aSweep().named("shared").createdIn(store);
            aTrial().number(1).addTo(store, sweep);
            aTrial().number(2).addTo(store, sweep);
            Process reader = java("read", file).start();
            try (PrintWriter toReader = new PrintWriter(reader.getOutputStream(), true, StandardCharsets.UTF_8);
                 BufferedReader fromReader = new BufferedReader(new InputStreamReader(reader.getInputStream(),
                         StandardCharsets.UTF_8))) {
                toReader.println("read");
                assertEquals("trials [1:WAITING, 2:WAITING] leaderboard 0", fromReader.readLine());

                TrialRecord t = store.claimNext(sweep.id(), "w0", "cpu", T0, LEASE).orElseThrow();
                store.finish(t.id(), t.attempt(), new Finish(TrialState.COMPLETE, 0.5, Map.of(), null, null, T0));
                store.claimNext(sweep.id(), "w1", "cpu", T0, LEASE).orElseThrow();
                toReader.println("read");
                assertEquals("trials [1:COMPLETE, 2:RUNNING] leaderboard 1", fromReader.readLine());
            } finally {
                assertTrue(reader.waitFor(60, TimeUnit.SECONDS));
            }
            assertEquals(0, reader.exitValue());
            // the writer is unaffected by the reader having come and gone
            assertEquals(1, store.countByState(sweep.id()).get(TrialState.RUNNING));
        }
    }

    private static ProcessBuilder java(String mode, Path file) {
        return ChildJvm.of(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"), StoreProcess.class, mode, file.toString());
    }
}
