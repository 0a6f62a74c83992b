package dev.sweep.dashboards.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweep.dashboards.fixtures.KnownSweep;
import dev.sweep.dashboards.view.ReadOnlyStore;
import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.SweepRecord;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's HTTP surface: pages, JSON, read-only, loopback only. */
class DashboardServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private InMemoryResultsStore store;
    private SweepRecord sweep;
    private DashboardServer server;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryResultsStore();
        sweep = KnownSweep.create(store);
        server = DashboardServer.start(store, DashboardServer.Options.defaults().withPort(0)
                .withChartsRefresh(Duration.ZERO), Clock.fixed(KnownSweep.T0.plusSeconds(3600), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void indexListsSweepsAndLinksToTheirPages() throws Exception {
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("href=\"/sweeps/known-raster\""));
        JsonNode list = json.readTree(get("/api/sweeps").body());
        assertEquals("known-raster", list.get(0).get("name").asText());
        assertEquals(24, list.get(0).get("counts").get("COMPLETE").asInt());
        HttpResponse<String> page = get("/sweeps/known-raster");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("\"mode\":\"live\""));
        assertEquals(page.body(), get("/sweeps/" + sweep.id()).body(), "by id too");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("connect-src 'self'"));
    }

    @Test
    void snapshotLeavesOutChartsTheClientAlreadyHas() throws Exception {
        JsonNode full = json.readTree(get("/api/sweeps/" + sweep.id() + "/snapshot").body());
        assertEquals(27, full.get("rows").size());
        assertTrue(full.get("fragments").has("history"));
        String version = full.get("chartsVersion").asText();
        JsonNode again = json.readTree(get("/api/sweeps/" + sweep.id() + "/snapshot?charts=" + version).body());
        assertFalse(again.get("fragments").has("history"), "unchanged charts are not resent");
        assertTrue(again.get("fragments").has("summary"));

        store.addTrial(sweep.id(), new NewTrial(27, 27, 0, KnownSweep.params(1e-3, 32, "adamw"), 5), Instant.now());
        JsonNode waiting = json.readTree(get("/api/sweeps/" + sweep.id() + "/snapshot?charts=" + version).body());
        assertEquals(28, waiting.get("rows").size());
        assertEquals(version, waiting.get("chartsVersion").asText(), "a waiting trial changes no chart");
        KnownSweep.runComplete(store, sweep.id(), 28, 28, 0, KnownSweep.params(1e-3, 32, "adamw"), Instant.now(), 0.5);
        JsonNode done = null;
        for (int i = 0; i < 100 && (done == null || !done.get("fragments").has("history")); i++) {
            Thread.sleep(50);
            done = json.readTree(get("/api/sweeps/" + sweep.id() + "/snapshot?charts=" + version).body());
        }
        assertTrue(done.get("fragments").has("history"), "a finished trial changes the charts (recomputed in the"
                + " background, so within a few polls)");
        assertTrue(!done.get("chartsVersion").asText().equals(version));
    }

    @Test
    void curvesOfSelectedTrials() throws Exception {
        JsonNode c = json.readTree(get("/api/sweeps/" + sweep.id() + "/curves?trials=3,25,999,x").body());
        assertEquals(3, c.get("metrics").size());
        assertEquals(2, c.get("trials").size(), "unknown trials are skipped");
        int val = 0;
        for (int i = 0; i < c.get("metrics").size(); i++) {
            if (c.get("metrics").get(i).asText().equals("val_accuracy")) {
                val = i;
            }
        }
        JsonNode curve = c.get("trials").get("3").get(val);
        assertEquals(KnownSweep.STEPS, curve.get(0).size());
        assertEquals(1000, curve.get(0).get(KnownSweep.STEPS - 1).asInt());
    }

    @Test
    void refusesWritesForeignHostsAndUnknownPaths() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/sweeps"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals(404, get("/sweeps/nope").statusCode());
        assertEquals(404, get("/api/sweeps/999/snapshot").statusCode());
        assertEquals(404, get("/etc/passwd").statusCode());
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 403"), reply);
        }
    }

    @Test
    void theStoreItServesIsNeverWritten() {
        ReadOnlyStore ro = new ReadOnlyStore(store);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> ro.addTrial(sweep.id(), new NewTrial(99, 99, 0, Map.of(), 1), Instant.now()));
        assertEquals("the dashboard only reads the results store, so addTrial is refused", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> ro.inTransaction(() -> 1));
        assertEquals(27, ro.trials(sweep.id()).size());
    }

    @Test
    void reportEndpointServesTheOfflineReport() throws Exception {
        HttpResponse<String> r = get("/api/sweeps/" + sweep.id() + "/report");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"mode\":\"report\""));
        assertTrue(URI.create(server.uri().toString()).getHost().equals("127.0.0.1"));
    }
}
