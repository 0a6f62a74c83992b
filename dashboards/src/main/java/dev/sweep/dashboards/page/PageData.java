package dev.sweep.dashboards.page;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sweep.dashboards.view.CurveSet;
import dev.sweep.dashboards.view.SweepView;
import dev.sweep.results.store.TrialRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compact JSON the page's script reads: the leaderboard as column names plus rows of values, curves as
 * parallel arrays of steps and values (six significant digits), and per-trial provenance.
 */
public final class PageData {
    /** Leading columns of every row; parameter and extra-metric columns follow. */
    public static final List<String> BASE_COLUMNS = List.of("number", "state", "rank", "value", "duration", "device",
            "worker", "attempt", "stoppedStep", "error");
    private final JsonFactory factory = new JsonFactory();

    public List<String> columns(SweepView v) {
        List<String> cols = new ArrayList<>(BASE_COLUMNS);
        cols.addAll(v.params());
        for (String m : v.extraMetrics()) {
            if (!cols.contains(m)) {
                cols.add(m);
            }
        }
        return cols;
    }

    /** Writes the table part: {@code "cols": […], "rows": […], "params", "extraMetrics", "bestTrial", …}. */
    public void writeTable(JsonGenerator g, SweepView v) throws IOException {
        List<String> cols = columns(v);
        g.writeArrayFieldStart("cols");
        for (String c : cols) {
            g.writeString(c);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (TrialRecord t : v.trials()) {
            writeRow(g, v, t, cols);
        }
        g.writeEndArray();
        stringArray(g, "params", v.params());
        stringArray(g, "extraMetrics", v.extraMetrics());
        if (v.analysis().bestTrial() == null) {
            g.writeNullField("bestTrial");
        } else {
            g.writeNumberField("bestTrial", v.analysis().bestTrial());
        }
        g.writeArrayFieldStart("defaultTrials");
        for (int n : v.analysis().topTrials()) {
            g.writeNumber(n);
        }
        g.writeEndArray();
    }

    private void writeRow(JsonGenerator g, SweepView v, TrialRecord t, List<String> cols) throws IOException {
        g.writeStartArray();
        g.writeNumber(t.number());
        g.writeString(t.state().name());
        Integer rank = v.analysis().ranks().get(t.number());
        if (rank == null) {
            g.writeNull();
        } else {
            g.writeNumber(rank);
        }
        number(g, t.value());
        Instant end = t.finishedAt() != null ? t.finishedAt() : (t.startedAt() != null ? v.at() : null);
        number(g, t.startedAt() == null || end == null ? null
                : Duration.between(t.startedAt(), end).toMillis() / 1000.0);
        nullableString(g, t.device());
        nullableString(g, t.workerId());
        g.writeNumber(t.attempt());
        if (t.stoppedStep() == null) {
            g.writeNull();
        } else {
            g.writeNumber(t.stoppedStep());
        }
        nullableString(g, t.error());
        for (int i = BASE_COLUMNS.size(); i < cols.size(); i++) {
            String c = cols.get(i);
            if (i < BASE_COLUMNS.size() + v.params().size()) {
                Object p = t.params().get(c);
                if (p instanceof Number n) {
                    number(g, n.doubleValue());
                } else if (p instanceof Boolean b) {
                    g.writeString(b.toString());
                } else {
                    nullableString(g, p == null ? null : p.toString());
                }
            } else {
                number(g, t.metrics().get(c));
            }
        }
        g.writeEndArray();
    }

    /** Writes {@code "curves": {"metrics": […], "trials": {"12": [[steps], [values]] | null per metric}}}. */
    public void writeCurves(JsonGenerator g, CurveSet curves) throws IOException {
        g.writeFieldName("curves");
        writeCurvesObject(g, curves);
    }

    private void writeCurvesObject(JsonGenerator g, CurveSet curves) throws IOException {
        g.writeStartObject();
        stringArray(g, "metrics", curves.metrics());
        g.writeObjectFieldStart("trials");
        for (Map.Entry<Integer, List<CurveSet.Curve>> e : curves.byTrial().entrySet()) {
            g.writeArrayFieldStart(Integer.toString(e.getKey()));
            for (CurveSet.Curve c : e.getValue()) {
                if (c == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartArray();
                g.writeStartArray();
                for (long s : c.steps()) {
                    g.writeNumber(s);
                }
                g.writeEndArray();
                g.writeStartArray();
                for (double d : c.values()) {
                    number(g, d);
                }
                g.writeEndArray();
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Writes per-trial provenance (the keys that differ between trials). */
    public void writeProvenance(JsonGenerator g, Map<Integer, Map<String, String>> perTrial) throws IOException {
        g.writeObjectFieldStart("provenance");
        for (Map.Entry<Integer, Map<String, String>> e : perTrial.entrySet()) {
            g.writeObjectFieldStart(Integer.toString(e.getKey()));
            for (Map.Entry<String, String> kv : e.getValue().entrySet()) {
                g.writeStringField(kv.getKey(), kv.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A generator over {@code out} that escapes "/" so the JSON can sit inside a script element. */
    public JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator g = factory.createGenerator(out);
        g.setCharacterEscapes(new ScriptSafeEscapes());
        return g;
    }

    /** A curves document on its own (the live page's curves endpoint): {@code {"metrics": …, "trials": …}}. */
    public String curvesJson(CurveSet curves) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = generator(w)) {
            writeCurvesObject(g, curves);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static void number(JsonGenerator g, Double d) throws IOException {
        if (d == null || d.isNaN() || d.isInfinite()) {
            g.writeNull();
        } else {
            g.writeNumber(compact(d));
        }
    }

    /** Six significant digits, in the shortest form Java writes that double ("0.000123", "1.5E-7", "42"). */
    static String compact(double d) {
        if (d == 0) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(d)));
        double scale = Math.pow(10, 5 - exponent);
        double rounded = Double.isFinite(scale) && scale > 0 && Math.abs(d * scale) < 9e15
                ? Math.round(d * scale) / scale : d;
        String s = Double.toString(rounded);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static void nullableString(JsonGenerator g, String s) throws IOException {
        if (s == null) {
            g.writeNull();
        } else {
            g.writeString(s);
        }
    }

    private static void stringArray(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    /** Escapes '<', '>' and '&' so no "</script>" or "<!--" can appear inside the embedded JSON. */
    private static final class ScriptSafeEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private final int[] table;

        ScriptSafeEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
