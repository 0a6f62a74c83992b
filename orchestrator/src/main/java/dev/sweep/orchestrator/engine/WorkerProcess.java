package dev.sweep.orchestrator.engine;

import dev.sweep.search.protocol.Protocol;
import dev.sweep.search.protocol.WorkerEvent;
import dev.sweep.search.protocol.WorkerMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One running worker process: its stdin (messages, written by the event loop only), a daemon thread that reads
 * its stdout into the loop's queue and, at end of stream, waits for the exit and reports it. Its stderr goes to
 * {@code logFile} from {@code logOffset} on (so the tail of this process's own output can be read after a crash).
 */
final class WorkerProcess {
    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

    private final Process process;
    private final OutputStream stdin;
    private final Protocol protocol;
    private final Path logFile;
    private final long logOffset;

    private WorkerProcess(Process process, Protocol protocol, Path logFile, long logOffset) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.protocol = protocol;
        this.logFile = logFile;
        this.logOffset = logOffset;
    }

    static WorkerProcess start(ProcessBuilder builder, Protocol protocol, Path logFile, long logOffset, int slot,
                               long generation, String workerId, BlockingQueue<EngineEvent> queue)
            throws IOException {
        WorkerProcess w = new WorkerProcess(builder.start(), protocol, logFile, logOffset);
        Thread reader = new Thread(() -> w.pump(slot, generation, workerId, queue), "worker-" + workerId + "-" + generation);
        reader.setDaemon(true);
        reader.start();
        return w;
    }

    private void pump(int slot, long generation, String workerId, BlockingQueue<EngineEvent> queue) {
        MDC.put("worker", workerId);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    WorkerEvent event = protocol.decodeEvent(line);
                    queue.add(new EngineEvent.FromWorker(slot, generation, event));
                } catch (IllegalArgumentException e) {
                    queue.add(new EngineEvent.BadLine(slot, generation, line, e.getMessage()));
                }
            }
        } catch (IOException e) {
            log.debug("worker {} stdout closed: {}", workerId, e.toString());
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        queue.add(new EngineEvent.WorkerExited(slot, generation, code));
    }

    /** Writes one message line; false when the worker's stdin is closed (it died). */
    boolean send(WorkerMessage message) {
        byte[] line = (protocol.encode(message) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            stdin.write(line);
            stdin.flush();
            return true;
        } catch (IOException e) {
            log.debug("cannot write to worker pid {}: {}", process.pid(), e.toString());
            return false;
        }
    }

    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            log.debug("closing worker stdin: {}", e.toString());
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** The last {@code maxLines} lines this process wrote to stderr (at most 8 KiB of them). */
    String stderrTail(int maxLines) {
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(logOffset, f.length() - 8192);
            f.seek(start);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.readFully(bytes);
            Deque<String> lines = new ArrayDeque<>();
            for (String l : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) {
                    lines.addLast(l);
                    if (lines.size() > maxLines) {
                        lines.removeFirst();
                    }
                }
            }
            return String.join("\n", lines);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
