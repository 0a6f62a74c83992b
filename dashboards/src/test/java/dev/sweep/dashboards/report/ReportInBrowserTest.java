package dev.sweep.dashboards.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweep.dashboards.browser.HeadlessChromium;
import dev.sweep.dashboards.fixtures.Browser;
import dev.sweep.dashboards.fixtures.KnownSweep;
import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of {@link KnownSweep} in headless Chromium and checks, in the DOM after the page's script
 * ran, what a person would see: the numbers in the heatmap, the leaderboard's order, the error bars' extent,
 * the curves, the history, the failed trials, and that nothing is fetched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportInBrowserTest {
    @TempDir
    static Path dir;
    private InMemoryResultsStore store;
    private SweepRecord sweep;
    private HeadlessChromium browser;
    private Path report;

    @BeforeAll
    void render() throws Exception {
        browser = Browser.start(1400, 1000);
        store = new InMemoryResultsStore();
        sweep = KnownSweep.create(store);
        report = dir.resolve("known.html");
        new ReportWriter(Clock.fixed(KnownSweep.T0.plusSeconds(7200), ZoneOffset.UTC)).write(store, sweep.id(), report);
        browser.navigate(report.toUri().toString());
        browser.waitFor("window.__sweepReady === true", Duration.ofSeconds(10));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private int bestNumber() {
        return store.trials(sweep.id()).stream()
                .filter(t -> t.params().get("learning_rate").equals(1e-3) && t.params().get("batch_size").equals(32L)
                        && t.params().get("optimizer").equals("adamw") && t.repeat() == 1)
                .mapToInt(TrialRecord::number).findFirst().orElseThrow();
    }

    @Test
    void heatmapCellShowsMeanStdAndCountAndTheBestCellIsMarked() throws Exception {
        JsonNode cell = browser.eval("(() => { const g = document.querySelector("
                + "'#heatmaps > div:not([hidden]) g.cell[data-x=\"0.001\"][data-y=\"32\"]'); if (!g) return null;"
                + " const r = g.getBoundingClientRect(); return {mean: +g.dataset.mean, std: +g.dataset.std,"
                + " n: +g.dataset.n, best: g.classList.contains('best'),"
                + " main: g.querySelector('.cell-mean').textContent,"
                + " sub: g.querySelector('.cell-sub').textContent, w: r.width, h: r.height,"
                + " bests: document.querySelectorAll('#heatmaps > div:not([hidden]) g.cell.best').length}; })()");
        assertFalse(cell.isNull(), "the visible heatmap has a cell for learning_rate=0.001, batch_size=32");
        assertEquals(KnownSweep.CELL_MEAN, cell.get("mean").asDouble(), 1e-9);
        assertEquals(KnownSweep.CELL_STD, cell.get("std").asDouble(), 1e-9);
        assertEquals(KnownSweep.CELL_N, cell.get("n").asInt());
        assertEquals("★ 0.9", cell.get("main").asText(), "the cell reads its mean, starred as best");
        assertEquals("±0.013 · n=4", cell.get("sub").asText());
        assertTrue(cell.get("best").asBoolean());
        assertEquals(1, cell.get("bests").asInt(), "exactly one best cell");
        assertTrue(cell.get("w").asDouble() > 50 && cell.get("h").asDouble() > 25, "the cell is drawn large enough"
                + " to read: " + cell);
    }

    @Test
    void choosingOtherHeatmapAxesShowsThatPair() throws Exception {
        browser.eval("(() => { const x = document.getElementById('hm-x'), y = document.getElementById('hm-y');"
                + " x.value = 'optimizer'; x.dispatchEvent(new Event('change'));"
                + " y.value = 'batch_size'; y.dispatchEvent(new Event('change')); })()");
        JsonNode cell = browser.eval("(() => { const d = [...document.querySelectorAll('#heatmaps > div')]"
                + ".filter(d => !d.hidden); const g = d[0].querySelector('g.cell[data-x=\"32\"][data-y=\"adamw\"]')"
                + " || d[0].querySelector('g.cell[data-x=\"adamw\"][data-y=\"32\"]');"
                + " return {shown: d.length, mean: +g.dataset.mean, n: +g.dataset.n}; })()");
        List<Double> values = store.trials(sweep.id()).stream()
                .filter(t -> t.value() != null && t.params().get("batch_size").equals(32L)
                        && t.params().get("optimizer").equals("adamw")).map(TrialRecord::value).toList();
        assertEquals(1, cell.get("shown").asInt(), "one heatmap at a time");
        assertEquals(6, cell.get("n").asInt());
        assertEquals(KnownSweep.meanStd(values)[0], cell.get("mean").asDouble(), 1e-9);
        browser.eval("(() => { const x = document.getElementById('hm-x'), y = document.getElementById('hm-y');"
                + " x.value = 'learning_rate'; x.dispatchEvent(new Event('change'));"
                + " y.value = 'batch_size'; y.dispatchEvent(new Event('change')); })()");
    }

    @Test
    void leaderboardStartsWithTheBestTrialAndSortsByAnyColumn() throws Exception {
        JsonNode first = browser.eval("(() => { const r = document.querySelector('#lb tbody tr');"
                + " return {trial: +r.dataset.trial, value: r.querySelector('.metric-value').textContent,"
                + " rows: document.querySelectorAll('#lb tbody tr').length,"
                + " pager: document.getElementById('lb-pager').textContent}; })()");
        assertEquals(bestNumber(), first.get("trial").asInt());
        assertEquals("0.915", first.get("value").asText());
        assertEquals(25, first.get("rows").asInt(), "25 rows per page");
        assertTrue(first.get("pager").asText().contains("page 1 of 2 · 27 trials"), first.get("pager").asText());

        browser.eval("document.querySelector('#lb th[data-key=\"number\"]').click()");
        assertEquals(0, browser.eval("+document.querySelector('#lb tbody tr').dataset.trial").asInt());
        browser.eval("document.querySelector('#lb th[data-key=\"number\"]').click()");
        assertEquals(26, browser.eval("+document.querySelector('#lb tbody tr').dataset.trial").asInt());
        browser.eval("(() => { const s = document.getElementById('lb-state'); s.value = 'FAILED';"
                + " s.dispatchEvent(new Event('change')); })()");
        assertEquals(List.of(24), numbers(browser.eval("[...document.querySelectorAll('#lb tbody tr')]"
                + ".map(r => +r.dataset.trial)")));
        browser.eval("(() => { const s = document.getElementById('lb-state'); s.value = '';"
                + " s.dispatchEvent(new Event('change'));"
                + " document.querySelector('#lb th[data-key=\"rank\"]').click(); })()");
        assertEquals(bestNumber(), browser.eval("+document.querySelector('#lb tbody tr').dataset.trial").asInt());
    }

    @Test
    void optimizerBarsHaveErrorBarsOfOneStandardDeviationOnTheAxis() throws Exception {
        for (String opt : KnownSweep.OPTIMIZERS) {
            List<Double> values = store.trials(sweep.id()).stream()
                    .filter(t -> t.value() != null && t.params().get("optimizer").equals(opt))
                    .map(TrialRecord::value).toList();
            double[] ms = KnownSweep.meanStd(values);
            JsonNode bar = browser.eval("(() => { const svg = document.querySelector("
                    + "'#comparisons > div[data-param=\"optimizer\"] svg'); const g = svg.querySelector("
                    + "'g.bar[data-label=\"" + opt + "\"]'); const ticks = [...svg.querySelectorAll('.axis-y .tick')]"
                    + ".map(t => [+t.dataset.value, +t.dataset.pos]); return {ticks, n: +g.dataset.n,"
                    + " lo: +g.querySelector('.err-lo').getAttribute('y1'), hi: +g.querySelector('.err-hi')"
                    + ".getAttribute('y1'), top: +g.querySelector('.bar-rect').getAttribute('y'),"
                    + " label: g.querySelector('.bar-value').textContent,"
                    + " visible: svg.getBoundingClientRect().height > 0}; })()");
            assertTrue(bar.get("visible").asBoolean(), "the optimizer comparison is shown");
            assertEquals(values.size(), bar.get("n").asInt());
            JsonNode t0 = bar.get("ticks").get(0);
            JsonNode t1 = bar.get("ticks").get(bar.get("ticks").size() - 1);
            double v0 = t0.get(0).asDouble();
            double p0 = t0.get(1).asDouble();
            double perPixel = (t1.get(0).asDouble() - v0) / (t1.get(1).asDouble() - p0);
            java.util.function.DoubleUnaryOperator valueAt = px -> v0 + (px - p0) * perPixel;
            double tolerance = Math.abs(perPixel) * 0.6;
            assertEquals(ms[0] - ms[1], valueAt.applyAsDouble(bar.get("lo").asDouble()), tolerance, opt + " lower cap");
            assertEquals(ms[0] + ms[1], valueAt.applyAsDouble(bar.get("hi").asDouble()), tolerance, opt + " upper cap");
            assertEquals(ms[0], valueAt.applyAsDouble(bar.get("top").asDouble()), tolerance, opt + " bar height");
            assertEquals(dev.sweep.dashboards.svg.Fmt.num(ms[0]), bar.get("label").asText());
        }
    }

    @Test
    void curvesOverlayTheSelectedTrials() throws Exception {
        browser.eval("document.getElementById('curve-top').click()");
        JsonNode c = browser.eval("(() => ({ a: document.querySelectorAll('#curve-a path.curve').length,"
                + " train: document.querySelectorAll('#curve-a path.curve.train').length,"
                + " b: [...document.querySelectorAll('#curve-b path.curve')].map(p => ({t: +p.dataset.trial,"
                + " m: p.dataset.metric, last: +p.dataset.last, n: +p.dataset.points}))}))()");
        assertEquals(10, c.get("a").asInt(), "train and val loss for each of the top five trials");
        assertEquals(5, c.get("train").asInt());
        assertEquals(5, c.get("b").size());
        JsonNode best = c.get("b").get(0);
        assertEquals(bestNumber(), best.get("t").asInt());
        assertEquals("val_accuracy", best.get("m").asText());
        assertEquals(KnownSweep.BEST_VALUE, best.get("last").asDouble(), 1e-6);
        assertEquals(KnownSweep.STEPS, best.get("n").asInt());

        browser.eval("(() => { const i = document.getElementById('curve-trials'); i.value = '0, 25';"
                + " i.dispatchEvent(new Event('change')); })()");
        List<Integer> shown = numbers(browser.eval("[...document.querySelectorAll('#curve-b path.curve')]"
                + ".map(p => +p.dataset.trial)"));
        assertEquals(List.of(0, 25), shown, "a pruned trial's partial curve can be overlaid too");
        assertEquals(4, browser.eval("+document.querySelector('#curve-b path.curve[data-trial=\"25\"]')"
                + ".dataset.points").asInt(), "the pruned trial reported 4 steps");
    }

    @Test
    void historyMarksTheBestTrialAndDrawsEveryFinishedValue() throws Exception {
        JsonNode h = browser.eval("(() => ({ dots: document.querySelectorAll('#history g.dots circle.dot').length,"
                + " pruned: document.querySelectorAll('#history g.dots circle.dot.pruned').length,"
                + " best: +document.querySelector('#history .best-marker').dataset.trial,"
                + " line: !!document.querySelector('#history path.best-line') }))()");
        assertEquals(25, h.get("dots").asInt(), "24 complete trials and the pruned one");
        assertEquals(1, h.get("pruned").asInt());
        assertEquals(bestNumber(), h.get("best").asInt());
        assertTrue(h.get("line").asBoolean());
        JsonNode imp = browser.eval("[...document.querySelectorAll('#importance g.ibar')].map(g => g.dataset.param)");
        assertEquals("learning_rate", imp.get(0).asText(), "learning rate explains most of the variance");
        assertEquals(24, browser.eval("document.querySelectorAll('#parallel polyline.pline').length").asInt());
    }

    @Test
    void failedPrunedAndDivergedTrialsAreListedWithReasonsAndStopSteps() throws Exception {
        JsonNode rows = browser.eval("[...document.querySelectorAll('#problems-table tbody tr')].map(r => ({"
                + " t: +r.dataset.trial, s: r.dataset.state, cells: [...r.cells].map(c => c.textContent)}))");
        assertEquals(3, rows.size());
        assertEquals("FAILED", rows.get(0).get("s").asText());
        assertTrue(rows.get(0).get("cells").get(5).asText().contains("exit code 137"));
        assertEquals("PRUNED", rows.get(1).get("s").asText());
        assertEquals("400", rows.get(1).get("cells").get(2).asText(), "the pruned trial stopped at step 400");
        assertEquals("DIVERGED", rows.get(2).get("s").asText());
        assertEquals("100", rows.get(2).get("cells").get(2).asText());
        assertTrue(rows.get(2).get("cells").get(5).asText().contains("NaN"));
    }

    @Test
    void specProvenanceAndNoExternalFetch() throws Exception {
        assertTrue(browser.eval("document.querySelector('#spec pre').textContent").asText()
                .contains("learning_rate: {values: [1.0e-4, 1.0e-3, 1.0e-2]}"));
        assertTrue(browser.eval("document.getElementById('provenance-table').textContent").asText()
                .contains("all-minilm-l6-v2"));
        assertEquals(0, browser.eval("document.querySelectorAll('script[src], link[href], img[src], iframe,"
                + " object, embed').length").asInt(), "nothing loads from elsewhere");
        assertEquals(0, browser.eval("performance.getEntriesByType('resource').length").asInt(),
                "the page fetched nothing");
        assertEquals(List.of(), browser.pageErrors());
        String html = Files.readString(report);
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "no external references in the file");
    }

    @Test
    void screenshotsReadWell() throws Exception {
        browser.eval("document.getElementById('curve-top').click()");
        Path shots = Browser.SCREENSHOTS;
        browser.screenshot(shots.resolve("report-known-sweep.png"));
        browser.screenshotElement("#heatmap", shots.resolve("report-heatmap.png"));
        browser.screenshotElement("#compare", shots.resolve("report-optimizer-bars.png"));
        browser.screenshotElement("#curves", shots.resolve("report-curves.png"));
        assertTrue(Files.size(shots.resolve("report-known-sweep.png")) > 50_000);
        assertTrue(Files.size(shots.resolve("report-heatmap.png")) > 5_000);
    }

    private static List<Integer> numbers(JsonNode array) {
        List<Integer> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
