package dev.sweep.orchestrator.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's connection provider over H2's own pool (c3p0, Quartz's default, is excluded from the build).
 * Quartz instantiates it by class name and sets {@code url}, {@code user}, {@code password} and
 * {@code maxConnections} from its properties (see {@link QuartzSettings}); {@link #initialize()} then opens the
 * pool and creates Quartz's tables when the database has none yet.
 */
public final class H2ConnectionProvider implements ConnectionProvider {

    private String url;
    private String user = "sa";
    private String password = "";
    private int maxConnections = 6;
    private JdbcConnectionPool pool;

    public void setUrl(String url) {
        this.url = url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public void initialize() throws SQLException {
        if (url == null || url.isBlank()) {
            throw new SQLException("the Quartz data source needs a url, but got none");
        }
        pool = JdbcConnectionPool.create(url, user, password);
        pool.setMaxConnections(maxConnections);
        try (Connection connection = pool.getConnection()) {
            QuartzSchema.ensure(connection);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (pool == null) {
            throw new SQLException("the Quartz data source is not initialized (url=" + url + ")");
        }
        return pool.getConnection();
    }

    @Override
    public void shutdown() {
        if (pool != null) {
            pool.dispose();
            pool = null;
        }
    }
}
