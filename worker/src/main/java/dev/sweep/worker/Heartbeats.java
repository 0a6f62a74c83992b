package dev.sweep.worker;

import dev.sweep.search.protocol.WorkerEvent;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a Heartbeat for the running trial every interval, from one daemon thread, for the worker's life. */
final class Heartbeats implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final EventSink sink;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heartbeat");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> current;
    private long activeTrial = -1;
    private int activeAttempt = -1;

    Heartbeats(EventSink sink, Duration interval) {
        this.sink = sink;
        this.interval = interval;
    }

    synchronized void start(long trialId, int attempt) {
        stop();
        activeTrial = trialId;
        activeAttempt = attempt;
        long ms = interval.toMillis();
        current = timer.scheduleAtFixedRate(() -> beat(trialId, attempt), ms, ms, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (current != null) {
            current.cancel(false);
            current = null;
        }
        activeTrial = -1;
        activeAttempt = -1;
    }

    /** Under the lock, so once {@link #stop()} returns no beat of that trial can follow its final event. */
    private synchronized void beat(long trialId, int attempt) {
        if (trialId != activeTrial || attempt != activeAttempt) {
            return;
        }
        try {
            sink.emit(new WorkerEvent.Heartbeat(trialId, attempt));
        } catch (RuntimeException e) {
            log.warn("heartbeat for trial {} failed: {}", trialId, e.toString());
        }
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }
}
