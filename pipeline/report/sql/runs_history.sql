-- The most recent runs, newest first: the files each one read (new and changed ones), the files
-- rejected after it, and how long it took (NULL while it runs, or when it died before the end).
-- n_runs counts every run recorded.
SELECT
    started,
    finished,
    status,
    n_new,
    n_changed,
    n_unchanged,
    n_gone,
    n_rejected,
    epoch(finished - started) AS seconds,
    count(*) OVER () AS n_runs
FROM runs
ORDER BY started DESC
LIMIT 30;
