package dev.sweep.dashboards.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sweep.dashboards.page.PageRenderer;
import dev.sweep.dashboards.view.ReadOnlyStore;
import dev.sweep.dashboards.view.SweepAnalyzer;
import dev.sweep.dashboards.view.SweepViews;
import dev.sweep.results.store.ResultsStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: a read-only HTTP server (the JDK's) over a results store. It never writes to the store
 * (every call goes through {@link ReadOnlyStore}); give it a store opened for reading, in its own connection
 * or process, while the orchestrator writes. Binds 127.0.0.1 unless told otherwise, and answers only requests whose
 * Host header names that address, localhost or the configured host (so a web page elsewhere cannot reach it
 * through DNS rebinding).
 *
 * <pre>
 *   GET /                               the sweeps, with links
 *   GET /sweeps/{name or id}            the live page of one sweep (polls the snapshot)
 *   GET /api/sweeps                     the sweeps as JSON
 *   GET /api/sweeps/{id}/snapshot       trials, progress, occupancy, ETA and chart fragments as JSON
 *                                         (?charts=version leaves out the charts when they did not change)
 *   GET /api/sweeps/{id}/curves?trials=3,7   curves of some trials
 *   GET /api/sweeps/{id}/report         the offline report of the sweep as it is now
 * </pre>
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

    /**
     * Where to listen (port 0 picks a free port), how often the page polls, how many request threads, and how
     * often at most the charts are recomputed (in the background) while trials keep finishing.
     */
    public record Options(String host, int port, Duration poll, int threads, Duration chartsRefresh) {
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 8765;

        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("0 <= port <= 65535 must hold, but got port=" + port);
            }
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("the poll interval must be positive, but got " + poll);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads >= 1 must hold, but got threads=" + threads);
            }
            if (chartsRefresh.isNegative()) {
                throw new IllegalArgumentException("chartsRefresh must not be negative, but got " + chartsRefresh);
            }
        }

        /** 127.0.0.1:8765, polling every 3 s, 4 threads, charts recomputed at most every 5 s. */
        public static Options defaults() {
            return new Options(DEFAULT_HOST, DEFAULT_PORT, Duration.ofSeconds(3), 4, Duration.ofSeconds(5));
        }

        public Options withPort(int p) {
            return new Options(host, p, poll, threads, chartsRefresh);
        }

        public Options withHost(String h) {
            return new Options(h, port, poll, threads, chartsRefresh);
        }

        public Options withPoll(Duration d) {
            return new Options(host, port, d, threads, chartsRefresh);
        }

        public Options withChartsRefresh(Duration d) {
            return new Options(host, port, poll, threads, d);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ExecutorService charts;
    private final Set<String> allowedHosts;

    private DashboardServer(HttpServer server, ExecutorService executor, ExecutorService charts,
                            Set<String> allowedHosts) {
        this.server = server;
        this.executor = executor;
        this.charts = charts;
        this.allowedHosts = allowedHosts;
    }

    /** Starts serving {@code store} (which it only reads) and returns at once; {@link #close()} stops it. */
    public static DashboardServer start(ResultsStore store, Options options, Clock clock) throws IOException {
        Objects.requireNonNull(store, "store");
        HttpServer http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "dashboard-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), tf);
        ExecutorService charts = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dashboard-charts");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        Set<String> hosts = Set.copyOf(java.util.List.of("127.0.0.1", "localhost", "[::1]",
                options.host().toLowerCase(Locale.ROOT)));
        DashboardServer s = new DashboardServer(http, pool, charts, hosts);
        Routes routes = new Routes(new ReadOnlyStore(store), new SweepViews(clock, new SweepAnalyzer()),
                new PageRenderer(), options.poll(), options.chartsRefresh(), charts, clock);
        http.createContext("/", ex -> s.handle(ex, routes));
        http.start();
        LOG.info("dashboard listening on {}", s.uri());
        return s;
    }

    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex, Routes routes) throws IOException {
        try (ex) {
            String host = hostOf(ex.getRequestHeaders().getFirst("Host"));
            if (host == null || !allowedHosts.contains(host)) {
                send(ex, 403, "text/plain", "the dashboard answers only requests addressed to "
                        + String.join(", ", allowedHosts) + ", but got Host: " + host);
                return;
            }
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain", "the dashboard is read-only: only GET is allowed, but got "
                        + ex.getRequestMethod());
                return;
            }
            Routes.Response r = routes.answer(ex.getRequestURI());
            send(ex, r.status(), r.contentType(), r.body());
        } catch (RuntimeException e) {
            LOG.warn("dashboard request {} failed", ex.getRequestURI(), e);
            try {
                send(ex, 500, "text/plain", "internal error: " + e.getMessage());
            } catch (IOException | RuntimeException ignored) {
                LOG.debug("could not report the failure to the client: {}", ignored.toString());
            }
        }
    }

    private static String hostOf(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type + "; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; "
                + "style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : (bytes.length == 0 ? -1 : bytes.length));
        if (!head && bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops accepting requests, lets running ones (and a chart refresh) finish briefly, and stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        for (ExecutorService e : java.util.List.of(executor, charts)) {
            e.shutdown();
            try {
                if (!e.awaitTermination(2, TimeUnit.SECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ie) {
                e.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("dashboard stopped");
    }
}
