package dev.sweep.worker;

import dev.sweep.search.protocol.Protocol;
import dev.sweep.search.protocol.WorkerEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes worker events as JSON lines to the protocol stream (the process's real stdout), one whole line per
 * event and a flush after each, from any thread (trial, heartbeat, stdin reader).
 */
public final class EventSink {
    private final Protocol protocol;
    private final OutputStream out;

    public EventSink(Protocol protocol, OutputStream out) {
        this.protocol = protocol;
        this.out = out;
    }

    public synchronized void emit(WorkerEvent event) {
        byte[] line = (protocol.encode(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the orchestrator (stdout closed?)", e);
        }
    }
}
