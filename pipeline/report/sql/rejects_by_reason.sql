-- Rejected input files per reason, with their size where it is known (a file that cannot be read
-- has none).
SELECT reason, count(*) AS files, sum(n_bytes)::BIGINT AS n_bytes
FROM rejects
GROUP BY reason
ORDER BY files DESC, reason;
