-- The largest clusters of republished articles (table syndication), with the title and date of
-- the earliest copy, how many outlets ran it and how alike the copies are. n_clusters and
-- n_documents count every cluster, not only the ones listed.
WITH members AS (
    SELECT s.cluster_id, s.outlet, s.similarity, d.title, d.path, d.published
    FROM syndication AS s
    JOIN documents AS d ON d.doc_id = s.doc_id AND d.path = s.path
    WHERE d.gone_at IS NULL
),
clusters AS (
    SELECT
        cluster_id,
        count(*) AS documents,
        count(DISTINCT outlet) AS outlets,
        first(coalesce(title, path) ORDER BY published NULLS LAST, path) AS title,
        min(published) AS first_published,
        min(similarity) AS least_similar
    FROM members
    GROUP BY cluster_id
    -- a copy whose file is gone leaves a cluster of one, which is no longer a cluster
    HAVING count(*) > 1
)
SELECT
    *,
    count(*) OVER () AS n_clusters,
    sum(documents) OVER ()::BIGINT AS n_documents
FROM clusters
ORDER BY documents DESC, outlets DESC, first_published NULLS LAST, cluster_id
LIMIT 15;
