package dev.sweep.results.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a sweep's trials, one row per trial, as CSV (RFC 4180 quoting by Jackson's CSV module) or JSON.
 * CSV columns: number, config, repeat, state, value, then every param by name (a param named like a fixed column
 * gets a {@code param_} prefix), then every final metric as {@code final_<name>}, then seed, attempt, worker,
 * device, created_at, started_at, finished_at (ISO-8601), duration_s, stopped_step, error. An absent value is an
 * empty field; NaN is written {@code NaN}. JSON: {@code {"sweep": {...}, "trials": [{..., "params": {...},
 * "metrics": {...}}]}} with the same fields (NaN as the string "NaN").
 */
public final class Exporter {

    private static final List<String> HEAD = List.of("number", "config", "repeat", "state", "value");
    private static final List<String> TAIL = List.of("seed", "attempt", "worker", "device", "created_at",
            "started_at", "finished_at", "duration_s", "stopped_step", "error");

    private final ResultsStore store;
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private final CsvMapper csv = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    public Exporter(ResultsStore store) {
        this.store = store;
    }

    public void csv(long sweepId, Writer out) {
        SweepRecord sweep = sweep(sweepId);
        List<TrialRecord> trials = store.trials(sweep.id());
        Set<String> params = new TreeSet<>();
        Set<String> metrics = new TreeSet<>();
        trials.forEach(t -> {
            params.addAll(t.params().keySet());
            metrics.addAll(t.metrics().keySet());
        });
        List<String> columns = new ArrayList<>(HEAD);
        params.forEach(p -> columns.add(HEAD.contains(p) || TAIL.contains(p) ? "param_" + p : p));
        metrics.forEach(m -> columns.add("final_" + m));
        columns.addAll(TAIL);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try (SequenceWriter rows = csv.writer(schema.build()).writeValues(out)) {
            for (TrialRecord t : trials) {
                List<String> row = new ArrayList<>();
                head(t).values().forEach(v -> row.add(text(v)));
                params.forEach(p -> row.add(text(t.params().get(p))));
                metrics.forEach(m -> row.add(text(t.metrics().get(m))));
                tail(t).values().forEach(v -> row.add(text(v)));
                rows.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the CSV of sweep '" + sweep.name() + "' failed", e);
        }
    }

    public void json(long sweepId, Writer out) {
        SweepRecord sweep = sweep(sweepId);
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("id", sweep.id());
        head.put("name", sweep.name());
        head.put("metric", sweep.metricName());
        head.put("goal", sweep.goal());
        head.put("method", sweep.method());
        head.put("seed", sweep.seed());
        head.put("state", sweep.state().name());
        head.put("spec_hash", sweep.specHash());
        head.put("source_path", sweep.sourcePath());
        doc.put("sweep", head);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TrialRecord t : store.trials(sweep.id())) {
            Map<String, Object> row = head(t);
            row.put("params", new java.util.TreeMap<>(t.params()));
            row.put("metrics", new java.util.TreeMap<>(t.metrics()));
            tail(t).forEach((k, v) -> row.put(k, v instanceof Instant i ? i.toString() : v));
            rows.add(row);
        }
        doc.put("trials", rows);
        try {
            json.writeValue(out, doc);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the JSON of sweep '" + sweep.name() + "' failed", e);
        }
    }

    private SweepRecord sweep(long sweepId) {
        return store.findSweep(sweepId).orElseThrow(() -> new IllegalArgumentException(
                "an export needs a stored sweep, but there is no sweep with id " + sweepId));
    }

    private static Map<String, Object> head(TrialRecord t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number());
        m.put("config", t.config());
        m.put("repeat", t.repeat());
        m.put("state", t.state().name());
        m.put("value", t.value());
        return m;
    }

    private static Map<String, Object> tail(TrialRecord t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", t.seed());
        m.put("attempt", t.attempt());
        m.put("worker", t.workerId());
        m.put("device", t.device());
        m.put("created_at", t.createdAt());
        m.put("started_at", t.startedAt());
        m.put("finished_at", t.finishedAt());
        m.put("duration_s", t.startedAt() == null || t.finishedAt() == null ? null
                : Duration.between(t.startedAt(), t.finishedAt()).toNanos() / 1e9);
        m.put("stopped_step", t.stoppedStep());
        m.put("error", t.error());
        return m;
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
