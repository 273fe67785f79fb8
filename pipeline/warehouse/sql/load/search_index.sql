-- The BM25 index (macros in sql/views_20_search.sql), kept up to date at each load: the
-- units of documents that left, arrived or had lines relabelled are dropped and rebuilt, and
-- document frequencies move by the postings removed and added (df_delta; search_terms.sql then
-- applies it). pipeline/warehouse/load.py runs this once per chunk of documents, so that memory
-- stays bounded on a corpus of any size.
-- Temp tables (pipeline/warehouse/temp_tables.py): reads `search_refresh` (doc_id, path: this
-- chunk's documents); appends to `df_delta` (term, n).

CREATE OR REPLACE TEMP TABLE stale_units AS
SELECT u.unit_id FROM search_units AS u
JOIN search_refresh AS r ON r.doc_id = u.doc_id AND r.path = u.path;

INSERT INTO df_delta
SELECT term, -count(*) FROM search_postings
WHERE unit_id IN (SELECT unit_id FROM stale_units)
GROUP BY term;

DELETE FROM search_postings WHERE unit_id IN (SELECT unit_id FROM stale_units);
DELETE FROM search_units WHERE unit_id IN (SELECT unit_id FROM stale_units);

-- The current versions, as the articles and comments views (sql/views.sql) define them,
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
    WHERE is_article_role(b.role) AND d.gone_at IS NULL
    GROUP BY d.doc_id, d.path, d.title
    UNION ALL
    SELECT c.doc_id, c.path, 'comment' AS role, c.seq, c.text
    FROM comments AS c
    JOIN search_refresh AS r ON r.doc_id = c.doc_id AND r.path = c.path
);

-- Tokenized line by line (the title, each article block, each line of a comment), not a unit's
-- whole text at once: DuckDB's unnest of one list takes time in the square of its length (the 10
-- million words of a 60 MB article took 115 s of CPU, its 237,000 lines take none), while many short
-- lists go linearly and in parallel. The words are the same: what joins the lines is no word.
CREATE OR REPLACE TEMP TABLE fresh_lines AS
SELECT u.unit_id, b.text
FROM fresh_units AS u
JOIN blocks AS b ON b.doc_id = u.doc_id AND b.path = u.path
WHERE u.role = 'article' AND is_article_role(b.role)
UNION ALL
SELECT u.unit_id, d.title
FROM fresh_units AS u
JOIN documents AS d ON d.doc_id = u.doc_id AND d.path = u.path
WHERE u.role = 'article' AND d.gone_at IS NULL AND d.title IS NOT NULL
UNION ALL
SELECT unit_id, unnest(string_split(text, chr(10))) FROM fresh_units WHERE role = 'comment';

-- Tokenized once, here, as search_tokens does (sql/views_20_search.sql), but the regular expression
-- and the accent stripping run on distinct pieces, not on every word: each line (lower-cased) is
-- first cut at its spaces, a split that costs a fifth of the regular expression's, and the pieces
-- are counted per unit; only the distinct pieces ('word', 'word,', '(well-known') are then split
-- by search_split into words and stripped into terms. A space is no part of a word, so the words
-- of a line are those of its pieces, each counted as often; what joins the lines is no word either.
-- Every posting is grouped once, by term, after the join: two pieces may give one term ('word'
-- and 'word,', 'café' and 'cafe'). On 5,000 benchmark pages (7.6 million words, 24,000 distinct
-- pieces) the statement took 4.4-5.0 s of CPU when every word went through the regular expression,
-- 3.5-4.4 s this way (a busy machine; 3.1 against 4.3 s on one thread).
CREATE OR REPLACE TEMP TABLE fresh_postings AS
WITH
    pieces AS (
        SELECT unit_id, piece, count(*) AS n
        FROM (SELECT unit_id, unnest(string_split(lower(text), ' ')) AS piece FROM fresh_lines)
        WHERE piece <> ''
        GROUP BY unit_id, piece
    ),
    terms AS (
        SELECT piece, strip_accents(word) AS term
        FROM (SELECT piece, unnest(search_split(piece)) AS word FROM (SELECT DISTINCT piece FROM pieces))
        WHERE word <> '' AND strip_accents(word) <> ''  -- not a "word" of marks alone
    )
SELECT t.term, p.unit_id, sum(p.n)::INTEGER AS tf
FROM pieces AS p
JOIN terms AS t ON t.piece = p.piece
GROUP BY t.term, p.unit_id;

INSERT INTO search_postings SELECT term, unit_id, tf FROM fresh_postings;

INSERT INTO search_units
SELECT u.unit_id, u.doc_id, u.path, u.role, u.seq, u.text, coalesce(n.n_tokens, 0)::INTEGER
FROM fresh_units AS u
LEFT JOIN (SELECT unit_id, sum(tf) AS n_tokens FROM fresh_postings GROUP BY unit_id) AS n
    ON n.unit_id = u.unit_id;

INSERT INTO df_delta SELECT term, count(*) FROM fresh_postings GROUP BY term;
