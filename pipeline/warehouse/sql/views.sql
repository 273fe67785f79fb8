-- Convenience views over the three base tables (documents, blocks, rejects).
-- Applied on every load, in file-name order with the other sql/*.sql files.

-- One row per document with article content; body = its article blocks (is_article_role: body and
-- heading, pipeline/stages/roles.py), blank-line separated.
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
WHERE is_article_role(b.role) AND d.gone_at IS NULL
GROUP BY ALL;

-- One row per reader comment of a document still in the input. author and posted come from the
-- comment's header line ("Anna · May 21, 2019", "John says:") and are NULL where the page shows none.
CREATE OR REPLACE VIEW comments AS
SELECT c.doc_id, c.path, c.seq, c.text, c.author, c.posted, c.posted_at, c.depth, c.parent_seq,
       c.line_start, c.line_end
FROM thread_comments AS c
JOIN documents AS d ON d.doc_id = c.doc_id AND d.path = c.path
WHERE d.gone_at IS NULL;
