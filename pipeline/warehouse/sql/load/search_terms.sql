-- Document frequencies moved by every chunk's df_delta (search_index.sql), and IDF for the new
-- number of units.
-- Temp tables (pipeline/warehouse/temp_tables.py): reads `df_delta` (term, n).
-- BM25's IDF in its non-negative form: ln(1 + (N - df + 0.5) / (df + 0.5)).
CREATE OR REPLACE TABLE search_terms AS
SELECT t.term, t.df, ln(1 + (n.units - t.df + 0.5) / (t.df + 0.5)) AS idf
FROM (
    SELECT term, sum(df)::BIGINT AS df
    FROM (SELECT term, df FROM search_terms UNION ALL SELECT term, n FROM df_delta)
    GROUP BY term
    HAVING sum(df) > 0
) AS t, (SELECT count(*) AS units FROM search_units) AS n
ORDER BY t.term;
