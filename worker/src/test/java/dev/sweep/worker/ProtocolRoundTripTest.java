package dev.sweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.Protocol;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.search.protocol.WorkerEvent;
import dev.sweep.search.protocol.WorkerMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every message and event survives encode → one line → decode, as worker and orchestrator exchange them. */
class ProtocolRoundTripTest {
    private final Protocol protocol = new Protocol();

    private static final TrialSpec TRIAL = new TrialSpec(42, 2, "sst2-raster", 7,
            Map.of("learning_rate", 3.0e-5, "batch_size", 32, "optimizer", "adamw", "freeze_encoder", false), 1234567L,
            "bert-classification", Map.of("model", "all-minilm-l6-v2", "dataset", Map.of("path", "f.tsv", "header", true),
            "command", List.of("python3", "train.py", "${args}")));

    @Test
    void messagesRoundTrip() {
        for (WorkerMessage m : List.of(new WorkerMessage.Run(TRIAL), new WorkerMessage.Stop(42, 2, "pruned at step 3"),
                new WorkerMessage.Shutdown())) {
            String line = protocol.encode(m);
            assertFalse(line.contains("\n"), line);
            assertEquals(m, protocol.decodeMessage(line));
        }
    }

    @Test
    void eventsRoundTripIncludingNullsAndUnicode() {
        List<WorkerEvent> events = List.of(
                new WorkerEvent.Ready("w1", 1234, Map.of("host", "gpu-box", "device", "cuda:0")),
                new WorkerEvent.Started(42, 2, Map.of("task_type", "synthetic", "note", "ünïcode ✓")),
                new WorkerEvent.Progress(42, 2, 300, Map.of("val_accuracy", 0.8125, "train_loss", 1.0e-300)),
                new WorkerEvent.Heartbeat(42, 2),
                new WorkerEvent.Completed(42, 2, Map.of("val_accuracy", 0.9), false, 900L),
                new WorkerEvent.Completed(42, 2, Map.of(), true, null),
                new WorkerEvent.Failed(42, 2, FailureKind.ERROR, "command exited with code 1", 3L,
                        "Traceback (most recent call last):\n  File \"train.py\", line 3\nValueError: \"bad\"\t!"),
                new WorkerEvent.Failed(42, 2, FailureKind.OOM, "out of memory", null, null));
        for (WorkerEvent e : events) {
            String line = protocol.encode(e);
            assertFalse(line.contains("\n"), "one event, one line: " + line);
            assertEquals(e, protocol.decodeEvent(line));
        }
    }

    @Test
    void nonFiniteMetricsSurviveTheWire() {
        WorkerEvent.Progress p = new WorkerEvent.Progress(1, 1, 5,
                Map.of("a", Double.NaN, "b", Double.POSITIVE_INFINITY, "c", Double.NEGATIVE_INFINITY));
        WorkerEvent.Progress back = assertInstanceOf(WorkerEvent.Progress.class, protocol.decodeEvent(protocol.encode(p)));
        assertTrue(Double.isNaN(back.metrics().get("a")));
        assertEquals(Double.POSITIVE_INFINITY, back.metrics().get("b"));
        assertEquals(Double.NEGATIVE_INFINITY, back.metrics().get("c"));
    }

    @Test
    void theSinkWritesOneFlushedLinePerEvent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventSink sink = new EventSink(protocol, out);
        sink.emit(new WorkerEvent.Heartbeat(1, 1));
        sink.emit(new WorkerEvent.Progress(1, 1, 2, Map.of("value", 0.5)));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(3, lines.length, "two lines and the trailing newline");
        assertEquals(new WorkerEvent.Heartbeat(1, 1), protocol.decodeEvent(lines[0]));
        assertEquals(new WorkerEvent.Progress(1, 1, 2, Map.of("value", 0.5)), protocol.decodeEvent(lines[1]));
    }

    @Test
    void garbageIsRefusedWithTheLineInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> protocol.decodeEvent("stray output from a library"));
        assertTrue(e.getMessage().contains("stray output"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> protocol.decodeMessage("{\"type\":\"explode\"}"));
    }
}
