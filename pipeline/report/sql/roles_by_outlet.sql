-- Blocks per outlet (NULL: unknown) and role, with each role's share of the outlet's blocks.
-- Outlets come in the order of docs_by_outlet.sql, the $outlets largest and the unknown ones;
-- roles in order of their count over the whole corpus (role_rank), so that the stacked bars have
-- the same segment order on every row.
WITH counts AS (
    SELECT d.outlet, b.role, count(*) AS blocks
    FROM blocks AS b
    JOIN documents AS d ON d.doc_id = b.doc_id AND d.path = b.path
    WHERE d.gone_at IS NULL
    GROUP BY d.outlet, b.role
),
outlets AS (
    SELECT outlet, count(*) AS documents
    FROM documents
    WHERE gone_at IS NULL
    GROUP BY outlet
    QUALIFY outlet IS NULL
        OR row_number() OVER (ORDER BY outlet IS NULL, count(*) DESC, outlet) <= $outlets
),
roles AS (
    SELECT role, sum(blocks) AS total
    FROM counts
    GROUP BY role
)
SELECT
    c.outlet,
    c.role,
    c.blocks,
    c.blocks / sum(c.blocks) OVER (PARTITION BY c.outlet) AS share,
    dense_rank() OVER (ORDER BY r.total DESC, c.role) AS role_rank
FROM counts AS c
JOIN outlets AS o ON o.outlet IS NOT DISTINCT FROM c.outlet
JOIN roles AS r ON r.role = c.role
ORDER BY c.outlet IS NULL, o.documents DESC, c.outlet, r.total DESC, c.role;
