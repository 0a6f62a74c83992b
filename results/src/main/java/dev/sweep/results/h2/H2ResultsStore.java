package dev.sweep.results.h2;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.QueryResult;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.results.store.ValueCodec;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results store in an H2 database file (e.g. {@code runs/sweep.mv.db}), or at any H2 JDBC URL. Flyway creates
 * and upgrades the schema ({@code db/migration}). Every change of state or result is in the file when its call
 * returns ({@code CHECKPOINT} after the commit), so a crashed or killed orchestrator loses none; heartbeats and
 * curve points are committed at once and written within H2's write delay (1 s) — a RUNNING trial is requeued and
 * re-run after a crash anyway (see {@link Jdbc}). Settings for a file: {@code AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE}
 * (a second process, e.g. the dashboard, opens the same file while the orchestrator writes: the first process
 * serves it over a local TCP port recorded in the lock file), {@code NON_KEYWORDS=VALUE,KEY} and
 * {@code QUERY_CACHE_SIZE=64}. The H2 console is never started. See results/SCHEMA.md.
 */
public final class H2ResultsStore implements ResultsStore {

    private static final Logger log = LoggerFactory.getLogger(H2ResultsStore.class);
    private static final String DUPLICATE = "23505";
    private static final String NO_PARENT = "23506";

    private final String url;
    private final ValueCodec codec = new ValueCodec();
    private final Rows rows = new Rows(codec);
    private final Jdbc jdbc;
    private final TrialTransitions transitions;
    private final ReadOnlyQuery reader;

    private H2ResultsStore(String url, String user, String password) {
        this.url = url;
        this.jdbc = new Jdbc(url, user, password); // first: it keeps an in-memory database alive for Flyway's
        try {
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            jdbc.close();
            throw e;
        }
        this.transitions = new TrialTransitions(jdbc, rows, codec);
        this.reader = new ReadOnlyQuery(url, 60, 100_000);
        log.debug("results store open at {}", url);
    }

    /** Opens (creating it and its folder if needed) the database file; {@code .mv.db} may be given or left off. */
    public static H2ResultsStore open(Path databaseFile) {
        return open(H2Urls.fileUrl(databaseFile), "sa", "");
    }

    /** Opens an H2 JDBC URL as user {@code sa} with an empty password. */
    public static H2ResultsStore open(String jdbcUrl) {
        return open(jdbcUrl, "sa", "");
    }

    /** Opens an H2 JDBC URL; {@code NON_KEYWORDS=VALUE,KEY} is added when absent, other settings are the URL's. */
    public static H2ResultsStore open(String jdbcUrl, String user, String password) {
        return new H2ResultsStore(H2Urls.withNonKeywords(jdbcUrl), user, password);
    }

    /** The JDBC URL this store uses for a database file (its folder is created). */
    public static String fileUrl(Path databaseFile) {
        return H2Urls.fileUrl(databaseFile);
    }

    public String url() {
        return url;
    }

    // ---- sweeps ----

    @Override
    public SweepRecord createSweep(NewSweep s) {
        String goal = Goal.parse(s.goal()).name().toLowerCase(Locale.ROOT);
        long id = jdbc.write("createSweep", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sweeps (name, spec_text, spec_hash, "
                    + "source_path, method, metric, goal, seed, state, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                Rows.bind(ps, s.name(), s.specText(), s.specHash(), s.sourcePath(), s.method(), s.metricName(), goal,
                        s.seed(), SweepState.CREATED.name(), s.createdAt(), s.createdAt()).executeUpdate();
                return generatedKey(ps);
            } catch (SQLException e) {
                if (DUPLICATE.equals(e.getSQLState())) {
                    throw new IllegalStateException("sweep names must be unique, but a sweep named '" + s.name()
                            + "' exists", e);
                }
                throw e;
            }
        });
        return findSweep(id).orElseThrow();
    }

    @Override
    public Optional<SweepRecord> findSweep(String name) {
        return oneSweep("WHERE name = ?", name);
    }

    @Override
    public Optional<SweepRecord> findSweep(long id) {
        return oneSweep("WHERE id = ?", id);
    }

    @Override
    public List<SweepRecord> listSweeps() {
        return jdbc.read("listSweeps", c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + Rows.SWEEP_COLUMNS + " FROM sweeps ORDER BY id")) {
                return rows.sweeps(rs);
            }
        });
    }

    @Override
    public void setSweepState(long sweepId, SweepState state, String message, Instant at) {
        int changed = jdbc.write("setSweepState", c -> update(c,
                "UPDATE sweeps SET state = ?, message = ?, updated_at = ? WHERE id = ?",
                state.name(), codec.clip(message), at, sweepId));
        if (changed == 0) {
            throw new IllegalArgumentException("a sweep's state can be set only for a stored sweep, but there is "
                    + "no sweep with id " + sweepId);
        }
    }

    private Optional<SweepRecord> oneSweep(String where, Object key) {
        return jdbc.read("findSweep", c -> {
            try (PreparedStatement ps = Rows.bind(c.prepareStatement(
                    "SELECT " + Rows.SWEEP_COLUMNS + " FROM sweeps " + where), key);
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rows.sweep(rs)) : Optional.empty();
            }
        });
    }

    // ---- trials ----

    @Override
    public TrialRecord addTrial(long sweepId, NewTrial trial, Instant at) {
        Map<String, Object> params = codec.normalizeParams(trial.params());
        long id = jdbc.write("addTrial", c -> {
            long trialId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (sweep_id, number, config, repeat, "
                    + "params, seed, state, attempt, created_at) VALUES (?, ?, ?, ?, ?, ?, 'WAITING', 0, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                Rows.bind(ps, sweepId, trial.number(), trial.config(), trial.repeat(), codec.paramsToJson(params),
                        trial.seed(), at).executeUpdate();
                trialId = generatedKey(ps);
            } catch (SQLException e) {
                throw refusedTrial(e, sweepId, trial.number());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO trial_params (trial_id, name, value_text, value_num) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, Object> p : params.entrySet()) {
                    ValueCodec.ParamCell cell = codec.cell(p.getValue());
                    Rows.bind(ps, trialId, p.getKey(), cell.text(), cell.number()).addBatch();
                }
                ps.executeBatch();
            }
            return trialId;
        });
        return trial(id).orElseThrow();
    }

    private static RuntimeException refusedTrial(SQLException e, long sweepId, int number) {
        if (DUPLICATE.equals(e.getSQLState())) {
            return new IllegalStateException("trial numbers must be unique in a sweep, but sweep " + sweepId
                    + " has a trial " + number, e);
        }
        if (NO_PARENT.equals(e.getSQLState())) {
            return new IllegalArgumentException("a trial must belong to a stored sweep, but there is no sweep with id "
                    + sweepId, e);
        }
        return new dev.sweep.results.store.ResultsStoreException("addTrial failed: " + e.getMessage(), e);
    }

    @Override
    public Optional<TrialRecord> claimNext(long sweepId, String workerId, String device, Instant at, Duration lease) {
        return transitions.claimNext(sweepId, workerId, device, at, lease);
    }

    @Override
    public boolean heartbeat(long trialId, int attempt, Instant at, Duration lease) {
        return transitions.heartbeat(trialId, attempt, at, lease);
    }

    @Override
    public boolean recordProgress(long trialId, int attempt, long step, Map<String, Double> metrics, Instant at) {
        return transitions.recordProgress(trialId, attempt, step, metrics, at);
    }

    @Override
    public boolean finish(long trialId, int attempt, Finish finish) {
        return transitions.finish(trialId, attempt, finish);
    }

    @Override
    public List<TrialRecord> expireLeases(long sweepId, Instant at, int maxRetries, String reason) {
        return transitions.expireLeases(sweepId, at, maxRetries, reason);
    }

    @Override
    public List<TrialRecord> requeueRunning(long sweepId, Instant at, int maxRetries, String reason) {
        return transitions.requeueRunning(sweepId, at, maxRetries, reason);
    }

    @Override
    public boolean release(long trialId, int attempt, int maxRetries, String reason, Instant at) {
        return transitions.release(trialId, attempt, maxRetries, reason, at);
    }

    @Override
    public int cancelWaiting(long sweepId, Instant at) {
        return transitions.cancelWaiting(sweepId, at);
    }

    @Override
    public Optional<TrialRecord> trial(long trialId) {
        return trialsWhere("id = ?", trialId).stream().findFirst();
    }

    @Override
    public Optional<TrialRecord> trial(long sweepId, int number) {
        return trialsWhere("sweep_id = ? AND number = ?", sweepId, number).stream().findFirst();
    }

    @Override
    public List<TrialRecord> trials(long sweepId) {
        return trialsWhere("sweep_id = ?", sweepId);
    }

    private List<TrialRecord> trialsWhere(String where, Object... args) {
        return jdbc.read("trials", c -> {
            try (PreparedStatement ps = Rows.bind(c.prepareStatement(
                    "SELECT " + Rows.TRIAL_COLUMNS + " FROM trials WHERE " + where + " ORDER BY number"), args);
                 ResultSet rs = ps.executeQuery()) {
                return rows.trials(rs);
            }
        });
    }

    @Override
    public Map<TrialState, Integer> countByState(long sweepId) {
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) {
            counts.put(s, 0);
        }
        return jdbc.read("countByState", c -> {
            try (PreparedStatement ps = Rows.bind(c.prepareStatement(
                    "SELECT state, COUNT(*) FROM trials WHERE sweep_id = ? GROUP BY state"), sweepId);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(TrialState.valueOf(rs.getString(1)), rs.getInt(2));
                }
            }
            return Collections.unmodifiableMap(counts);
        });
    }

    @Override
    public List<MetricPoint> metrics(long trialId) {
        return points("SELECT trial_id, step, name, value, recorded_at FROM trial_metrics WHERE trial_id = ? "
                + "ORDER BY step, name", trialId);
    }

    @Override
    public List<MetricPoint> sweepMetrics(long sweepId) {
        // read in index order and sorted here: H2 would sort the whole join (hundreds of thousands of rows) itself
        return jdbc.read("sweepMetrics", c -> {
            record Numbered(int number, MetricPoint point) { }
            List<Numbered> out = new ArrayList<>();
            try (PreparedStatement ps = Rows.bind(c.prepareStatement("SELECT t.number, m.trial_id, m.step, m.name, "
                    + "m.value, m.recorded_at FROM trials t JOIN trial_metrics m ON m.trial_id = t.id "
                    + "WHERE t.sweep_id = ?"), sweepId); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Numbered(rs.getInt(1), rows.metric(rs)));
                }
            }
            out.sort(java.util.Comparator.comparingInt(Numbered::number)
                    .thenComparingLong(n -> n.point().step()).thenComparing(n -> n.point().name()));
            return out.stream().map(Numbered::point).toList();
        });
    }

    private List<MetricPoint> points(String sql, long key) {
        return jdbc.read("metrics", c -> {
            try (PreparedStatement ps = Rows.bind(c.prepareStatement(sql), key); ResultSet rs = ps.executeQuery()) {
                List<MetricPoint> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rows.metric(rs));
                }
                return out;
            }
        });
    }

    // ---- provenance ----

    @Override
    public void putProvenance(long trialId, Map<String, String> provenance) {
        provenance.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("provenance keys and values must not be null, but got "
                        + k + "=" + v);
            }
        });
        jdbc.write("putProvenance", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO provenance (trial_id, key, value) KEY (trial_id, key) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> e : provenance.entrySet()) {
                    Rows.bind(ps, trialId, e.getKey(), codec.clip(e.getValue())).addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                if (NO_PARENT.equals(e.getSQLState()) || e.getCause() instanceof SQLException s
                        && NO_PARENT.equals(s.getSQLState())) {
                    throw new IllegalArgumentException("provenance must belong to a stored trial, but there is no "
                            + "trial with id " + trialId, e);
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public Map<String, String> provenance(long trialId) {
        return jdbc.read("provenance", c -> {
            try (PreparedStatement ps = Rows.bind(c.prepareStatement(
                    "SELECT key, value FROM provenance WHERE trial_id = ? ORDER BY key"), trialId);
                 ResultSet rs = ps.executeQuery()) {
                Map<String, String> out = new TreeMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
                return Collections.unmodifiableMap(out);
            }
        });
    }

    // ---- transactions and queries ----

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jdbc.transaction(work);
    }

    /**
     * Runs one read-only SELECT/WITH statement (see {@link ReadOnlyQuery} for how that is enforced), at most 60 s
     * and 100,000 rows. Values are as H2's JDBC driver returns them (timestamps as OffsetDateTime, CLOBs as text).
     */
    @Override
    public QueryResult query(String sql) {
        return reader.run(sql);
    }

    /** For tests: the query path without the lexical guard, to show the other defences hold on their own. */
    QueryResult queryWithoutGuard(String sql) {
        return reader.runAsReader(sql);
    }

    @Override
    public void close() {
        jdbc.close();
    }

    private static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = Rows.bind(c.prepareStatement(sql), args)) {
            return ps.executeUpdate();
        }
    }
}
