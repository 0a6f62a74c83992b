package dev.sweep.results.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How params and metrics are stored, shared by every store so that they all hand back the same values.
 * Params are kept as JSON (keys sorted) and come back normalised: whole numbers as {@link Long}, other numbers as
 * {@link Double}, text as {@link String}, booleans as {@link Boolean} (so an {@code Integer} 32 comes back as
 * {@code 32L}). Metrics keep NaN and infinities (written as the JSON strings "NaN", "Infinity").
 */
public final class ValueCodec {

    /** One param as a row of {@code trial_params}: its text, and its number where it has one (booleans 1/0). */
    public record ParamCell(String text, Double number) {
    }

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() { };

    private final ObjectMapper json = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    public String paramsToJson(Map<String, Object> params) {
        return write(new TreeMap<>(params));
    }

    public Map<String, Object> paramsFromJson(String text) {
        try {
            return new LinkedHashMap<>(json.readValue(text, PARAMS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored params must be a JSON object, but got " + text, e);
        }
    }

    /** The params as a store hands them back (see the class comment). */
    public Map<String, Object> normalizeParams(Map<String, Object> params) {
        return paramsFromJson(paramsToJson(params));
    }

    public String metricsToJson(Map<String, Double> metrics) {
        return write(new TreeMap<>(metrics));
    }

    public Map<String, Double> metricsFromJson(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(json.readValue(text, METRICS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metrics must be a JSON object of numbers, but got " + text, e);
        }
    }

    /** The {@code trial_params} row of one (normalised) param value. */
    public ParamCell cell(Object value) {
        if (value == null) {
            return new ParamCell(null, null);
        }
        if (value instanceof Boolean b) {
            return new ParamCell(b.toString(), b ? 1.0 : 0.0);
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            boolean plain = d == 0 || Math.abs(d) >= 1e-9 && Math.abs(d) < 1e15;
            String text = plain && !(n instanceof Long)
                    ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : n.toString();
            return new ParamCell(text, d);
        }
        if (value instanceof CharSequence s) {
            return new ParamCell(s.toString(), null);
        }
        return new ParamCell(write(value), null);
    }

    /** Error and message texts are kept up to this many characters. */
    public static final int MAX_TEXT = 65_536;

    /** The error or message text, cut to {@link #MAX_TEXT} characters (the cut marked). */
    public String clip(String text) {
        String mark = " … [truncated]";
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - mark.length()) + mark;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params and metrics must be JSON-writable, but got " + value, e);
        }
    }
}
