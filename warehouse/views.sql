-- Convenience views over the three base tables (documents, blocks, rejects).
-- Applied on every load, in file-name order with the other warehouse/*.sql files.

-- One row per document with article content; body = body and heading blocks, blank-line separated.
CREATE OR REPLACE VIEW articles AS
SELECT
    d.doc_id,
    d.path,
    d.title,
    d.authors,
    d.published,
    d.outlet,
    d.language,
    string_agg(b.text, chr(10) || chr(10) ORDER BY b.seq) AS body,
    sum(len(string_split_regex(trim(b.text), '\s+')))::INTEGER AS n_words
FROM documents AS d
JOIN blocks AS b ON b.doc_id = d.doc_id AND b.path = d.path
WHERE b.role IN ('body', 'heading') AND d.gone_at IS NULL
GROUP BY ALL;

-- One row per reader comment; a comment's lines are joined with newlines.
CREATE OR REPLACE VIEW comments AS
SELECT
    b.doc_id,
    b.path,
    min(b.seq) AS seq,
    string_agg(b.text, chr(10) ORDER BY b.seq) AS text,
    min(b.line_start) AS line_start,
    max(b.line_end) AS line_end
FROM blocks AS b
JOIN documents AS d ON d.doc_id = b.doc_id AND d.path = b.path
WHERE b.role = 'comment' AND d.gone_at IS NULL
GROUP BY b.doc_id, b.path, b.comment_id;
