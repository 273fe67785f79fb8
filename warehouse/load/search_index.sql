-- The BM25 index (macros in warehouse/views_20_search.sql), kept up to date at each load: the
-- units of documents that left, arrived or had lines relabelled are dropped and rebuilt, and
-- document frequencies move by the postings removed and added (df_delta; search_terms.sql then
-- applies it). pipeline/load.py runs this once per chunk of temp table `search_refresh`
-- (doc_id, path), so that memory stays bounded on a corpus of any size.

CREATE OR REPLACE TEMP TABLE stale_units AS
SELECT u.unit_id FROM search_units AS u
JOIN search_refresh AS r ON r.doc_id = u.doc_id AND r.path = u.path;

INSERT INTO df_delta
SELECT term, -count(*) FROM search_postings
WHERE unit_id IN (SELECT unit_id FROM stale_units)
GROUP BY term;

DELETE FROM search_postings WHERE unit_id IN (SELECT unit_id FROM stale_units);
DELETE FROM search_units WHERE unit_id IN (SELECT unit_id FROM stale_units);

-- The current versions, as the articles and comments views (warehouse/views.sql) define them,
-- but with the refreshed documents picked before the body is aggregated: through the view, every
-- document's body is built first, which does not fit in memory on a large corpus.
-- tests/test_derived_incremental.py checks that the units' text equals the views'.
CREATE OR REPLACE TEMP TABLE fresh_units AS
SELECT hash(doc_id, path, coalesce(seq, -1)) AS unit_id, doc_id, path, role, seq, text
FROM (
    SELECT d.doc_id, d.path, 'article' AS role, NULL::INTEGER AS seq,
           concat_ws(chr(10) || chr(10), d.title, string_agg(b.text, chr(10) || chr(10) ORDER BY b.seq)) AS text
    FROM documents AS d
    JOIN search_refresh AS r ON r.doc_id = d.doc_id AND r.path = d.path
    JOIN blocks AS b ON b.doc_id = r.doc_id AND b.path = r.path
    WHERE b.role IN ('body', 'heading') AND d.gone_at IS NULL
    GROUP BY d.doc_id, d.path, d.title
    UNION ALL
    SELECT c.doc_id, c.path, 'comment' AS role, c.seq, c.text
    FROM comments AS c
    JOIN search_refresh AS r ON r.doc_id = c.doc_id AND r.path = c.path
);

-- The documents of this chunk whose terms the batch workers counted (pipeline/index_terms.py,
-- the same tokens as below: counted_terms). Their counts are used, less the words of their lines
-- relabelled as boilerplate since the page labelled them (short lines: cheap to tokenize here).
-- Every other unit is tokenized here.
CREATE OR REPLACE TEMP TABLE counted_refresh AS
SELECT c.doc_id, c.path FROM counted_documents AS c
JOIN search_refresh AS r ON r.doc_id = c.doc_id AND r.path = c.path;

-- Accents are stripped from the distinct words rather than from the whole text (the slow part):
-- the same tokens as search_tokens, because the text is NFC (normalize.py) and NFC letters match
-- \p{L}.
CREATE OR REPLACE TEMP TABLE fresh_postings AS
WITH
    to_tokenize AS (
        SELECT u.unit_id, u.text, 1 AS sign
        FROM fresh_units AS u
        ANTI JOIN counted_refresh AS c ON c.doc_id = u.doc_id AND c.path = u.path
        UNION ALL
        SELECT hash(b.doc_id, b.path, (-1)::INTEGER), b.text, -1
        FROM blocks AS b
        JOIN counted_refresh AS c ON c.doc_id = b.doc_id AND c.path = b.path
        WHERE b.role <> b.page_role AND b.page_role IN ('body', 'heading')
    ),
    words AS (
        SELECT unit_id, word, sum(sign) AS n
        FROM (
            SELECT unit_id, sign, unnest(regexp_split_to_array(lower(text), '[^\p{L}\p{N}]+')) AS word
            FROM to_tokenize
        )
        WHERE word <> ''
        GROUP BY unit_id, word
    ),
    stripped AS (SELECT word, strip_accents(word) AS term FROM (SELECT DISTINCT word FROM words)),
    counted AS (
        SELECT t.term, hash(t.doc_id, t.path, coalesce(t.seq, -1)) AS unit_id, t.tf AS n
        FROM counted_terms AS t
        JOIN counted_refresh AS c ON c.doc_id = t.doc_id AND c.path = t.path
    )
SELECT term, unit_id, sum(n)::INTEGER AS tf
FROM (
    SELECT s.term, w.unit_id, w.n FROM words AS w JOIN stripped AS s ON s.word = w.word
    UNION ALL
    SELECT term, unit_id, n FROM counted
)
WHERE unit_id IN (SELECT unit_id FROM fresh_units)  -- an article all relabelled is no unit
GROUP BY term, unit_id
HAVING sum(n) > 0;

INSERT INTO search_postings SELECT term, unit_id, tf FROM fresh_postings;

INSERT INTO search_units
SELECT u.unit_id, u.doc_id, u.path, u.role, u.seq, u.text, coalesce(n.n_tokens, 0)::INTEGER
FROM fresh_units AS u
LEFT JOIN (SELECT unit_id, sum(tf) AS n_tokens FROM fresh_postings GROUP BY unit_id) AS n
    ON n.unit_id = u.unit_id;

INSERT INTO df_delta SELECT term, count(*) FROM fresh_postings GROUP BY term;
