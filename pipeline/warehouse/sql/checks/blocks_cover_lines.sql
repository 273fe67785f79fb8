-- The blocks of each document cover each of its non-blank lines exactly once, in order.
-- Blank means only tabs and spaces (normalization leaves no other whitespace behind).
-- Temp tables (pipeline/warehouse/temp_tables.py): reads `checked_runs` (run_id), made by
-- pipeline/warehouse/check.py: every run, or after a run only those whose documents no passing
-- check has read yet (a document's blocks carry its run_id).
-- The line numbers are listed with list functions, not by unnesting the lines into rows: DuckDB's
-- unnest of one list takes time in the square of its length (a page of 3 million lines: 56 s of
-- CPU, now under 1 s).
WITH expected AS (
    SELECT
        doc_id,
        path,
        list_filter(
            list_transform(
                string_split(text, chr(10)),
                lambda line, n: CASE WHEN NOT regexp_matches(line, '^[\t\p{Zs}]*$') THEN n END
            ),
            lambda n: n IS NOT NULL
        ) AS lines
    FROM documents WHERE run_id IN (SELECT run_id FROM checked_runs)
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
