package dev.sweep.orchestrator.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain-text table for the terminal: a header, a rule, and columns padded to width; numbers right-aligned. */
public final class TextTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] numeric;
    private final ZoneId zone;

    public TextTable(List<String> headers, ZoneId zone) {
        this.headers = List.copyOf(headers);
        this.numeric = new boolean[headers.size()];
        java.util.Arrays.fill(numeric, true);
        this.zone = zone;
    }

    public TextTable add(List<?> values) {
        if (values.size() != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " values, but got " + values.size());
        }
        List<String> cells = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null && !(value instanceof Number)) {
                numeric[i] = false;
            }
            cells.add(format(value, zone));
        }
        rows.add(cells);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        out.println(line(headers, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, width));
        }
        out.flush();
    }

    private String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(width[i] - cell.length());
            b.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + cell : cell + (i == cells.size() - 1 ? "" : pad));
        }
        return b.toString().stripTrailing();
    }

    /** How a value prints: doubles to 6 significant digits, instants in the local zone, maps as k=v. */
    public static String format(Object value, ZoneId zone) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return formatDouble(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Instant instant) {
            return TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return format(timestamp.toInstant(), zone);
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return format(time.toInstant(), zone);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue(), zone))
                    .collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    public static String formatDouble(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double abs = Math.abs(v);
        if (v != 0 && (abs < 1e-3 || abs >= 1e7)) {
            return String.format(Locale.ROOT, "%.4e", v).replaceAll("\\.?0+e", "e");
        }
        return new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
