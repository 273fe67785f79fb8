-- Near-duplicate articles republished across outlets: filled by pipeline/syndication.py
-- (build_syndication_table) after the load. Created empty here so that queries on it work on
-- any warehouse; the layout must match pipeline.warehouse.schemas.SYNDICATION.
CREATE TABLE IF NOT EXISTS syndication (
    cluster_id INTEGER NOT NULL,
    doc_id VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    outlet VARCHAR,
    similarity DOUBLE NOT NULL
);
