package dev.sweep.orchestrator.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Creates Quartz's JDBC job-store tables from the {@code tables_h2.sql} that ships inside the Quartz jar. */
final class QuartzSchema {

    static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_h2.sql";

    private QuartzSchema() {
    }

    /** Creates the tables unless {@code QRTZ_JOB_DETAILS} exists already. */
    static void ensure(Connection connection) throws SQLException {
        if (exists(connection)) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script())) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            if (!exists(connection)) { // another process may have created them at the same moment
                throw e;
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "QRTZ_JOB_DETAILS", null)) {
            return tables.next();
        }
    }

    private static String script() {
        try (InputStream in = QuartzSchema.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("Quartz's schema " + SCRIPT + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Quartz's schema " + SCRIPT, e);
        }
    }

    /** Splits the script on semicolons, dropping comment lines and its trailing COMMIT. */
    static List<String> statements(String script) {
        StringBuilder body = new StringBuilder();
        for (String line : script.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : body.toString().split(";")) {
            String sql = part.strip();
            if (!sql.isEmpty() && !sql.toUpperCase(Locale.ROOT).equals("COMMIT")) {
                out.add(sql);
            }
        }
        return out;
    }
}
