package dev.sweep.dashboards.view;

import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Which worker runs which trial on which device now. Workers are those that ever held a trial of the sweep;
 * one with no RUNNING trial is idle.
 */
public record Occupancy(Map<String, List<Slot>> byDevice) {
    public Occupancy {
        byDevice = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byDevice));
    }

    /** One worker: its trial (null when idle), since when, the last step it reported and that step's metrics. */
    public record Slot(String worker, String device, Integer trial, Instant since, Long lastStep,
                       Map<String, Double> lastMetrics) {
        public Slot {
            lastMetrics = lastMetrics == null ? Map.of() : Map.copyOf(lastMetrics);
        }

        public boolean busy() {
            return trial != null;
        }
    }

    /** {@code metricsOf} reads one trial's points (called for RUNNING trials only). */
    public static Occupancy of(List<TrialRecord> trials, LongFunction<List<MetricPoint>> metricsOf) {
        Map<String, TrialRecord> running = new TreeMap<>();
        Map<String, String> deviceOf = new TreeMap<>();
        for (TrialRecord t : trials) {
            if (t.workerId() == null) {
                continue;
            }
            deviceOf.putIfAbsent(t.workerId(), Objects.requireNonNullElse(t.device(), "—"));
            if (t.state() == TrialState.RUNNING) {
                running.put(t.workerId(), t);
                deviceOf.put(t.workerId(), Objects.requireNonNullElse(t.device(), "—"));
            }
        }
        Map<String, List<Slot>> byDevice = new TreeMap<>();
        for (Map.Entry<String, String> w : deviceOf.entrySet()) {
            TrialRecord t = running.get(w.getKey());
            Slot slot;
            if (t == null) {
                slot = new Slot(w.getKey(), w.getValue(), null, null, null, Map.of());
            } else {
                List<MetricPoint> pts = metricsOf.apply(t.id());
                Long last = pts.stream().map(MetricPoint::step).max(Comparator.naturalOrder()).orElse(null);
                Map<String, Double> at = new LinkedHashMap<>();
                for (MetricPoint p : pts) {
                    if (last != null && p.step() == last) {
                        at.put(p.name(), p.value());
                    }
                }
                slot = new Slot(w.getKey(), w.getValue(), t.number(), t.startedAt(), last, at);
            }
            byDevice.computeIfAbsent(w.getValue(), k -> new ArrayList<>()).add(slot);
        }
        return new Occupancy(byDevice);
    }
}
