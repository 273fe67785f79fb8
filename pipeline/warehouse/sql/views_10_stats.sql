-- Corpus statistics. Files named views_* are applied after views.sql (file-name order), because
-- they are built on its articles and comments views.

-- Boilerplate lines across the corpus: lower-cased, spaces collapsed and digit runs read as 0, so
-- "© 2019 Outlet" and "© 2020 Outlet" count as one template line. share = n_documents over all
-- documents still in the input.
CREATE OR REPLACE VIEW boilerplate_lines AS
WITH lines AS (
    SELECT
        b.path,
        b.text,
        trim(regexp_replace(regexp_replace(lower(b.text), '\d+', '0', 'g'), '\s+', ' ', 'g')) AS line
    FROM blocks AS b
    JOIN documents AS d ON d.doc_id = b.doc_id AND d.path = b.path
    WHERE b.role = 'boilerplate' AND d.gone_at IS NULL
)
SELECT
    line,
    count(DISTINCT path) AS n_documents,
    count(DISTINCT path) / (SELECT count(*) FROM documents WHERE gone_at IS NULL) AS share,
    count(*) AS n_occurrences,
    min(text) AS example
FROM lines
GROUP BY line
ORDER BY n_documents DESC, line;

-- One row per outlet (NULL: outlet unknown). words counts article body words (articles.n_words);
-- comments counts reader comments on the outlet's pages.
CREATE OR REPLACE VIEW outlet_stats AS
WITH docs AS (
    SELECT
        outlet,
        count(*) AS documents,
        len(list_distinct(flatten(list(authors)))) AS authors,
        list(DISTINCT language ORDER BY language) FILTER (WHERE language IS NOT NULL) AS languages,
        min(published) AS first_published,
        max(published) AS last_published
    FROM documents
    WHERE gone_at IS NULL
    GROUP BY outlet
),
arts AS (
    SELECT outlet, count(*) AS articles, sum(n_words)::BIGINT AS words
    FROM articles
    GROUP BY outlet
),
thread AS (
    SELECT d.outlet, count(*) AS comments
    FROM comments AS c
    JOIN documents AS d ON d.doc_id = c.doc_id AND d.path = c.path
    GROUP BY d.outlet
)
SELECT
    docs.outlet,
    docs.documents,
    coalesce(arts.articles, 0) AS articles,
    coalesce(thread.comments, 0) AS comments,
    coalesce(arts.words, 0) AS words,
    docs.authors,
    docs.languages,
    docs.first_published,
    docs.last_published
FROM docs
LEFT JOIN arts ON arts.outlet IS NOT DISTINCT FROM docs.outlet
LEFT JOIN thread ON thread.outlet IS NOT DISTINCT FROM docs.outlet
ORDER BY docs.documents DESC, docs.outlet NULLS LAST;
