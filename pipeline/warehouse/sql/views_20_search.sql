-- Full-text search with BM25 ranking in plain SQL: DuckDB's fts extension needs a download that
-- fails offline, and no wheel of it matches DuckDB 2.0.x. The index tables (search_units,
-- search_postings, search_terms) are kept up to date at each load by warehouse/sql/load/search_index.sql.
-- A unit of search is an article (its title and body, from the articles view) or one reader
-- comment (comments.text).

-- The tokenizer, shared by the index and the queries: lower case, split on anything that is not
-- a letter, a digit or a mark ("Molotov-Ribbentrop" → molotov, ribbentrop), then accents stripped
-- from each word. Marks belong to their word: Devanagari vowel signs, Hebrew points and Arabic
-- vowels are marks, and splitting on them cut such words in pieces no query matched.
-- The index (warehouse/sql/load/search_index.sql) lower-cases each line, cuts it at its spaces and
-- splits the distinct pieces with search_split: the same words (a space is no part of one).
-- No stemming and no stop words: BM25's IDF already gives common words almost no weight.
CREATE OR REPLACE MACRO search_split(text) AS
    regexp_split_to_array(text, '[^\p{L}\p{N}\p{M}]+');

CREATE OR REPLACE MACRO search_words(text) AS search_split(lower(text));

CREATE OR REPLACE MACRO search_tokens(text) AS
    list_filter(list_transform(search_words(text), lambda w: strip_accents(w)), lambda t: t <> '');

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
