# Statements that `sweep sql` must refuse (exit 2) without changing anything; separated by lines of '=' signs.
# Lines starting with '#' are comments of this file, not SQL.
DELETE FROM trials
====
UPDATE trials SET value = 0
====
DROP TABLE trials
====
INSERT INTO sweeps (name, spec_text, spec_hash, metric, goal, seed, state) VALUES ('x', 'x', 'x', 'v', 'minimize', 1, 'CREATED')
====
TRUNCATE TABLE trial_metrics
====
SELECT 1; DELETE FROM trials
====
SELECT 1 /* ; */; DROP TABLE sweeps
====
select 1 --
; delete from trials
====
SELECT * FROM FINAL TABLE (DELETE FROM trials)
====
WITH gone AS (SELECT * FROM OLD TABLE (DELETE FROM trials)) SELECT * FROM gone
====
SELECT * FROM trials FOR UPDATE
====
SELECT SET(@x, 1)
====
SELECT CSVWRITE('/tmp/sweep-faults-stolen.csv', 'SELECT * FROM trials')
====
SELECT FILE_WRITE('stolen', '/tmp/sweep-faults-stolen.txt')
====
SELECT * FROM CSVREAD('/etc/hostname')
====
CREATE ALIAS EXEC AS 'String exec(String s) throws Exception { return s; }'
====
CALL 1
====
SCRIPT TO '/tmp/sweep-faults-dump.sql'
====
SHUTDOWN
====
SET AUTOCOMMIT TRUE
====
MERGE INTO sweeps KEY (id) VALUES (1, 'x', 'x', 'x', NULL, NULL, 'v', 'minimize', 1, 'CANCELLED', NULL, NULL, NULL)
====
EXPLAIN ANALYZE SELECT * FROM trials
====
SELECT NEXT VALUE FOR no_such_sequence
====
(DELETE FROM trials)
====
 
====
SeLeCt 1;;DeLeTe FROM trials
