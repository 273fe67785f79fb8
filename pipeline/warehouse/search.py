"""Full-text search over article titles and bodies and reader comments, ranked by BM25.

The index and the ranking live in the warehouse itself (warehouse/sql/views_20_search.sql: tables
search_units, search_postings, search_terms and the table macro search_corpus), so SQL users get
the same results as this module.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Hit:
    path: str
    role: str  # 'article' or 'comment'
    seq: int | None  # the comment's seq in `comments`; None for an article
    score: float
    snippet: str


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 10) -> list[Hit]:
    """The best `limit` hits for the query's words, best first."""
    rows = con.execute(
        "SELECT path, role, seq, score, snippet FROM search_corpus(?) LIMIT ?", [query, limit]
    ).fetchall()
    return [Hit(*row) for row in rows]


def format_hits(query: str, hits: list[Hit]) -> str:
    if len(query) > 80:  # a pasted paragraph is not echoed whole
        query = query[:79] + "…"
    if not hits:
        return f"No hits for {query!r}."
    lines = [
        f"The best hit for {query!r}:"
        if len(hits) == 1
        else f"{len(hits)} best hits for {query!r}:"
    ]
    for rank, hit in enumerate(hits, start=1):
        where = hit.path if hit.seq is None else f"{hit.path} (comment {hit.seq})"
        lines.append(f"{rank:>3}. {hit.score:6.2f}  {hit.role:<8} {where}")
        lines.append(f"     {hit.snippet}")
    return "\n".join(lines)
