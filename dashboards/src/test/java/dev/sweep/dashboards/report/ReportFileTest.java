package dev.sweep.dashboards.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweep.dashboards.browser.HeadlessChromium;
import dev.sweep.dashboards.fixtures.Browser;
import dev.sweep.dashboards.fixtures.KnownSweep;
import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.search.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report file itself: static charts without script, parseable data, hostile text kept inert, exports. */
class ReportFileTest {
    private static final Clock CLOCK = Clock.fixed(KnownSweep.T0.plusSeconds(7200), ZoneOffset.UTC);
    @TempDir
    Path dir;

    @Test
    void chartsAreStaticSvgAndTheDataIsCompactJson() throws Exception {
        try (InMemoryResultsStore store = new InMemoryResultsStore()) {
            SweepRecord s = KnownSweep.create(store);
            ReportWriter.Written w = new ReportWriter(CLOCK).write(store, s.id(), dir.resolve("r.html"));
            String html = Files.readString(w.file());
            assertEquals(27, w.trials());
            assertTrue(html.contains("data-x=\"0.001\" data-y=\"32\" data-mean=\"0.9\""),
                    "the heatmap needs no script");
            Matcher m = Pattern.compile("<script type=\"application/json\" id=\"sweep-data\">(.*?)</script>",
                    Pattern.DOTALL).matcher(html);
            assertTrue(m.find());
            JsonNode data = new ObjectMapper().readTree(m.group(1));
            assertEquals(27, data.get("rows").size());
            assertEquals("maximize", data.get("goal").asText());
            assertEquals(27, data.get("curves").get("trials").size(), "every trial that reported, failed ones too");
        }
    }

    @Test
    void hostileTextInTheStoreStaysText() throws Exception {
        String evil = "</script><script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">";
        try (InMemoryResultsStore store = new InMemoryResultsStore();
             HeadlessChromium browser = Browser.start(1200, 900)) {
            SweepRecord s = store.createSweep(new NewSweep("evil " + evil, "name: x\n# " + evil, "h", null, "random",
                    "acc", "maximize", 1, KnownSweep.T0));
            KnownSweep.runComplete(store, s.id(), 0, 0, 0, Map.of("opt", evil, "lr", 0.1), KnownSweep.T0, 0.5);
            KnownSweep.runComplete(store, s.id(), 1, 1, 0, Map.of("opt", "sgd", "lr", 0.2), KnownSweep.T0, 0.6);
            store.addTrial(s.id(), new dev.sweep.results.store.NewTrial(2, 2, 0, Map.of("opt", "sgd", "lr", 0.3), 3),
                    KnownSweep.T0);
            var t = store.claimNext(s.id(), "w", "cpu", KnownSweep.T0, Duration.ofMinutes(1)).orElseThrow();
            store.finish(t.id(), t.attempt(), new dev.sweep.results.store.Finish(TrialState.FAILED, null, Map.of(),
                    null, evil, KnownSweep.T0));
            Path out = new ReportWriter(CLOCK).write(store, s.id(), dir.resolve("evil.html")).file();
            browser.navigate(out.toUri().toString());
            browser.waitFor("window.__sweepReady === true", Duration.ofSeconds(10));
            assertTrue(browser.eval("window.__pwned === undefined").asBoolean(), "no injected script ran");
            assertTrue(browser.eval("document.querySelector('#spec pre').textContent").asText().contains(evil));
            assertTrue(browser.eval("document.getElementById('problems-table').textContent").asText().contains(evil));
            assertEquals(List.of(), browser.pageErrors());
        }
    }

    @Test
    void chartsExportAsStandaloneSvgAndPng() throws Exception {
        try (InMemoryResultsStore store = new InMemoryResultsStore()) {
            SweepRecord s = KnownSweep.create(store);
            ChartExport export = new ChartExport();
            List<Path> svgs = export.svg(new ReportWriter(CLOCK).view(store, s.id()), dir.resolve("charts"), "known");
            assertEquals(List.of("known-heatmap-learning_rate-batch_size.svg", "known-by-optimizer.svg",
                    "known-by-learning_rate.svg", "known-by-batch_size.svg", "known-history.svg", "known-parallel.svg",
                    "known-importance.svg"), svgs.stream().map(p -> p.getFileName().toString()).toList());
            for (Path p : svgs) {
                var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
                assertEquals("svg", doc.getDocumentElement().getTagName());
                assertTrue(Files.readString(p).contains("<style>"), "styles travel with the file");
            }
            if (HeadlessChromium.available(HeadlessChromium.DEFAULT_BINARY)) {
                List<Path> pngs = export.png(svgs.subList(0, 2), HeadlessChromium.DEFAULT_BINARY);
                byte[] head = Files.readAllBytes(pngs.get(0));
                assertEquals((byte) 0x89, head[0]);
                assertEquals('P', head[1]);
                assertFalse(head.length < 5_000, "a real picture, not an empty one");
                Files.createDirectories(Browser.SCREENSHOTS);
                Files.copy(pngs.get(0), Browser.SCREENSHOTS.resolve("export-heatmap.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
