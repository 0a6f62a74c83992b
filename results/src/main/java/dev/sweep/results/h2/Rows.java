package dev.sweep.results.h2;

import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.results.store.ValueCodec;
import dev.sweep.search.study.TrialState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps rows of the store's tables to records, and records' fields to statement parameters. */
final class Rows {

    static final String SWEEP_COLUMNS = "id, name, spec_text, spec_hash, source_path, method, metric, goal, seed, "
            + "state, message, created_at, updated_at";
    static final String TRIAL_COLUMNS = "id, sweep_id, number, config, repeat, params, seed, state, attempt, worker, "
            + "device, lease_until, created_at, started_at, finished_at, value, metrics, stopped_step, error";

    private final ValueCodec codec;

    Rows(ValueCodec codec) {
        this.codec = codec;
    }

    SweepRecord sweep(ResultSet rs) throws SQLException {
        return new SweepRecord(rs.getLong("id"), rs.getString("name"), rs.getString("spec_text"),
                rs.getString("spec_hash"), rs.getString("source_path"), rs.getString("method"),
                rs.getString("metric"), rs.getString("goal"), rs.getLong("seed"),
                SweepState.valueOf(rs.getString("state")), rs.getString("message"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    TrialRecord trial(ResultSet rs) throws SQLException {
        double value = rs.getDouble("value");
        Double boxedValue = rs.wasNull() ? null : value;
        long stopped = rs.getLong("stopped_step");
        Long boxedStopped = rs.wasNull() ? null : stopped;
        return new TrialRecord(rs.getLong("id"), rs.getLong("sweep_id"), rs.getInt("number"), rs.getInt("config"),
                rs.getInt("repeat"), codec.paramsFromJson(rs.getString("params")), rs.getLong("seed"),
                TrialState.valueOf(rs.getString("state")), rs.getInt("attempt"), rs.getString("worker"),
                rs.getString("device"), instant(rs, "lease_until"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), boxedValue,
                codec.metricsFromJson(rs.getString("metrics")), boxedStopped, rs.getString("error"));
    }

    MetricPoint metric(ResultSet rs) throws SQLException {
        return new MetricPoint(rs.getLong("trial_id"), rs.getLong("step"), rs.getString("name"),
                rs.getDouble("value"), instant(rs, "recorded_at"));
    }

    List<SweepRecord> sweeps(ResultSet rs) throws SQLException {
        List<SweepRecord> out = new ArrayList<>();
        while (rs.next()) {
            out.add(sweep(rs));
        }
        return out;
    }

    List<TrialRecord> trials(ResultSet rs) throws SQLException {
        List<TrialRecord> out = new ArrayList<>();
        while (rs.next()) {
            out.add(trial(rs));
        }
        return out;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Instant.class);
    }

    /** Binds the parameters in order; null Instants and numbers become SQL NULLs of the right type. */
    static PreparedStatement bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (v instanceof Instant at) {
                ps.setObject(i + 1, at);
            } else if (v instanceof Double d) {
                ps.setDouble(i + 1, d);
            } else {
                ps.setObject(i + 1, v);
            }
        }
        return ps;
    }
}
