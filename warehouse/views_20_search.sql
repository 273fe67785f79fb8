-- Full-text search with BM25 ranking, built in plain SQL at every load: DuckDB's fts extension
-- needs a download that fails offline, and no wheel of it matches DuckDB 2.0.x.
-- A unit of search is an article (its title and body, from the articles view) or one reader
-- comment (comments.text).

-- The tokenizer, shared by the index and the queries: lower case, accents stripped, split on
-- anything that is not a letter or a digit ("Molotov-Ribbentrop" → molotov, ribbentrop).
-- No stemming and no stop words: BM25's IDF already gives common words almost no weight.
CREATE OR REPLACE MACRO search_tokens(text) AS
    list_filter(regexp_split_to_array(strip_accents(lower(text)), '[^\p{L}\p{N}]+'), lambda t: t <> '');

CREATE OR REPLACE TABLE search_units AS
SELECT
    row_number() OVER (ORDER BY path, seq NULLS FIRST)::INTEGER AS unit_id,
    doc_id,
    path,
    role,
    seq,
    text
FROM (
    SELECT doc_id, path, 'article' AS role, NULL::INTEGER AS seq,
           concat_ws(chr(10) || chr(10), title, body) AS text
    FROM articles
    UNION ALL
    SELECT doc_id, path, 'comment' AS role, seq, text FROM comments
);

-- Term frequencies; sorted by term so a lookup reads only the row groups that hold its terms.
-- The text is tokenized once, here: a unit's length is the sum of its term frequencies. Accents
-- are stripped from the distinct words rather than from the whole text (the slow part): the
-- same tokens as search_tokens, because the text is NFC (normalize.py) and NFC letters match \p{L}.
CREATE OR REPLACE TABLE search_postings AS
WITH
    words AS (
        SELECT unit_id, word, count(*) AS n
        FROM (
            SELECT unit_id, unnest(regexp_split_to_array(lower(text), '[^\p{L}\p{N}]+')) AS word
            FROM search_units
        )
        WHERE word <> ''
        GROUP BY unit_id, word
    ),
    stripped AS (SELECT word, strip_accents(word) AS term FROM (SELECT DISTINCT word FROM words))
SELECT s.term, w.unit_id, sum(w.n)::INTEGER AS tf
FROM words AS w
JOIN stripped AS s ON s.word = w.word
GROUP BY s.term, w.unit_id
ORDER BY s.term, w.unit_id;

CREATE OR REPLACE TABLE search_units AS
SELECT u.*, coalesce(n.n_tokens, 0)::INTEGER AS n_tokens
FROM search_units AS u
LEFT JOIN (SELECT unit_id, sum(tf) AS n_tokens FROM search_postings GROUP BY unit_id) AS n
    ON n.unit_id = u.unit_id
ORDER BY u.unit_id;

-- Document frequency and BM25's IDF in its non-negative form: ln(1 + (N - df + 0.5) / (df + 0.5)).
CREATE OR REPLACE TABLE search_terms AS
SELECT
    p.term,
    count(*)::INTEGER AS df,
    ln(1 + (n.units - count(*) + 0.5) / (count(*) + 0.5)) AS idf
FROM search_postings AS p, (SELECT count(*) AS units FROM search_units) AS n
GROUP BY p.term, n.units
ORDER BY p.term;

-- A window of `width` characters of `text` around the first whole-token match of a query term,
-- whitespace collapsed, with … where it was cut.
CREATE OR REPLACE MACRO search_snippet(text, query, width := 160) AS (
    WITH found AS (
        SELECT greatest(
            1,
            len(string_split_regex(
                strip_accents(lower(text)),
                '(^|[^\p{L}\p{N}])(' || array_to_string(search_tokens(query), '|') || ')([^\p{L}\p{N}]|$)'
            )[1]) + 1 - width // 3
        ) AS start
    )
    SELECT
        CASE WHEN start > 1 THEN '…' ELSE '' END
        || trim(regexp_replace(substring(text, start, width), '\s+', ' ', 'g'))
        || CASE WHEN start + width <= len(text) THEN '…' ELSE '' END
    FROM found
);

-- BM25 over the units: score = Σ over query terms of
--   idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · n_tokens / avg n_tokens)).
-- Each distinct query term counts once; a unit matching any of them is a hit.
CREATE OR REPLACE MACRO search_corpus(query, k1 := 1.2, b := 0.75) AS TABLE
WITH
    query_terms AS (SELECT DISTINCT unnest(search_tokens(query)) AS term),
    average AS (SELECT avg(n_tokens) AS n_tokens FROM search_units),
    scores AS (
        SELECT
            p.unit_id,
            sum(
                t.idf * p.tf * (k1 + 1)
                / (p.tf + k1 * (1 - b + b * u.n_tokens / average.n_tokens))
            ) AS score,
            count(*) AS matched_terms
        FROM query_terms AS q
        JOIN search_postings AS p ON p.term = q.term
        JOIN search_terms AS t ON t.term = q.term
        JOIN search_units AS u ON u.unit_id = p.unit_id
        CROSS JOIN average
        GROUP BY p.unit_id
    )
SELECT
    u.path,
    u.role,
    u.seq,
    s.score,
    s.matched_terms,
    search_snippet(u.text, query) AS snippet,
    u.doc_id
FROM scores AS s
JOIN search_units AS u ON u.unit_id = s.unit_id
ORDER BY s.score DESC, u.path, u.seq NULLS FIRST;
