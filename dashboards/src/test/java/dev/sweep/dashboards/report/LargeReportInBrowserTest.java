package dev.sweep.dashboards.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweep.dashboards.browser.HeadlessChromium;
import dev.sweep.dashboards.fixtures.Browser;
import dev.sweep.results.fixtures.SyntheticSweeps;
import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1,000-trial sweep: the report stays paginated, downsampled and readable. */
class LargeReportInBrowserTest {
    @TempDir
    Path dir;

    @Test
    void thousandTrialsRenderPaginatedWithEveryChart() throws Exception {
        try (InMemoryResultsStore store = new InMemoryResultsStore();
             HeadlessChromium browser = Browser.start(1400, 1000)) {
            SweepRecord s = SyntheticSweeps.generate(store, "big", 1000, 20, 7);
            ReportWriter.Written w = new ReportWriter(Clock.fixed(SyntheticSweeps.START.plusSeconds(86_400),
                    ZoneOffset.UTC)).write(store, s.id(), dir.resolve("big.html"));
            long t0 = System.nanoTime();
            browser.navigate(w.file().toUri().toString());
            browser.waitFor("window.__sweepReady === true", Duration.ofSeconds(30));
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("1000-trial report: %d KiB, written in %d ms, loaded in %d ms%n", w.bytes() / 1024,
                    w.took().toMillis(), loadMs);

            List<TrialRecord> trials = store.trials(s.id());
            long complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
            long pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).count();
            JsonNode page = browser.eval("(() => ({ rows: document.querySelectorAll('#lb tbody tr').length,"
                    + " pager: document.getElementById('lb-pager').textContent,"
                    + " cells: document.querySelectorAll('#heatmaps > div:not([hidden]) g.cell').length,"
                    + " axes: [...document.querySelectorAll('#heatmaps > div:not([hidden])')].map(d => d.dataset.x"
                    + " + '×' + d.dataset.y)[0],"
                    + " dots: document.querySelectorAll('#history g.dots circle').length,"
                    + " lines: document.querySelectorAll('#parallel polyline').length,"
                    + " curves: document.querySelectorAll('#curve-b path.curve').length,"
                    + " first: +document.querySelector('#lb tbody tr').dataset.trial }))()");
            assertEquals(25, page.get("rows").asInt());
            assertTrue(page.get("pager").asText().contains("page 1 of 40"), page.get("pager").asText());
            assertEquals("learning_rate×batch_size", page.get("axes").asText());
            assertEquals(21, page.get("cells").asInt(), "7 learning rates × 3 batch sizes");
            assertEquals(complete + pruned, page.get("dots").asInt());
            assertEquals(complete, page.get("lines").asInt());
            assertEquals(5, page.get("curves").asInt(), "only the selected trials are overlaid");
            TrialRecord best = trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
                    .max(java.util.Comparator.comparingDouble(TrialRecord::value)).orElseThrow();
            assertEquals(best.number(), page.get("first").asInt());
            // a binned pair: dropout has many distinct values
            browser.eval("(() => { const x = document.getElementById('hm-x'), y = document.getElementById('hm-y');"
                    + " x.value = 'dropout'; x.dispatchEvent(new Event('change'));"
                    + " y.value = 'optimizer'; y.dispatchEvent(new Event('change')); })()");
            JsonNode binned = browser.eval("(() => { const d = [...document.querySelectorAll('#heatmaps > div')]"
                    + ".find(d => !d.hidden); return {cells: d.querySelectorAll('g.cell').length,"
                    + " n: [...d.querySelectorAll('g.cell')].reduce((a, g) => a + +g.dataset.n, 0)}; })()");
            assertEquals(18, binned.get("cells").asInt(), "6 dropout bins × 3 optimizers");
            assertEquals(complete, binned.get("n").asInt(), "every complete trial falls in one bin");
            assertEquals(List.of(), browser.pageErrors());
            browser.screenshot(Browser.SCREENSHOTS.resolve("report-1000-trials.png"));
        }
    }
}
