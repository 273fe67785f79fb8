-- The tables derived from the corpus, created empty: a full rebuild starts here (a new warehouse,
-- or SQL of the package that changed), then the load scripts fill them as if every current
-- document had just arrived. Incremental loads only move them by what arrived and what left.

-- Recurring lines: in how many current documents each normalized line occurs.
CREATE OR REPLACE TABLE line_counts (line_hash UBIGINT, n_documents BIGINT, example VARCHAR);

-- Search units: an article (title and body) or one reader comment; unit_id is stable across runs.
CREATE OR REPLACE TABLE search_units (
    unit_id UBIGINT, doc_id VARCHAR, path VARCHAR, role VARCHAR, seq INTEGER, text VARCHAR,
    n_tokens INTEGER
);
CREATE OR REPLACE TABLE search_postings (term VARCHAR, unit_id UBIGINT, tf INTEGER);
CREATE OR REPLACE TABLE search_terms (term VARCHAR, df BIGINT, idf DOUBLE);
