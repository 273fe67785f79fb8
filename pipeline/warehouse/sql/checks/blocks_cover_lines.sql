-- The blocks of each document cover each of its non-blank lines exactly once, in order.
-- Blank means only tabs and spaces (normalization leaves no other whitespace behind).
-- Temp tables (pipeline/warehouse/temp_tables.py): reads `checked_runs` (run_id), made by
-- pipeline/warehouse/check.py: every run, or after a run only those whose documents no passing
-- check has read yet (a document's blocks carry its run_id).
WITH expected AS (
    SELECT
        doc_id,
        path,
        list(n ORDER BY n) FILTER (WHERE NOT regexp_matches(line, '^[\t\p{Zs}]*$')) AS lines
    FROM (
        SELECT doc_id, path, unnest(string_split(text, chr(10))) AS line,
               generate_subscripts(string_split(text, chr(10)), 1) AS n
        FROM documents WHERE run_id IN (SELECT run_id FROM checked_runs)
    )
    GROUP BY doc_id, path
),
actual AS (
    SELECT doc_id, path, list(line_start ORDER BY seq) AS lines,
           bool_and(line_start = line_end) AS single_lines,
           max(seq) + 1 = count(*) AS contiguous
    FROM blocks
    WHERE run_id IN (SELECT run_id FROM checked_runs)
    GROUP BY doc_id, path
)
SELECT e.path, 'blocks do not match the non-blank lines' AS problem
FROM expected AS e
LEFT JOIN actual AS a ON a.doc_id = e.doc_id AND a.path = e.path
WHERE coalesce(e.lines, []) <> coalesce(a.lines, [])
   OR NOT coalesce(a.single_lines, TRUE)
   OR NOT coalesce(a.contiguous, TRUE);
