package dev.sweep.worker;

import dev.sweep.search.protocol.Protocol;
import dev.sweep.search.protocol.WorkerEvent;
import dev.sweep.search.protocol.WorkerMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real worker process for tests: started with this JVM's class path, spoken to over its stdin/stdout. */
final class WorkerHarness implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Protocol protocol = new Protocol();
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> nonProtocol = new ArrayList<>();

    WorkerHarness(Path trialsDir, long heartbeatMs) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
                "--id=test-worker", "--trials-dir=" + trialsDir, "--heartbeat-ms=" + heartbeatMs);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        process = pb.start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
            lines.add("<EOF>");
        }, "harness-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void send(WorkerMessage message) throws IOException {
        stdin.write((protocol.encode(message) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void closeStdin() throws IOException {
        stdin.close();
    }

    /** The next event; every stdout line must be one (a non-protocol line fails the test). */
    WorkerEvent next() throws InterruptedException {
        String line = lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no event from the worker within " + TIMEOUT);
        }
        if (line.equals("<EOF>")) {
            lines.add(line);
            throw new AssertionError("the worker's stdout ended");
        }
        try {
            return protocol.decodeEvent(line);
        } catch (IllegalArgumentException e) {
            nonProtocol.add(line);
            throw new AssertionError("a stdout line is not a protocol event: " + line, e);
        }
    }

    /** Events up to and including the first that matches {@code last}. */
    List<WorkerEvent> until(Predicate<WorkerEvent> last) throws InterruptedException {
        List<WorkerEvent> events = new ArrayList<>();
        while (true) {
            WorkerEvent e = next();
            events.add(e);
            if (last.test(e)) {
                return events;
            }
        }
    }

    /** True when stdout has ended (the process closed it). */
    boolean stdoutEnded() throws InterruptedException {
        String line = lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return "<EOF>".equals(line);
    }

    int waitForExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the worker did not exit within " + TIMEOUT);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static boolean isFinal(WorkerEvent e) {
        return e instanceof WorkerEvent.Completed || e instanceof WorkerEvent.Failed;
    }
}
