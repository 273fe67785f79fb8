"""The search index's postings (sql/load/search_index.sql, which splits each line at its spaces and
tokenizes only the distinct pieces) are the counts of the query side's tokens (search_tokens, the
whole line through the regular expression), term by term and unit by unit."""

from __future__ import annotations

import random

import duckdb

from pipeline.warehouse import read_sql

# Separators, marks, accents, digits, scripts without spaces, and characters whose lower case is
# another: the places where a split at spaces and a split at every non-word character could part.
ALPHABET = [
    " ", "  ", "\t", "\u00a0", "\u3000", "-", ",", ".", "'", "’", "(", ")", "«", "»", "/", "_",
    "a", "b", "Z", "é", "É", "e\u0301", "\u0301", "\u0308", "ß", "İ", "Σ", "ς", "σ", "ﬁ",
    "1", "٣", "²", "½", "東京", "क्षि", "שָׁלוֹם", "café", "cafe", "CAFÉ", "naïve", "word",
]  # fmt: skip


def _postings_statement() -> str:
    script = read_sql("load", "search_index.sql")
    start = script.index("CREATE OR REPLACE TEMP TABLE fresh_postings")
    return script[start : script.index(";", start)]


def _lines(rng: random.Random, n: int) -> list[tuple[int, str]]:
    lines = []
    for _ in range(n):
        unit = rng.randrange(40)
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 30)))
        lines.append((unit, text))
    return lines


def test_postings_are_the_counts_of_search_tokens() -> None:
    con = duckdb.connect()
    views = read_sql("views_20_search.sql")  # its tokenizer's macros, before those over tables
    con.execute(views[: views.index("CREATE OR REPLACE MACRO search_snippet")])
    rng = random.Random(16)
    lines = [*_lines(rng, 4_000), (1, ""), (2, " "), (3, "\u0301 \u0301"), (4, "a a a")]
    con.execute("CREATE TEMP TABLE fresh_lines (unit_id UBIGINT, text VARCHAR)")
    con.executemany("INSERT INTO fresh_lines VALUES (?, ?)", lines)
    con.execute(_postings_statement())
    index = con.execute("SELECT term, unit_id, tf FROM fresh_postings").fetchall()
    reference = con.execute(
        """SELECT term, unit_id, count(*)::INTEGER
           FROM (SELECT unit_id, unnest(search_tokens(text)) AS term FROM fresh_lines)
           GROUP BY term, unit_id"""
    ).fetchall()
    assert len(reference) > 1_000
    assert sorted(index) == sorted(reference)
