-- 1. v_trials.duration_s was a DECFLOAT (DOUBLE / 1000.0 is exact arithmetic in H2 2.x); it is a DOUBLE PRECISION
--    now. The views built on v_trials keep working: the column list is unchanged.
-- 2. trial_metrics(name, trial_id) cost every curve point a second index write and served no query of ours
--    (curves are read by trial, through the primary key).
DROP INDEX IF EXISTS trial_metrics_name;

CREATE OR REPLACE VIEW v_trials AS
SELECT s.id AS sweep_id, s.name AS sweep, s.metric, s.goal,
       t.id AS trial_id, t.number, t.config, t.repeat, t.state, t.value,
       CAST(DATEDIFF('MILLISECOND', t.started_at, t.finished_at) AS DOUBLE PRECISION) / 1000 AS duration_s,
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
