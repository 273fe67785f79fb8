-- Corpus-level boilerplate, as CCNet does for paragraphs: a line that recurs in many documents of
-- the warehouse (menus, footers, prompts of one site) is boilerplate, unless it is long prose (a
-- syndicated paragraph is still the article's text).
--
-- Runs inside the load transaction. blocks.line_hash comes from the batch workers
-- (pipeline/warehouse/write.py); the thresholds are in pipeline/settings.py.
-- Temp tables (pipeline/warehouse/temp_tables.py): reads `arrived` (doc_id, path: documents new
-- in this run) and `retired_lines` (line_hash, n: lines of the documents that left, counted
-- before they were deleted); writes `relabelled` (doc_id, path).

-- The counts persist and move only by what arrived and what left.
CREATE OR REPLACE TEMP TABLE arrived_lines AS
SELECT b.line_hash, count(DISTINCT b.path) AS n, min(b.text) AS example
FROM blocks AS b
JOIN arrived AS a ON a.doc_id = b.doc_id AND a.path = b.path
WHERE b.line_hash IS NOT NULL
GROUP BY b.line_hash;

CREATE OR REPLACE TABLE line_counts AS
SELECT line_hash, sum(n_documents)::BIGINT AS n_documents, min(example) AS example
FROM (
    SELECT line_hash, n_documents, example FROM line_counts
    UNION ALL SELECT line_hash, -n, NULL FROM retired_lines
    UNION ALL SELECT line_hash, n, example FROM arrived_lines
)
GROUP BY line_hash
HAVING sum(n_documents) > 0;

-- Recurring in at least RECURRING_LINE_DOCUMENTS documents: boilerplate (only lines of at most
-- RECURRING_LINE_CHARS characters have a line_hash). Only article lines are re-read this way (titles,
-- bylines and comments recur legitimately); page_role keeps what the page alone said, so a line
-- that stops recurring gets its own role back. Only lines whose count moved are looked at.
CREATE OR REPLACE TEMP TABLE relabel AS
SELECT b.doc_id, b.path, b.seq, x.new_role
FROM blocks AS b
JOIN (
    SELECT line_hash FROM arrived_lines UNION SELECT line_hash FROM retired_lines
) AS moved ON moved.line_hash = b.line_hash
LEFT JOIN line_counts AS c ON c.line_hash = b.line_hash
CROSS JOIN LATERAL (
    SELECT CASE
        WHEN c.n_documents >= recurring_line_documents() AND is_article_role(b.page_role)
            THEN 'boilerplate'
        ELSE b.page_role
    END AS new_role
) AS x
WHERE b.role <> x.new_role;

UPDATE blocks AS b
SET role = r.new_role
FROM relabel AS r
WHERE b.doc_id = r.doc_id AND b.path = r.path AND b.seq = r.seq;

-- Documents already in the warehouse whose lines changed role: their derived rows are refreshed.
CREATE OR REPLACE TEMP TABLE relabelled AS
SELECT DISTINCT r.doc_id, r.path
FROM relabel AS r
JOIN documents AS d ON d.doc_id = r.doc_id AND d.path = r.path AND d.gone_at IS NULL
WHERE NOT EXISTS (SELECT 1 FROM arrived AS a WHERE a.doc_id = r.doc_id AND a.path = r.path);
