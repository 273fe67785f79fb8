-- Documents with an article, by the number of reader comments under it, in bins that widen as
-- the counts grow (a few pages with hundreds of comments would flatten a bar per count). Every
-- bin is listed, with 0 where no article falls in it; highest is NULL for the open last bin.
WITH counts AS (
    SELECT doc_id, path, count(*) AS comments
    FROM thread_comments
    GROUP BY doc_id, path
),
per_article AS (
    SELECT coalesce(c.comments, 0) AS comments
    FROM documents AS d
    LEFT JOIN counts AS c ON c.doc_id = d.doc_id AND c.path = d.path
    WHERE d.gone_at IS NULL AND d.kind IN ('article', 'article_with_comments')
),
bins(lowest, highest) AS (
    VALUES (0, 0), (1, 1), (2, 5), (6, 10), (11, 20), (21, 50), (51, 100), (101, NULL)
)
SELECT
    b.lowest,
    b.highest,
    count(a.comments) AS articles,
    coalesce(sum(a.comments), 0)::BIGINT AS comments
FROM bins AS b
LEFT JOIN per_article AS a
    ON a.comments >= b.lowest AND (b.highest IS NULL OR a.comments <= b.highest)
GROUP BY b.lowest, b.highest
ORDER BY b.lowest;
