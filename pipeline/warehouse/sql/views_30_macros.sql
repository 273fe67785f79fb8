-- Table macros over article bodies. A term matches case-insensitively, as written (no stemming),
-- and only as a whole word: the characters on either side of a match are not letters or digits,
-- so 'Russia' finds "Russia's" but not "Russian". A term may be several words ('New Detente').

-- Keyword in context: one row per match, with `width` characters on either side, whitespace
-- collapsed; `before` is left-padded so that the matches line up when read as a concordance.
CREATE OR REPLACE MACRO kwic(term, width := 40) AS TABLE
WITH
    bodies AS (
        SELECT
            doc_id,
            path,
            outlet,
            published,
            regexp_replace(body, '\s+', ' ', 'g') AS text,
            string_split_regex(regexp_replace(body, '\s+', ' ', 'g'), '(?i)' || regexp_escape(term)) AS parts
        FROM articles
        WHERE term <> ''
    ),
    -- The k-th match starts after parts 1..k and k - 1 earlier matches.
    matches AS (
        SELECT
            doc_id,
            path,
            outlet,
            published,
            text,
            unnest(list_transform(
                range(1, len(parts)),
                lambda k: (list_sum(list_transform(parts[1:k], lambda p: len(p))) + (k - 1) * len(term) + 1)::BIGINT
            )) AS start
        FROM bodies
    )
SELECT
    doc_id,
    path,
    outlet,
    published,
    row_number() OVER (PARTITION BY path ORDER BY start) AS hit,
    lpad(right(left(text, start - 1), width), width, ' ') AS before,
    substring(text, start, len(term)) AS keyword,
    left(substring(text, start + len(term)), width) AS after
FROM matches
WHERE NOT regexp_matches(substring(text, start - 1, 1), '[\p{L}\p{N}]')
  AND NOT regexp_matches(substring(text, start + len(term), 1), '[\p{L}\p{N}]')
ORDER BY path, start;

-- How often a term is used, by outlet and month of publication (NULL: unknown), with the number of
-- articles in each group so that counts can be read as shares. Groups without a match are kept
-- (with zeros) so that a time series has no holes.
CREATE OR REPLACE MACRO mentions(term) AS TABLE
WITH hits AS (
    SELECT doc_id, path, count(*) AS n
    FROM kwic(term, 0)
    GROUP BY doc_id, path
)
SELECT
    a.outlet,
    date_trunc('month', a.published)::DATE AS month,
    count(*) AS articles,
    count(h.n) AS articles_mentioning,
    coalesce(sum(h.n), 0)::BIGINT AS mentions,
    count(h.n) / count(*) AS share
FROM articles AS a
LEFT JOIN hits AS h ON h.doc_id = a.doc_id AND h.path = a.path
GROUP BY ALL
ORDER BY a.outlet NULLS LAST, month NULLS LAST;
