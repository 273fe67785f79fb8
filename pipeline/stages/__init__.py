"""The pure stages, one module each: discover → decode (html) → normalize → language → segment →
metadata and comments. Plain typed functions: no Prefect, no DuckDB, no Arrow."""
