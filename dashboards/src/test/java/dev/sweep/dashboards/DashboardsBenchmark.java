package dev.sweep.dashboards;

import dev.sweep.dashboards.browser.HeadlessChromium;
import dev.sweep.dashboards.live.DashboardServer;
import dev.sweep.dashboards.report.ReportWriter;
import dev.sweep.results.fixtures.SyntheticSweeps;
import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.Finish;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for BENCHMARKS.md (not a test: nothing is asserted).
 * Run: {@code mvn -o -q -pl dashboards test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=DashboardsBenchmark}.
 * Sizes: {@code -Dbench.trials=10000 -Dbench.evals=20 -Dbench.liveTrials=1000 -Dbench.requests=200}.
 */
@Tag("benchmark")
class DashboardsBenchmark {
    private static final int TRIALS = Integer.getInteger("bench.trials", 10_000);
    private static final int EVALS = Integer.getInteger("bench.evals", 20);
    private static final int LIVE_TRIALS = Integer.getInteger("bench.liveTrials", 1_000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 200);

    @TempDir
    Path dir;

    @Test
    void reportOfALargeSweep() throws Exception {
        // H2 in memory: the same SQL read path as a file, without an fsync per generated transaction
        try (H2ResultsStore store = H2ResultsStore.open("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1")) {
            long g0 = System.nanoTime();
            SweepRecord s = SyntheticSweeps.generate(store, "bench", TRIALS, EVALS, 11);
            System.out.printf("generated %d trials x %d evals in H2 (in memory) in %.1f s%n", TRIALS, EVALS,
                    secs(g0));

            long r0 = System.nanoTime();
            List<TrialRecord> trials = store.trials(s.id());
            int points = store.sweepMetrics(s.id()).size();
            double readS = secs(r0);
            System.out.printf("baseline: reading %d trials and %d curve points takes %.2f s%n", trials.size(), points,
                    readS);
            ReportWriter writer = new ReportWriter(Clock.systemUTC());
            for (int run = 1; run <= 2; run++) {
                long w0 = System.nanoTime();
                ReportWriter.Written w = writer.write(store, s.id(), dir.resolve("bench-" + run + ".html"));
                double t = secs(w0);
                System.out.printf("report run %d: %.2f s (%.1fx the raw read), %.1f MiB%n", run, t, t / readS,
                        w.bytes() / 1048576.0);
            }
            long v0 = System.nanoTime();
            writer.view(store, s.id());
            System.out.printf("  of which reading + aggregates (no HTML): %.2f s%n", secs(v0));
            if (HeadlessChromium.available(HeadlessChromium.DEFAULT_BINARY)) {
                try (HeadlessChromium b = HeadlessChromium.start(HeadlessChromium.DEFAULT_BINARY, 1400, 1000,
                        Duration.ofSeconds(120))) {
                    long l0 = System.nanoTime();
                    b.navigate(dir.resolve("bench-2.html").toUri().toString());
                    b.waitFor("window.__sweepReady === true", Duration.ofSeconds(120));
                    System.out.printf("Chromium: page loaded and script ready in %.2f s%n", secs(l0));
                    long s0 = System.nanoTime();
                    b.eval("document.querySelector('#lb th[data-key=\"learning_rate\"]').click()");
                    System.out.printf("Chromium: re-sorting the %d-row leaderboard took %.0f ms%n", TRIALS,
                            secs(s0) * 1000);
                }
            }
        }
    }

    @Test
    void snapshotLatencyWhileTheOrchestratorWrites() throws Exception {
        Path db = dir.resolve("live");
        try (H2ResultsStore writer = H2ResultsStore.open(db); H2ResultsStore reader = H2ResultsStore.open(db)) {
            SweepRecord s = SyntheticSweeps.generate(writer, "live", LIVE_TRIALS, EVALS, 5);
            DashboardServer.Options opts = DashboardServer.Options.defaults().withPort(0);
            try (DashboardServer server = DashboardServer.start(reader, opts, Clock.systemUTC())) {
                URI snapshot = server.uri().resolve("/api/sweeps/" + s.id() + "/snapshot");
                HttpClient http = HttpClient.newHttpClient();
                for (int i = 0; i < 20; i++) {
                    http.send(HttpRequest.newBuilder(snapshot).build(), HttpResponse.BodyHandlers.ofString());
                }
                double[] idle = measure(http, snapshot, REQUESTS);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger written = new AtomicInteger();
                Thread orchestrator = new Thread(() -> writeTrials(writer, s.id(), LIVE_TRIALS + 1, stop, written),
                        "bench-writer");
                orchestrator.start();
                long t0 = System.nanoTime();
                double[] busy = measure(http, snapshot, REQUESTS);
                double seconds = secs(t0);
                stop.set(true);
                orchestrator.join();
                System.out.printf("snapshot of a %d-trial sweep, %d requests each (charts version sent back as a "
                        + "browser does)%n", LIVE_TRIALS, REQUESTS);
                System.out.printf("  idle:    p50 %.1f ms, p95 %.1f ms%n", pct(idle, 50), pct(idle, 95));
                System.out.printf("  writing: p50 %.1f ms, p95 %.1f ms (%.2fx / %.2fx idle), writer finished %d "
                        + "trials (%d evals each) in %.1f s meanwhile%n", pct(busy, 50), pct(busy, 95),
                        pct(busy, 50) / pct(idle, 50), pct(busy, 95) / pct(idle, 95), written.get(), EVALS, seconds);
            }
        }
    }

    /** Requests the snapshot {@code n} times, passing back the charts version as the page does; ms each. */
    private static double[] measure(HttpClient http, URI snapshot, int n) throws Exception {
        double[] ms = new double[n];
        String version = "";
        Pattern p = Pattern.compile("\"chartsVersion\":\"([^\"]+)\"");
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(snapshot + "?charts=" + version))
                    .build(), HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("snapshot answered " + r.statusCode() + ": " + r.body());
            }
            Matcher m = p.matcher(r.body());
            if (m.find()) {
                version = m.group(1);
            }
        }
        return ms;
    }

    /** The orchestrator's writes: one trial after another, each with its evaluations, until stopped. */
    private static void writeTrials(ResultsStore store, long sweepId, int first, AtomicBoolean stop,
                                    AtomicInteger written) {
        for (int n = first; !stop.get(); n++) {
            Instant at = Instant.now();
            store.addTrial(sweepId, new NewTrial(n, n, 0, Map.of("learning_rate", 5e-5, "batch_size", 32L,
                    "optimizer", "adamw", "dropout", 0.1, "warmup_ratio", 0.0), n), at);
            TrialRecord t = store.claimNext(sweepId, "worker-" + n % 4, "cuda:" + n % 4, at, Duration.ofMinutes(5))
                    .orElseThrow();
            for (int e = 1; e <= EVALS && !stop.get(); e++) {
                store.recordProgress(t.id(), t.attempt(), e, Map.of("val_accuracy", 0.8 + e * 0.005, "val_loss",
                        0.5 - e * 0.01, "train_loss", 0.6 - e * 0.01), Instant.now());
            }
            store.finish(t.id(), t.attempt(), new Finish(TrialState.COMPLETE, 0.9, Map.of("val_accuracy", 0.9),
                    null, null, Instant.now()));
            written.incrementAndGet();
        }
    }

    private static double pct(double[] xs, int p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
