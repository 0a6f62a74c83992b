package dev.sweep.results.h2;

import dev.sweep.results.store.QueryResult;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a user's SQL so that it can only read. Three defences, each enough on its own for the common attacks:
 * <ol>
 *   <li>{@link SqlGuard}: one statement, starting with SELECT or WITH, no word that writes, locks, changes a
 *       setting or touches files ({@code FOR UPDATE}, {@code FINAL TABLE (INSERT …)}, CSVWRITE, LINK_SCHEMA, SET …);</li>
 *   <li>a fresh connection as {@code SWEEP_READER}, a user granted SELECT on the schema and nothing else: H2
 *       refuses it every write, every admin-only function (files, aliases, linked tables, SCRIPT) and every
 *       database setting;</li>
 *   <li>{@code executeQuery} (H2 refuses anything that is not a query before running it), in a read-only
 *       transaction that is always rolled back, with a time limit and a row limit.</li>
 * </ol>
 */
final class ReadOnlyQuery {

    static final String READER = "SWEEP_READER";
    static final String READER_PASSWORD = "sweep-reader";

    private final String url;
    private final int timeoutSeconds;
    private final int maxRows;

    /** Settings of a URL that a connection may give without admin rights; the reader's URL keeps only these. */
    private static final java.util.Set<String> CONNECTION_SETTINGS = java.util.Set.of(
            "AUTO_SERVER", "AUTO_SERVER_PORT", "AUTO_RECONNECT", "NON_KEYWORDS", "IFEXISTS", "ACCESS_MODE_DATA");

    ReadOnlyQuery(String url, int timeoutSeconds, int maxRows) {
        this.url = readerUrl(url);
        this.timeoutSeconds = timeoutSeconds;
        this.maxRows = maxRows;
    }

    /** The store's URL less its database settings (such as WRITE_DELAY), which only an admin may give. */
    static String readerUrl(String url) {
        String[] parts = url.split(";");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].split("=", 2)[0].trim().toUpperCase(java.util.Locale.ROOT);
            if (CONNECTION_SETTINGS.contains(name)) {
                out.append(';').append(parts[i]);
            }
        }
        return out.toString();
    }

    QueryResult run(String sql) {
        SqlGuard.check(sql);
        return runAsReader(sql);
    }

    /** The second and third defences alone (tests use it to show they hold without the first). */
    QueryResult runAsReader(String sql) {
        try (Connection c = DriverManager.getConnection(url, READER, READER_PASSWORD)) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(timeoutSeconds);
                st.setMaxRows(maxRows);
                try (ResultSet rs = st.executeQuery(sql)) {
                    return collect(rs);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("query failed or refused: " + firstLine(e.getMessage()), e);
        }
    }

    private static QueryResult collect(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(md.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(plain(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new QueryResult(columns, rows);
    }

    /** Large objects are read out while the connection is open. */
    private static Object plain(Object value) throws SQLException {
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) Math.min(Integer.MAX_VALUE, blob.length()));
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int eol = message.indexOf('\n');
        return eol < 0 ? message : message.substring(0, eol);
    }
}
