-- Views for ad-hoc SQL (sweep query "..."), documented in results/SCHEMA.md.
-- A trial's value counts for leaderboards only when the trial is COMPLETE and its value is a finite number
-- (ABS(value) <= Double.MAX_VALUE is false for NaN and the infinities).

-- one row per trial and parameter
CREATE VIEW v_trial_params AS
SELECT s.id AS sweep_id, s.name AS sweep, t.id AS trial_id, t.number, t.state, t.value,
       p.name AS param, p.value_text, p.value_num
FROM trial_params p
JOIN trials t ON t.id = p.trial_id
JOIN sweeps s ON s.id = t.sweep_id;

-- one row per trial; the usual BERT fine-tuning params as columns (NULL when a sweep has no such param),
-- every param in the JSON column params
CREATE VIEW v_trials AS
SELECT s.id AS sweep_id, s.name AS sweep, s.metric, s.goal,
       t.id AS trial_id, t.number, t.config, t.repeat, t.state, t.value,
       CAST(DATEDIFF('MILLISECOND', t.started_at, t.finished_at) AS DOUBLE PRECISION) / 1000.0 AS duration_s,
       (SELECT p.value_num FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'learning_rate') AS learning_rate,
       (SELECT p.value_num FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'batch_size') AS batch_size,
       (SELECT p.value_num FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'epochs') AS epochs,
       (SELECT p.value_num FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'max_len') AS max_len,
       (SELECT p.value_text FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'optimizer') AS optimizer,
       (SELECT p.value_num FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'weight_decay') AS weight_decay,
       (SELECT p.value_num FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'dropout') AS dropout,
       (SELECT p.value_num FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'warmup_ratio') AS warmup_ratio,
       (SELECT p.value_text FROM trial_params p WHERE p.trial_id = t.id AND p.name = 'schedule') AS schedule,
       t.params, t.metrics, t.seed, t.attempt, t.worker, t.device,
       t.created_at, t.started_at, t.finished_at, t.stopped_step, t.error
FROM trials t
JOIN sweeps s ON s.id = t.sweep_id;

-- COMPLETE trials with a finite value, ranked within their sweep by its goal (1 = best; ties share a rank)
CREATE VIEW v_leaderboard AS
SELECT RANK() OVER (PARTITION BY t.sweep_id
                    ORDER BY CASE WHEN t.goal = 'maximize' THEN -t.value ELSE t.value END) AS rank,
       t.*
FROM v_trials t
WHERE t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308;

-- the learning_rate x batch_size raster: per sweep and cell, over COMPLETE trials with a finite value:
-- n, mean, sample std (NULL for n = 1), best by goal; n_pruned and n_failed (FAILED, DIVERGED, OOM) beside;
-- best_cell marks the cell with the best mean of its sweep
CREATE VIEW v_raster AS
SELECT c.sweep_id, c.sweep, c.goal, c.learning_rate, c.batch_size, c.n, c.mean, c.std, c.best,
       c.n_pruned, c.n_failed,
       (c.n > 0 AND RANK() OVER (PARTITION BY c.sweep_id
                                  ORDER BY CASE WHEN c.goal = 'maximize' THEN -c.mean ELSE c.mean END NULLS LAST) = 1)
           AS best_cell
FROM (SELECT t.sweep_id, t.sweep, t.goal, t.learning_rate, t.batch_size,
             COUNT(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN 1 END) AS n,
             AVG(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN t.value END) AS mean,
             STDDEV_SAMP(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308
                              THEN t.value END) AS std,
             CASE WHEN t.goal = 'maximize'
                  THEN MAX(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN t.value END)
                  ELSE MIN(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN t.value END)
             END AS best,
             COUNT(CASE WHEN t.state = 'PRUNED' THEN 1 END) AS n_pruned,
             COUNT(CASE WHEN t.state IN ('FAILED', 'DIVERGED', 'OOM') THEN 1 END) AS n_failed
      FROM v_trials t
      WHERE t.learning_rate IS NOT NULL AND t.batch_size IS NOT NULL
      GROUP BY t.sweep_id, t.sweep, t.goal, t.learning_rate, t.batch_size) c;

-- per sweep and optimizer: n, mean, sample std, best (COMPLETE trials with a finite value); n_pruned, n_failed
CREATE VIEW v_compare_optimizer AS
SELECT t.sweep_id, t.sweep, t.goal, t.optimizer,
       COUNT(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN 1 END) AS n,
       AVG(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN t.value END) AS mean,
       STDDEV_SAMP(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308
                        THEN t.value END) AS std,
       CASE WHEN t.goal = 'maximize'
            THEN MAX(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN t.value END)
            ELSE MIN(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN t.value END)
       END AS best,
       COUNT(CASE WHEN t.state = 'PRUNED' THEN 1 END) AS n_pruned,
       COUNT(CASE WHEN t.state IN ('FAILED', 'DIVERGED', 'OOM') THEN 1 END) AS n_failed
FROM v_trials t
WHERE t.optimizer IS NOT NULL
GROUP BY t.sweep_id, t.sweep, t.goal, t.optimizer;

-- every curve point with its sweep and trial number
CREATE VIEW v_curves AS
SELECT s.id AS sweep_id, s.name AS sweep, t.id AS trial_id, t.number, t.state,
       m.step, m.name AS metric, m.value, m.recorded_at
FROM trial_metrics m
JOIN trials t ON t.id = m.trial_id
JOIN sweeps s ON s.id = t.sweep_id;

-- one row per sweep: trials by state and the best finite COMPLETE value
CREATE VIEW v_sweep_summary AS
SELECT s.id AS sweep_id, s.name AS sweep, s.state AS sweep_state, s.metric, s.goal, s.method,
       COUNT(t.id) AS trials,
       COUNT(CASE WHEN t.state = 'WAITING' THEN 1 END) AS n_waiting,
       COUNT(CASE WHEN t.state = 'RUNNING' THEN 1 END) AS n_running,
       COUNT(CASE WHEN t.state = 'COMPLETE' THEN 1 END) AS n_complete,
       COUNT(CASE WHEN t.state = 'PRUNED' THEN 1 END) AS n_pruned,
       COUNT(CASE WHEN t.state IN ('FAILED', 'DIVERGED', 'OOM') THEN 1 END) AS n_failed,
       COUNT(CASE WHEN t.state = 'CANCELLED' THEN 1 END) AS n_cancelled,
       CASE WHEN s.goal = 'maximize'
            THEN MAX(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN t.value END)
            ELSE MIN(CASE WHEN t.state = 'COMPLETE' AND ABS(t.value) <= 1.7976931348623157E308 THEN t.value END)
       END AS best
FROM sweeps s
LEFT JOIN trials t ON t.sweep_id = s.id
GROUP BY s.id, s.name, s.state, s.metric, s.goal, s.method;
