package dev.sweep.results.h2;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.results.store.ValueCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every change of a trial's state, each one guarded in SQL: an UPDATE names the trial, the state it must be in and
 * (for a RUNNING trial) the attempt that holds its lease, so a late write from a lost lease, or any write to a
 * finished trial, changes no row and is reported as refused.
 */
final class TrialTransitions {

    private static final String GUARD = " WHERE id = ? AND state = 'RUNNING' AND attempt = ?";

    private final Jdbc jdbc;
    private final Rows rows;
    private final ValueCodec codec;

    TrialTransitions(Jdbc jdbc, Rows rows, ValueCodec codec) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.codec = codec;
    }

    Optional<TrialRecord> claimNext(long sweepId, String workerId, String device, Instant at, Duration lease) {
        Instant until = at.plus(lease);
        return jdbc.write("claimNext", c -> {
            while (true) {
                long id;
                int attempt;
                try (PreparedStatement ps = Rows.bind(c.prepareStatement("SELECT id, attempt FROM trials "
                        + "WHERE sweep_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1"), sweepId);
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getLong(1);
                    attempt = rs.getInt(2);
                }
                int changed = update(c, "UPDATE trials SET state = 'RUNNING', attempt = attempt + 1, worker = ?, "
                        + "device = ?, lease_until = ?, started_at = ?, error = NULL "
                        + "WHERE id = ? AND state = 'WAITING' AND attempt = ?",
                        workerId, device, until, at, id, attempt);
                if (changed == 1) {
                    if (attempt > 0) { // a retry starts a new curve: the lost attempt's points go
                        update(c, "DELETE FROM trial_metrics WHERE trial_id = ?", id);
                    }
                    return Optional.of(load(c, id));
                }
            }
        });
    }

    boolean heartbeat(long trialId, int attempt, Instant at, Duration lease) {
        return jdbc.writeBuffered("heartbeat", c ->
                update(c, "UPDATE trials SET lease_until = ?" + GUARD, at.plus(lease), trialId, attempt) == 1);
    }

    boolean recordProgress(long trialId, int attempt, long step, Map<String, Double> metrics, Instant at) {
        metrics.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("metric values must be numbers, but got null for '" + name + "'");
            }
        });
        return jdbc.writeBuffered("recordProgress", c -> {
            if (metrics.isEmpty()) {
                return holds(c, trialId, attempt);
            }
            // each point goes in only while the lease holds: the guard is part of the statement
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO trial_metrics m USING (SELECT t.id AS trial_id, "
                    + "CAST(? AS BIGINT) AS step, CAST(? AS VARCHAR) AS name, CAST(? AS DOUBLE PRECISION) AS v, "
                    + "CAST(? AS TIMESTAMP(9) WITH TIME ZONE) AS at FROM trials t "
                    + "WHERE t.id = ? AND t.state = 'RUNNING' AND t.attempt = ?) s "
                    + "ON m.trial_id = s.trial_id AND m.step = s.step AND m.name = s.name "
                    + "WHEN MATCHED THEN UPDATE SET value = s.v, recorded_at = s.at "
                    + "WHEN NOT MATCHED THEN INSERT (trial_id, step, name, value, recorded_at) "
                    + "VALUES (s.trial_id, s.step, s.name, s.v, s.at)")) {
                for (Map.Entry<String, Double> e : metrics.entrySet()) {
                    Rows.bind(ps, step, e.getKey(), e.getValue(), at, trialId, attempt).addBatch();
                }
                int written = 0;
                for (int n : ps.executeBatch()) {
                    written += n;
                }
                return written == metrics.size();
            }
        });
    }

    private static boolean holds(Connection c, long trialId, int attempt) throws SQLException {
        try (PreparedStatement ps = Rows.bind(c.prepareStatement("SELECT 1 FROM trials" + GUARD), trialId, attempt);
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    boolean finish(long trialId, int attempt, Finish f) {
        return jdbc.write("finish", c -> update(c, "UPDATE trials SET state = ?, value = ?, metrics = ?, "
                        + "stopped_step = ?, error = ?, finished_at = ?, lease_until = NULL" + GUARD,
                f.state().name(), f.value(), codec.metricsToJson(f.metrics()), f.stoppedStep(),
                codec.clip(f.error()), f.at(), trialId, attempt) == 1);
    }

    List<TrialRecord> expireLeases(long sweepId, Instant at, int maxRetries, String reason) {
        return requeueWhere("expireLeases", "sweep_id = ? AND state = 'RUNNING' AND lease_until < ?",
                new Object[] {sweepId, at}, at, maxRetries, reason);
    }

    List<TrialRecord> requeueRunning(long sweepId, Instant at, int maxRetries, String reason) {
        return requeueWhere("requeueRunning", "sweep_id = ? AND state = 'RUNNING'",
                new Object[] {sweepId}, at, maxRetries, reason);
    }

    boolean release(long trialId, int attempt, int maxRetries, String reason, Instant at) {
        return jdbc.write("release", c -> requeue(c, trialId, attempt, maxRetries, reason, at));
    }

    int cancelWaiting(long sweepId, Instant at) {
        return jdbc.write("cancelWaiting", c -> update(c, "UPDATE trials SET state = 'CANCELLED', finished_at = ? "
                + "WHERE sweep_id = ? AND state = 'WAITING'", at, sweepId));
    }

    private List<TrialRecord> requeueWhere(String what, String where, Object[] args, Instant at, int maxRetries,
                                           String reason) {
        return jdbc.write(what, c -> {
            List<long[]> candidates = new ArrayList<>();
            try (PreparedStatement ps = Rows.bind(c.prepareStatement(
                    "SELECT id, attempt FROM trials WHERE " + where + " ORDER BY number"), args);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new long[] {rs.getLong(1), rs.getInt(2)});
                }
            }
            List<TrialRecord> changed = new ArrayList<>();
            for (long[] t : candidates) {
                if (requeue(c, t[0], (int) t[1], maxRetries, reason, at)) {
                    changed.add(load(c, t[0]));
                }
            }
            return changed;
        });
    }

    /** Back to WAITING while retries remain (attempt ≤ maxRetries), else FAILED; guarded by the attempt. */
    private boolean requeue(Connection c, long trialId, int attempt, int maxRetries, String reason, Instant at)
            throws SQLException {
        String error = codec.clip(reason);
        if (attempt <= maxRetries) {
            return update(c, "UPDATE trials SET state = 'WAITING', worker = NULL, device = NULL, lease_until = NULL, "
                    + "started_at = NULL, error = ?" + GUARD, error, trialId, attempt) == 1;
        }
        return update(c, "UPDATE trials SET state = 'FAILED', lease_until = NULL, finished_at = ?, error = ?" + GUARD,
                at, error, trialId, attempt) == 1;
    }

    private TrialRecord load(Connection c, long trialId) throws SQLException {
        try (PreparedStatement ps = Rows.bind(c.prepareStatement(
                "SELECT " + Rows.TRIAL_COLUMNS + " FROM trials WHERE id = ?"), trialId);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rows.trial(rs);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = Rows.bind(c.prepareStatement(sql), args)) {
            return ps.executeUpdate();
        }
    }
}
