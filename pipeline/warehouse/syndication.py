"""Table `syndication`: clusters of republished articles, found from the signatures stored with
each document (the method is in pipeline/stages/syndication.py)."""

from __future__ import annotations

from dataclasses import asdict

import duckdb
import numpy as np
import pyarrow as pa

from pipeline.stages.syndication import (
    BANDS,
    PERMUTATIONS,
    ROWS_PER_BAND,
    Article,
    Shingles,
    cluster_rows,
    shingles,
)
from pipeline.warehouse import read_sql
from pipeline.warehouse.schemas import SYNDICATION


def build_syndication_table(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create table `syndication` from the signatures stored with each document. DuckDB picks
    the articles that share a band with another (warehouse/sql/load/syndication_candidates.sql); only
    their signatures come to Python, and only the bodies of candidate pairs are read back and
    shingled."""
    table: pa.Table = con.sql(
        read_sql("load", "syndication_candidates.sql"),
        params={"bands": BANDS, "rows": ROWS_PER_BAND},
    ).to_arrow_table()
    kept = [
        Article(doc_id, path, outlet, published, "")
        for doc_id, path, outlet, published in zip(
            *(table.column(name).to_pylist() for name in ("doc_id", "path", "outlet", "published")),
            strict=True,
        )
    ]
    flat = table.column("minhash").combine_chunks().flatten().to_numpy()
    signatures = flat.astype(np.uint64, copy=False).reshape(len(kept), PERMUTATIONS)
    cache: dict[int, Shingles] = {}

    def shingles_of(index: int) -> Shingles:
        if index not in cache:
            article = kept[index]
            rows = con.execute(
                "SELECT body FROM articles WHERE doc_id = ? AND path = ?",
                [article.doc_id, article.path],
            ).fetchall()
            cache[index] = shingles(rows[0][0] if rows else "")
        return cache[index]

    rows = cluster_rows(kept, signatures, shingles_of)
    found = pa.Table.from_pylist([asdict(row) for row in rows], schema=SYNDICATION)
    con.register("syndication_rows", found)
    con.execute("CREATE OR REPLACE TABLE syndication AS SELECT * FROM syndication_rows")
    con.unregister("syndication_rows")
