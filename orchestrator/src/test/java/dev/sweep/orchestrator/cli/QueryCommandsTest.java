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
    void leaderboardsRankPivotCompareAndEstimateImportance() {
        CliHarness.Result top = cli.run("top", "sst2", "-k", "2");
        assertEquals(0, top.exit(), top.toString());
        assertTrue(top.out().startsWith("sweep sst2 — val_accuracy (maximize)"), top.out());
        List<String> ranks = top.out().lines().filter(l -> l.matches("\\s*[12]\\s+\\d+\\s+0\\.\\d+\\s.*")).toList();
        assertEquals(2, ranks.size(), top.out());
        assertTrue(ranks.get(0).matches("\\s*1\\s+1\\s+0\\.9100\\s.*") && ranks.get(1).matches("\\s*2\\s+3\\s+0\\.8800\\s.*"),
                top.out());

        CliHarness.Result pivot = cli.run("top", "sst2", "--pivot", "learning_rate,batch_size");
        assertEquals(0, pivot.exit(), pivot.toString());
        assertTrue(pivot.out().contains("learning_rate \\ batch_size"), pivot.out());

        CliHarness.Result badPivot = cli.run("top", "sst2", "--pivot", "nope,batch_size");
        assertEquals(2, badPivot.exit(), badPivot.toString());
        assertTrue(badPivot.err().contains("no param 'nope'"), badPivot.err());

        CliHarness.Result compare = cli.run("compare", "sst2", "--by", "optimizer");
        assertEquals(0, compare.exit(), compare.toString());
        assertTrue(compare.out().lines().anyMatch(l -> l.startsWith("sgd *")), "sgd has the best mean:\n" + compare.out());

        CliHarness.Result sweeps = cli.run("compare-sweeps", "sst2", "sst2-copy");
        assertEquals(0, sweeps.exit(), sweeps.toString());
        assertTrue(sweeps.out().contains("sst2-copy") && sweeps.out().lines().anyMatch(l -> l.startsWith("sst2 ")),
                sweeps.out());

        CliHarness.Result importance = cli.run("importance", "sst2");
        assertEquals(0, importance.exit(), importance.toString());
        assertTrue(importance.out().contains("importance for val_accuracy over 4 COMPLETE trials"), importance.out());
    }

    @Test
    void exportWritesCsvToStdoutAndJsonToAFile() throws Exception {
        CliHarness.Result csv = cli.run("export", "sst2", "--format", "csv");
        assertEquals(0, csv.exit(), csv.toString());
        List<String> lines = csv.out().lines().toList();
        assertEquals(9, lines.size(), "header and 8 trials:\n" + csv.out());
        assertTrue(lines.get(0).startsWith("number,config,repeat,state,value,batch_size,learning_rate,optimizer,"),
                lines.get(0));
        assertTrue(lines.get(2).startsWith("1,1,0,COMPLETE,0.91,16,"), lines.get(2));

        CliHarness.Result json = cli.run("export", "sst2", "-o", "out/sst2.json");
        assertEquals(0, json.exit(), json.toString());
        assertTrue(json.out().contains("wrote 8 trials of sst2 as json to "), json.out());
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(cli.dir.resolve("out/sst2.json").toFile());
        assertEquals("sst2", doc.path("sweep").path("name").asText());
        assertEquals(8, doc.path("trials").size());
        assertEquals(0.91, doc.path("trials").get(1).path("value").asDouble(), 1e-12);
        assertEquals("adamw", doc.path("trials").get(1).path("params").path("optimizer").asText());
    }

    @Test
    void reportWritesAnHtmlFileAndTheDashboardServesUntilCtrlC() throws Exception {
        CliHarness.Result report = cli.run("report", "sst2", "-o", "reports/sst2.html");
        assertEquals(0, report.exit(), report.toString());
        Path html = cli.dir.resolve("reports/sst2.html");
        assertTrue(report.out().contains("wrote the report of sst2 (8 trials"), report.out());
        String page = java.nio.file.Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 40));
        assertTrue(page.contains("sst2"));

        CliHarness.Capture capture = new CliHarness.Capture();
        java.util.concurrent.CompletableFuture<Integer> server = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> cli.execute(capture, "dashboard", "--port", "0"));
        RunCommandTest.await(() -> capture.out().contains(" at http://"), java.time.Duration.ofSeconds(20), capture);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("at (http://\\S+/)").matcher(capture.out());
        assertTrue(m.find(), capture.out());
        java.net.http.HttpResponse<String> index = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("sst2"), index.body());
        cli.presses.press();
        assertEquals(0, server.get(20, java.util.concurrent.TimeUnit.SECONDS), capture.out() + capture.err());
        assertTrue(capture.out().contains("dashboard stopped"), capture.out());
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
