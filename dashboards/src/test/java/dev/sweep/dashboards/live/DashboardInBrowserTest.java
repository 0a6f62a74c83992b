package dev.sweep.dashboards.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweep.dashboards.browser.HeadlessChromium;
import dev.sweep.dashboards.fixtures.Browser;
import dev.sweep.dashboards.fixtures.KnownSweep;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.Finish;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in headless Chromium while the test writes to the results database through another store
 * (the orchestrator's role): the page must follow trial states, worker occupancy, curves and the best so far.
 */
class DashboardInBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SPEC = """
            name: live-sweep
            method: random
            metric: {name: val_accuracy, goal: maximize}
            run_cap: 10
            parameters:
              learning_rate: {distribution: log_uniform_values, min: 1.0e-5, max: 1.0e-2}
              batch_size: {values: [16, 32]}
            """;

    @TempDir
    Path dir;

    @Test
    void pageFollowsTheOrchestratorsWrites() throws Exception {
        Path db = dir.resolve("results");
        Instant t0 = Instant.now().minusSeconds(600);
        try (H2ResultsStore writer = H2ResultsStore.open(db);
             H2ResultsStore reader = H2ResultsStore.open(db);
             HeadlessChromium browser = Browser.start(1400, 1000)) {
            SweepRecord sweep = writer.createSweep(new NewSweep("live-sweep", SPEC, "abc", "sweeps/live.yaml",
                    "random", "val_accuracy", "maximize", 7, t0));
            writer.setSweepState(sweep.id(), SweepState.RUNNING, null, t0);
            double[] lrs = {1e-4, 3e-4, 1e-3};
            double[] values = {0.81, 0.86, 0.84};
            for (int i = 0; i < 3; i++) {
                KnownSweep.runComplete(writer, sweep.id(), i, i, 0, KnownSweep.params(lrs[i], 16 + 16L * (i % 2),
                        "adamw"), t0.plusSeconds(60L * i), values[i]);
            }
            writer.addTrial(sweep.id(), new NewTrial(3, 3, 0, Map.of("learning_rate", 2e-3, "batch_size", 32L), 3), t0);
            TrialRecord running = writer.claimNext(sweep.id(), "worker-1", "cuda:1", Instant.now(),
                    Duration.ofMinutes(5)).orElseThrow();
            for (int s = 1; s <= 3; s++) {
                writer.recordProgress(running.id(), running.attempt(), s * 100L, KnownSweep.point(0.9, s, 10),
                        Instant.now());
            }

            DashboardServer.Options opts = DashboardServer.Options.defaults().withPort(0)
                    .withPoll(Duration.ofMillis(250)).withChartsRefresh(Duration.ofMillis(500));
            try (DashboardServer server = DashboardServer.start(reader, opts, Clock.systemUTC())) {
                assertEquals("127.0.0.1", server.uri().getHost(), "binds the loopback address by default");
                browser.navigate(server.uri().resolve("/sweeps/live-sweep").toString());
                browser.waitFor("window.__sweepReady === true", WAIT);
                assertEquals(3, count(browser, "COMPLETE"));
                assertEquals(1, count(browser, "RUNNING"));
                assertEquals(1, browser.eval("+document.querySelector('#sum-best').dataset.trial").asInt());
                assertEquals("3", browser.eval("document.querySelector('#workers-table tr[data-worker=\"worker-1\"]')"
                        + ".dataset.trial").asText());
                assertTrue(browser.eval("document.getElementById('sum-eta').textContent").asText().matches(
                        "\\d+(h|m|s).*"), "an ETA from the completed-trial rate and run_cap");

                // follow the running trial's curve while it reports more steps
                browser.eval("(() => { const i = document.getElementById('curve-trials'); i.value = '3';"
                        + " i.dispatchEvent(new Event('change')); })()");
                browser.waitFor("(document.querySelector('#curve-b path.curve[data-trial=\"3\"]') || {dataset: {}})"
                        + ".dataset.points === '3'", WAIT);
                for (int s = 4; s <= 6; s++) {
                    writer.recordProgress(running.id(), running.attempt(), s * 100L, KnownSweep.point(0.9, s, 10),
                            Instant.now());
                }
                browser.waitFor("(document.querySelector('#curve-b path.curve[data-trial=\"3\"]') || {dataset: {}})"
                        + ".dataset.points === '6'", WAIT);
                browser.waitFor("document.querySelector('#workers-table tr[data-worker=\"worker-1\"]')"
                        + ".cells[4].textContent === '600'", WAIT);

                // the running trial finishes as the new best: summary, leaderboard and history follow
                writer.finish(running.id(), running.attempt(), new Finish(TrialState.COMPLETE, 0.9,
                        Map.of("val_accuracy", 0.9), null, null, Instant.now()));
                browser.waitFor("document.querySelector('#sum-best').dataset.trial === '3'", WAIT);
                assertEquals(3, browser.eval("+document.querySelector('#lb tbody tr').dataset.trial").asInt());
                assertEquals(3, browser.eval("+document.querySelector('#history .best-marker').dataset.trial")
                        .asInt());
                assertEquals(4, count(browser, "COMPLETE"));
                assertEquals(0, count(browser, "RUNNING"));

                // a new trial starts on the other worker
                writer.addTrial(sweep.id(), new NewTrial(4, 4, 0, Map.of("learning_rate", 5e-4, "batch_size", 16L),
                        4), Instant.now());
                writer.claimNext(sweep.id(), "worker-0", "cuda:0", Instant.now(), Duration.ofMinutes(5)).orElseThrow();
                browser.waitFor("(document.querySelector('#workers-table tr[data-worker=\"worker-0\"]') || "
                        + "{dataset: {}}).dataset.trial === '4'", WAIT);
                JsonNode occ = browser.eval("[...document.querySelectorAll('.occ .dev')].map(d => d.dataset.device"
                        + " + ':' + d.dataset.busy + '/' + d.dataset.slots)");
                assertEquals(List.of("cuda:0:1/1", "cuda:1:0/1"), List.of(occ.get(0).asText(), occ.get(1).asText()));
                assertTrue(browser.eval("window.__sweepPolls").asInt() >= 3);
                assertEquals(List.of(), browser.pageErrors());
                browser.screenshot(Browser.SCREENSHOTS.resolve("dashboard-live.png"));
            }
        }
    }

    private static int count(HeadlessChromium browser, String state) throws InterruptedException {
        JsonNode n = browser.eval("(() => { const c = document.querySelector('.chips [data-state=\"" + state
                + "\"]'); return c ? +c.dataset.count : 0; })()");
        return n.asInt();
    }
}
