-- The articles that may be republished copies: those sharing at least one LSH band (ROWS_PER_BAND
-- consecutive MinHash values, pipeline/stages/syndication.py) with another document. Only these leave
-- DuckDB for the exact comparison, so the load's memory does not grow with the corpus through
-- 100,000 signatures held in Python. Bands are compared by hash: a collision only adds a
-- candidate, which the exact comparison then rejects.
--
-- Parameters: $bands, $rows (per band). Rows come back sorted by path.
WITH bands AS (
    SELECT d.rowid AS row_id, band, hash(d.minhash[band * $rows + 1 : (band + 1) * $rows]) AS key
    FROM documents AS d, range($bands) AS r(band)
    WHERE d.gone_at IS NULL AND d.minhash IS NOT NULL
),
shared AS (
    SELECT band, key FROM bands GROUP BY band, key HAVING count(*) > 1
),
candidates AS (
    SELECT DISTINCT row_id FROM bands SEMI JOIN shared USING (band, key)
)
SELECT d.doc_id, d.path, d.outlet, d.published, d.minhash
FROM documents AS d
SEMI JOIN candidates AS c ON c.row_id = d.rowid
-- has a row in the articles view; asked of blocks (the view builds every body)
WHERE EXISTS (
    SELECT 1 FROM blocks AS b
    WHERE b.doc_id = d.doc_id AND b.path = d.path AND is_article_role(b.role)
)
ORDER BY d.path
