"""The workers' search-index tokenizer (pipeline/index_terms.py) against the warehouse's SQL one
(warehouse/load/search_index.sql), which indexes every document no worker counted."""

from __future__ import annotations

import unicodedata
from collections import Counter

import duckdb
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.index_terms import term_counts

SQL_TERMS = r"""
SELECT i, strip_accents(word) AS term, count(*) AS n
FROM (SELECT i, unnest(regexp_split_to_array(lower(text), '[^\p{L}\p{N}]+')) AS word FROM texts)
WHERE word <> ''
GROUP BY ALL
"""


def _sql_term_counts(texts: list[str]) -> list[Counter[str]]:
    counts: list[Counter[str]] = [Counter() for _ in texts]
    with duckdb.connect() as con:
        con.register("texts", pa.table({"i": list(range(len(texts))), "text": texts}))
        for i, term, n in con.execute(SQL_TERMS).fetchall():
            counts[i][term] += n
    return counts


def test_every_assigned_code_point_tokenizes_as_in_sql() -> None:
    # Unassigned code points are left out: Python 3.11's Unicode tables are older than DuckDB's.
    characters = [
        chr(code)
        for code in range(0x20, 0x30000)
        if unicodedata.category(chr(code)) not in ("Cn", "Cs")
    ]
    texts = [f"x{ch}y {ch} Ab{ch.upper()}. {ch}{ch}" for ch in characters]
    expected = _sql_term_counts(texts)
    wrong = [
        (hex(ord(ch)), term_counts([text]), want)
        for ch, text, want in zip(characters, texts, expected, strict=True)
        if term_counts([text]) != want
    ]
    assert not wrong, wrong[:10]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from("aZé É\u0301ßẞİıΣσςЁёÅﬁ½²٣-_'’\n\t.,0123456789"),
            max_size=40,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_units_of_several_texts_count_as_their_blank_line_join_in_sql(texts: list[str]) -> None:
    assert term_counts(texts) == _sql_term_counts(["\n\n".join(texts)])[0]
