-- The numbers at the top of the report, as one row. Documents whose file is gone from the input
-- (gone_at set) are history and left out, as are their blocks. boilerplate_share is NULL when
-- there are no blocks at all.
SELECT
    (SELECT count(*) FROM documents WHERE gone_at IS NULL) AS documents,
    (SELECT count(DISTINCT outlet) FROM documents WHERE gone_at IS NULL) AS outlets,
    (SELECT count(*) FROM rejects) AS rejects,
    count(*) AS blocks,
    count(*) FILTER (WHERE b.role = 'boilerplate') / nullif(count(*), 0) AS boilerplate_share
FROM blocks AS b
JOIN documents AS d ON d.doc_id = b.doc_id AND d.path = b.path
WHERE d.gone_at IS NULL;
