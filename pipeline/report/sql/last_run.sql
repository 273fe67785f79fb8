-- The most recent run: when it ended (NULL while it is still running or if it died) and how.
SELECT started, finished, status
FROM runs
ORDER BY started DESC
LIMIT 1;
