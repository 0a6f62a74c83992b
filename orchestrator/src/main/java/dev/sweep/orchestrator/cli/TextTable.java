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

/**
 * A table of values for the terminal: formats each value (doubles to 6 significant digits, instants in the local
 * zone, maps as k=v) and renders with the results module's {@link dev.sweep.results.leaderboard.TextTable}
 * (columns padded, numbers right-aligned), so every table of the CLI looks alike.
 */
public final class TextTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final dev.sweep.results.leaderboard.TextTable table;
    private final int columns;
    private final ZoneId zone;
    private int rows;

    public TextTable(List<String> headers, ZoneId zone) {
        this.table = new dev.sweep.results.leaderboard.TextTable(headers);
        this.columns = headers.size();
        this.zone = zone;
    }

    public TextTable add(List<?> values) {
        if (values.size() != columns) {
            throw new IllegalArgumentException("a row needs " + columns + " values, but got " + values.size());
        }
        List<String> cells = new ArrayList<>(values.size());
        for (Object value : values) {
            cells.add(format(value, zone));
        }
        table.row(cells);
        rows++;
        return this;
    }

    public int size() {
        return rows;
    }

    public void print(PrintWriter out) {
        out.print(table.render());
        out.flush();
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
