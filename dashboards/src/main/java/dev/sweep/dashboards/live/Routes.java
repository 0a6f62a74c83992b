package dev.sweep.dashboards.live;

import static dev.sweep.dashboards.svg.Svg.esc;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sweep.dashboards.chart.Comparison;
import dev.sweep.dashboards.chart.Heatmap;
import dev.sweep.dashboards.page.PageRenderer;
import dev.sweep.dashboards.view.Analysis;
import dev.sweep.dashboards.view.SweepView;
import dev.sweep.dashboards.view.SweepViews;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dashboard's pages and JSON endpoints; every answer is computed from reads of the store. */
final class Routes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Routes.class);
    private static final Pattern SWEEP_PAGE = Pattern.compile("^/sweeps/([^/]+)/?$");
    private static final Pattern API = Pattern.compile("^/api/sweeps/(\\d+)/(snapshot|curves|report)$");
    static final int MAX_CURVE_TRIALS = 24;

    record Response(int status, String contentType, String body) {
        static Response json(String body) {
            return new Response(200, "application/json", body);
        }

        static Response notFound(String why) {
            return new Response(404, "text/plain", why);
        }
    }

    /** Chart aggregates of one sweep, kept while no trial finishes (and at least {@code chartsRefresh}). */
    private record Cached(String version, Analysis analysis, Map<String, String> charts, Instant at) {
    }

    private final ResultsStore store;
    private final SweepViews views;
    private final PageRenderer renderer;
    private final Duration poll;
    private final Duration chartsRefresh;
    private final Clock clock;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> refreshing = new ConcurrentHashMap<>();
    private final Executor background;

    Routes(ResultsStore store, SweepViews views, PageRenderer renderer, Duration poll, Duration chartsRefresh,
           Executor background, Clock clock) {
        this.background = background;
        this.store = store;
        this.views = views;
        this.renderer = renderer;
        this.poll = poll;
        this.chartsRefresh = chartsRefresh;
        this.clock = clock;
    }

    Response answer(URI uri) {
        String path = uri.getPath();
        if (path.equals("/") || path.equals("/index.html")) {
            return new Response(200, "text/html", index());
        }
        if (path.equals("/api/sweeps")) {
            return Response.json(sweepsJson());
        }
        Matcher page = SWEEP_PAGE.matcher(path);
        if (page.matches()) {
            String key = URLDecoder.decode(page.group(1), StandardCharsets.UTF_8);
            Optional<SweepRecord> s = store.findSweep(key);
            if (s.isEmpty() && key.matches("\\d{1,18}")) {
                s = store.findSweep(Long.parseLong(key));
            }
            return s.map(this::livePage).orElseGet(() -> Response.notFound("no sweep named " + key));
        }
        Matcher api = API.matcher(path);
        if (api.matches()) {
            long id = Long.parseLong(api.group(1));
            Optional<SweepRecord> s = store.findSweep(id);
            if (s.isEmpty()) {
                return Response.notFound("no sweep with id " + id);
            }
            Map<String, String> q = query(uri);
            return switch (api.group(2)) {
                case "snapshot" -> Response.json(snapshot(s.get(), q.get("charts")));
                case "curves" -> Response.json(curves(id, q.getOrDefault("trials", "")));
                default -> new Response(200, "text/html", reportNow(s.get()));
            };
        }
        return Response.notFound("nothing at " + path);
    }

    private Response livePage(SweepRecord sweep) {
        Snapshot snap = snapshotView(sweep);
        StringWriter w = new StringWriter(1 << 16);
        try {
            renderer.write(snap.view, new PageRenderer.Live("/api/sweeps/" + sweep.id(), poll, snap.cached.version),
                    w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Response(200, "text/html", w.toString());
    }

    private record Snapshot(SweepView view, Cached cached) {
    }

    /**
     * The live view. Chart aggregates come from the cache; when trials finished since they were computed (and
     * they are older than {@code chartsRefresh}) they are recomputed in the background while requests keep
     * getting the cached ones, so no poll waits for the leaderboards. Only the very first request of a sweep
     * computes them in line.
     */
    private Snapshot snapshotView(SweepRecord sweep) {
        List<TrialRecord> trials = store.trials(sweep.id());
        String version = chartsVersion(trials);
        Cached c = cache.get(sweep.id());
        if (c == null) {
            synchronized (lockFor(sweep.id())) {
                c = cache.get(sweep.id());
                if (c == null) {
                    SweepView v = views.live(store, sweep, trials, null);
                    c = new Cached(version, v.analysis(), renderer.fragments().charts(v), clock.instant());
                    cache.put(sweep.id(), c);
                    return new Snapshot(v, c);
                }
            }
        }
        if (!c.version.equals(version) && Duration.between(c.at, clock.instant()).compareTo(chartsRefresh) >= 0
                && refreshing.putIfAbsent(sweep.id(), Boolean.TRUE) == null) {
            try {
                background.execute(() -> refresh(sweep));
            } catch (RejectedExecutionException e) {
                refreshing.remove(sweep.id());
                LOG.debug("chart refresh of sweep {} not scheduled: the dashboard is stopping", sweep.id());
            }
        }
        return new Snapshot(views.live(store, sweep, trials, c.analysis), c);
    }

    private void refresh(SweepRecord sweep) {
        try {
            List<TrialRecord> trials = store.trials(sweep.id());
            SweepView v = views.live(store, sweep, trials, null);
            cache.put(sweep.id(), new Cached(chartsVersion(trials), v.analysis(), renderer.fragments().charts(v),
                    clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("could not recompute the charts of sweep {}", sweep.id(), e);
        } finally {
            refreshing.remove(sweep.id());
        }
    }

    private Object lockFor(long sweepId) {
        return locks.computeIfAbsent(sweepId, k -> new Object());
    }

    /** The live data: table rows, summary, workers, problems; the charts too unless the client has them. */
    String snapshot(SweepRecord sweep, String clientChartsVersion) {
        Snapshot snap = snapshotView(sweep);
        SweepView v = snap.view;
        StringWriter w = new StringWriter(1 << 15);
        try (JsonGenerator g = renderer.data().generator(w)) {
            g.writeStartObject();
            g.writeStringField("at", v.at().toString());
            g.writeStringField("state", sweep.state().name());
            g.writeStringField("chartsVersion", snap.cached.version);
            renderer.data().writeTable(g, v);
            g.writeObjectFieldStart("fragments");
            g.writeStringField("summary", renderer.fragments().summary(v, true));
            g.writeStringField("workers", renderer.fragments().workers(v));
            g.writeStringField("problems", renderer.fragments().problems(v));
            if (!snap.cached.version.equals(clientChartsVersion)) {
                for (Map.Entry<String, String> e : snap.cached.charts.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                LinkedHashSet<String> axes = new LinkedHashSet<>();
                for (Heatmap h : v.analysis().heatmaps()) {
                    axes.add(h.xParam());
                    axes.add(h.yParam());
                }
                g.writeArrayFieldStart("heatmapAxes");
                for (String a : axes) {
                    g.writeString(a);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("comparisonParams");
                for (Comparison c : v.analysis().comparisons()) {
                    g.writeString(c.param());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private String curves(long sweepId, String trials) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : trials.split(",")) {
            String t = part.trim();
            if (t.matches("\\d{1,9}") && numbers.size() < MAX_CURVE_TRIALS) {
                numbers.add(Integer.parseInt(t));
            }
        }
        return renderer.data().curvesJson(views.curves(store, sweepId, numbers));
    }

    private String reportNow(SweepRecord sweep) {
        SweepView v = views.report(store, sweep.id());
        StringWriter w = new StringWriter(1 << 16);
        try {
            renderer.write(v, null, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Changes whenever a trial finishes (or a finished one changes): the charts depend on nothing else. */
    static String chartsVersion(List<TrialRecord> trials) {
        long h = 0xcbf29ce484222325L;
        int finished = 0;
        for (TrialRecord t : trials) {
            if (t.state().isFinished()) {
                finished++;
                h = mix(h, t.number());
                h = mix(h, t.state().ordinal());
                h = mix(h, t.value() == null ? 0 : Double.doubleToLongBits(t.value()));
                h = mix(h, t.metrics().hashCode());
                h = mix(h, t.params().hashCode());
            }
        }
        return finished + "-" + Long.toHexString(h);
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    private String index() {
        StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>sweep dashboard</title><style>" + PageRenderer.resource("page.css")
                + "</style></head><body><header><h1>Sweeps</h1><div class=\"meta\">read-only view of the results "
                + "store · " + esc(clock.instant().toString()) + "</div></header><main><section class=\"wide\">"
                + "<table id=\"sweeps\"><thead><tr><th>sweep</th><th>state</th><th>method</th><th>metric</th>"
                + "<th class=\"num\">trials</th><th>created</th></tr></thead><tbody>");
        for (SweepRecord s : store.listSweeps()) {
            int total = store.countByState(s.id()).values().stream().mapToInt(Integer::intValue).sum();
            b.append("<tr><td><a href=\"/sweeps/").append(esc(urlPart(s.name()))).append("\">").append(esc(s.name()))
                    .append("</a></td><td>").append(s.state()).append("</td><td>").append(esc(s.method()))
                    .append("</td><td>").append(esc(s.metricName())).append(" (").append(esc(s.goal()))
                    .append(")</td><td class=\"num\">").append(total).append("</td><td>")
                    .append(s.createdAt() == null ? "" : esc(s.createdAt().toString())).append("</td></tr>");
        }
        return b.append("</tbody></table></section></main></body></html>").toString();
    }

    private String sweepsJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = renderer.data().generator(w)) {
            g.writeStartArray();
            for (SweepRecord s : store.listSweeps()) {
                g.writeStartObject();
                g.writeNumberField("id", s.id());
                g.writeStringField("name", s.name());
                g.writeStringField("state", s.state().name());
                g.writeStringField("metric", s.metricName());
                g.writeStringField("goal", s.goal());
                g.writeObjectFieldStart("counts");
                for (Map.Entry<TrialState, Integer> e : store.countByState(s.id()).entrySet()) {
                    g.writeNumberField(e.getKey().name(), e.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String urlPart(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new java.util.HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
