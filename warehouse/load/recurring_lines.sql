-- Corpus-level boilerplate, as CCNet does for paragraphs: a line that recurs in many documents of
-- the warehouse (menus, footers, prompts of one site) is boilerplate, unless it is long prose
-- (a syndicated paragraph is still the article's text). Run inside the load transaction, after
-- the run's rows are in, whenever the set of documents changed.
--
-- blocks.line_hash is computed by the batch workers (pipeline/write.py: line_hash): lower-cased,
-- spaces collapsed, digit runs read as 0 ("© 2019 X" = "© 2020 X").

-- The counts persist: incremental runs and ad-hoc SQL see the knowledge of every earlier run.
CREATE OR REPLACE TABLE line_counts AS
SELECT b.line_hash, count(DISTINCT b.doc_id) AS n_documents, min(b.text) AS example
FROM blocks AS b
JOIN documents AS d ON d.doc_id = b.doc_id AND d.path = b.path
WHERE d.gone_at IS NULL
GROUP BY b.line_hash;

-- Recurring in at least 5 documents, at most 200 characters: boilerplate. Only body and heading
-- lines are re-read this way (titles, bylines and comments recur legitimately); page_role keeps
-- what the page alone said, so a line that stops recurring gets its own role back.
UPDATE blocks AS b
SET role = x.new_role
FROM (
    SELECT
        b.doc_id,
        b.path,
        b.seq,
        CASE
            WHEN c.n_documents >= 5 AND length(b.text) <= 200 AND b.page_role IN ('body', 'heading')
                THEN 'boilerplate'
            ELSE b.page_role
        END AS new_role
    FROM blocks AS b
    LEFT JOIN line_counts AS c ON c.line_hash = b.line_hash
) AS x
WHERE b.doc_id = x.doc_id AND b.path = x.path AND b.seq = x.seq AND b.role <> x.new_role;
