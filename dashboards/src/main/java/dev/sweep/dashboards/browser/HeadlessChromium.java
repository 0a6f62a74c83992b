package dev.sweep.dashboards.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket from the JDK's HTTP client; no driver
 * binary). One page per instance: navigate, evaluate JavaScript, wait for a condition, take a screenshot.
 * Starts with a fresh profile directory, no network services, and is torn down (process and profile) on close.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Where Debian's package puts the browser. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final List<String> pageErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket, Duration timeout,
                             Listener listener) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        this.timeout = timeout;
        listener.owner = this;
    }

    /** True when the browser binary is installed at {@code binary}. */
    public static boolean available(Path binary) {
        return Files.isExecutable(binary);
    }

    /** Starts the browser with a {@code width × height} viewport; each command waits at most {@code timeout}. */
    public static HeadlessChromium start(Path binary, int width, int height, Duration timeout) throws IOException,
            InterruptedException {
        if (!available(binary)) {
            throw new IllegalStateException("headless Chromium must be installed at " + binary
                    + " (Debian: apt-get install chromium), but it is not there");
        }
        Path profile = Files.createTempDirectory("sweep-chromium-");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--mute-audio", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String browserWs = awaitEndpoint(p, timeout);
            URI base = URI.create(browserWs.replaceFirst("^ws://", "http://"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
            String pageWs = pageEndpoint(http, base, timeout);
            Listener listener = new Listener();
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(URI.create(pageWs), listener).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            HeadlessChromium c = new HeadlessChromium(p, profile, ws, timeout, listener);
            c.call("Page.enable", Map.of());
            c.call("Runtime.enable", Map.of());
            c.call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
            return c;
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            deleteTree(profile);
            throw new IOException("could not start headless Chromium at " + binary + ": " + e.getMessage(), e);
        }
    }

    /** Loads {@code url} and waits until the document has finished loading. */
    public void navigate(String url) throws InterruptedException {
        JsonNode r = call("Page.navigate", Map.of("url", url));
        if (r.hasNonNull("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + r.get("errorText").asText());
        }
        waitFor("document.readyState === 'complete'", timeout);
    }

    /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its JSON value. */
    public JsonNode eval(String expression) throws InterruptedException {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.hasNonNull("exceptionDetails")) {
            JsonNode d = r.get("exceptionDetails");
            String msg = d.path("exception").path("description").asText(d.path("text").asText());
            throw new IllegalStateException("script failed: " + msg + "\n  in: " + expression);
        }
        return r.path("result").path("value");
    }

    /** Polls {@code condition} (a JavaScript boolean expression) every 50 ms until it holds. */
    public void waitFor(String condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode v = eval("!!(" + condition + ")");
            if (v.asBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + within.toMillis() + " ms for `" + condition
                        + "` in the page, but it never held");
            }
            Thread.sleep(50);
        }
    }

    /** A PNG of the whole page (beyond the viewport) written to {@code out}. */
    public void screenshot(Path out) throws InterruptedException, IOException {
        JsonNode size = eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        double w = size.get(0).asDouble();
        double h = Math.min(size.get(1).asDouble(), 16000);
        capture(out, Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1));
    }

    /** A PNG of the element matched by the CSS {@code selector}, written to {@code out}. */
    public void screenshotElement(String selector, Path out) throws InterruptedException, IOException {
        JsonNode r = eval("(() => { const e = document.querySelector(" + json.writeValueAsString(selector)
                + "); if (!e) return null; const b = e.getBoundingClientRect();"
                + " return [b.left + scrollX, b.top + scrollY, b.width, b.height]; })()");
        if (r.isNull() || r.isMissingNode()) {
            throw new IllegalArgumentException("no element matches the selector " + selector);
        }
        capture(out, Map.of("x", r.get(0).asDouble(), "y", r.get(1).asDouble(), "width",
                Math.max(1, r.get(2).asDouble()), "height", Math.max(1, r.get(3).asDouble()), "scale", 2));
    }

    private void capture(Path out, Map<String, Object> clip) throws InterruptedException, IOException {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", clip));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, Base64.getDecoder().decode(r.get("data").asText()));
    }

    /** Uncaught script exceptions and console errors the page has raised so far. */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** Sends one DevTools command and waits for its result. */
    public JsonNode call(String method, Map<String, Object> params) throws InterruptedException {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = json.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", json.valueToTree(params));
        try {
            socket.sendText(json.writeValueAsString(msg), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode reply = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException("DevTools " + method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (ExecutionException | TimeoutException | IOException e) {
            throw new IllegalStateException("DevTools " + method + " got no answer within " + timeout.toMillis()
                    + " ms: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(String text) {
        try {
            JsonNode n = json.readTree(text);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.get(n.get("id").asLong());
                if (f != null) {
                    f.complete(n);
                }
            } else if ("Runtime.exceptionThrown".equals(n.path("method").asText())) {
                JsonNode d = n.path("params").path("exceptionDetails");
                String msg = d.path("exception").path("description").asText(d.path("text").asText());
                pageErrors.add(msg);
                LOG.warn("page script error: {}", msg);
            } else if ("Runtime.consoleAPICalled".equals(n.path("method").asText())
                    && "error".equals(n.path("params").path("type").asText())) {
                String msg = n.path("params").path("args").toString();
                pageErrors.add("console.error " + msg);
                LOG.warn("page console error: {}", msg);
            }
        } catch (IOException e) {
            LOG.warn("unreadable DevTools message: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    private static String awaitEndpoint(Process p, Duration timeout) throws IOException, InterruptedException,
            ExecutionException, TimeoutException {
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    }
                }
                endpoint.completeExceptionally(new IOException("Chromium exited before it listened"));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String pageEndpoint(HttpClient http, URI browser, Duration timeout) throws IOException,
            InterruptedException {
        URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
        ObjectMapper m = new ObjectMapper();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(list).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : m.readTree(r.body())) {
                if ("page".equals(t.path("type").asText()) && t.hasNonNull("webSocketDebuggerUrl")) {
                    return t.get("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium listed no page target at " + list);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", root, e.getMessage());
        }
    }

    /** Joins a message's fragments and hands complete ones to the owner. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                HeadlessChromium o = owner;
                if (o != null) {
                    o.onMessage(text);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
