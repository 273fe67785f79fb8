-- Every input is in exactly one of documents and rejects. Rows returned are violations.
-- An input file is accounted for by the rows it gave (source_file): itself, or the records and
-- lines of a web archive or dump, each under its own path, in exactly one of the two tables.
-- Documents of files that disappeared from the input stay, marked gone_at, and are not counted.
-- Temp tables (pipeline/warehouse/temp_tables.py): reads `inputs` (path), registered by
-- pipeline/warehouse/check.py: every input file the run discovered.
WITH outcomes AS (
    SELECT path, source_file, 'documents' AS place FROM documents WHERE gone_at IS NULL
    UNION ALL
    SELECT path, source_file, 'rejects' AS place FROM rejects
)
SELECT i.path, 'missing: in neither documents nor rejects' AS problem
FROM inputs AS i
ANTI JOIN outcomes AS o ON o.source_file = i.path
UNION ALL
SELECT path, 'duplicated: ' || string_agg(place, ' and ') AS problem
FROM outcomes
GROUP BY path
HAVING count(*) > 1
UNION ALL
SELECT o.path, 'unexpected: not an input of this run' AS problem
FROM outcomes AS o
ANTI JOIN inputs AS i ON i.path = o.source_file;
