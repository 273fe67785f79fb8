-- Documents per month of publication, as 'YYYY-MM'. Every month between the first and the last
-- is listed, with 0 where nothing was published, so that the bars read as a time line; documents
-- without a date come last, with month NULL.
WITH live AS (
    SELECT date_trunc('month', published)::DATE AS month
    FROM documents
    WHERE gone_at IS NULL
),
months AS (
    SELECT unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH))::DATE AS month
    FROM live
),
counts AS (
    SELECT month, count(*) AS documents
    FROM live
    GROUP BY month
)
SELECT strftime(m.month, '%Y-%m') AS month, coalesce(c.documents, 0) AS documents
FROM months AS m
LEFT JOIN counts AS c ON c.month = m.month
UNION ALL
SELECT NULL AS month, documents
FROM counts
WHERE month IS NULL
ORDER BY month NULLS LAST;
