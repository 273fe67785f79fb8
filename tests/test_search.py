"""BM25 search: the SQL index ranks as the textbook formula says, and the CLI prints the hits."""

from __future__ import annotations

import math
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.search import search
from tests.conftest import run_cli

K1, B = 1.2, 0.75


def tokens(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [t for t in re.split(r"[^\w]+|_", plain) if t]


def reference_scores(
    units: list[tuple[str, int | None, str]], query: str
) -> dict[tuple[str, int | None], float]:
    """BM25 computed from scratch in Python over the same units of text."""
    counts = {(path, seq): Counter(tokens(text)) for path, seq, text in units}
    average = sum(sum(c.values()) for c in counts.values()) / len(counts)
    scores: dict[tuple[str, int | None], float] = {}
    for term in set(tokens(query)):
        df = sum(1 for c in counts.values() if term in c)
        idf = math.log(1 + (len(counts) - df + 0.5) / (df + 0.5))
        for key, c in counts.items():
            if term in c:
                length = sum(c.values())
                tf = c[term]
                scores[key] = scores.get(key, 0.0) + idf * tf * (K1 + 1) / (
                    tf + K1 * (1 - B + B * length / average)
                )
    return scores


@pytest.mark.parametrize("query", ["Molotov-Ribbentrop", "China Iran", "the deep state", "détente"])
def test_scores_match_a_reference_bm25(seeds_warehouse: Path, query: str) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        units = con.execute(
            """SELECT path, NULL::INTEGER, concat_ws(chr(10) || chr(10), title, body) FROM articles
               UNION ALL SELECT path, seq, text FROM comments"""
        ).fetchall()
        hits = con.execute("SELECT path, seq, score FROM search_corpus(?)", [query]).fetchall()
    expected = reference_scores(units, query)
    assert expected
    assert {(path, seq): pytest.approx(score) for path, seq, score in hits} == expected


def test_titles_accents_and_case_are_searchable(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        title_hit = search(con, "molotov ribbentrop")
        accented = {hit.path for hit in search(con, "DETENTE")}
    assert [hit.path for hit in title_hit] == ["003_8e150c118f71b76b.txt"]
    assert "Molotov-Ribbentrop" in title_hit[0].snippet
    # 000 writes "Détente", 001 "Detente": one word for search.
    assert {"000_bb1c8af43b093329.txt", "001_4bddaa00886f44ec.txt"} <= accented


def test_snippets_show_the_match_and_hits_are_ranked(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        hits = search(con, "Skripal", limit=50)
        nothing = search(con, "zzyzx")
    assert hits and nothing == []
    assert all("skripal" in hit.snippet.lower() for hit in hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert all(len(hit.snippet) <= 162 for hit in hits)


def test_search_is_fast_on_the_seeds(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        search(con, "warm up")
        started = time.perf_counter()
        search(con, "Russia China Iran sanctions")
        assert time.perf_counter() - started < 0.5


def test_cli_prints_ranked_hits_with_path_role_and_snippet(seeds_warehouse: Path) -> None:
    result = run_cli("search", "--warehouse", str(seeds_warehouse), "Molotov-Ribbentrop")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "The best hit for 'Molotov-Ribbentrop':"
    assert "article" in lines[1] and "003_8e150c118f71b76b.txt" in lines[1]
    assert "«Molotov-Ribbentrop Pact 2.0»" in lines[2]


def test_cli_limit_and_comment_hits(seeds_warehouse: Path) -> None:
    result = run_cli("search", "--warehouse", str(seeds_warehouse), "--limit", "3", "China")
    assert result.returncode == 0, result.stderr
    ranks = [line for line in result.stdout.splitlines() if re.match(r"\s+\d+\.", line)]
    assert len(ranks) == 3
    comments = run_cli("search", "--warehouse", str(seeds_warehouse), "--limit", "50", "China")
    assert "comment  002_927b3801c86831b4.txt (comment " in comments.stdout


MARKED_WORDS = {
    # word as written in the page → a query a reader would type
    "राष्ट्रपति": "राष्ट्रपति",  # Devanagari: vowel signs and virama are marks
    "مُفَاوَضَات": "مفاوضات",  # Arabic with its short vowels, searched without them
    "שָׁלוֹם": "שלום",  # Hebrew points
    "ประชาธิปไตย": "ประชาธิปไตย",  # Thai vowel signs
}


def test_words_with_combining_marks_are_found_whole(tmp_path: Path) -> None:
    page = [
        "Delegates Compare Words for Peace and Power",
        "",
        "By Helen Marsh",
        "",
    ]
    for word in MARKED_WORDS:
        page += [
            f"At the conference the delegates kept returning to the word {word}, which the "
            "interpreters rendered in four languages and argued about late into the evening.",
            "",
        ]
    (tmp_path / "input").mkdir()
    (tmp_path / "input" / "words.txt").write_text("\n".join(page), encoding="utf-8")
    warehouse = tmp_path / "warehouse"
    result = run_cli("run", "--input", str(tmp_path / "input"), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        for written, typed in MARKED_WORDS.items():
            hits = search(con, typed)
            assert [hit.path for hit in hits] == ["words.txt"], written
            assert written in hits[0].snippet, written


def test_a_long_query_is_not_echoed_whole(seeds_warehouse: Path) -> None:
    query = " ".join(["sanctions"] * 200)
    result = run_cli("search", "--warehouse", str(seeds_warehouse), query)
    assert result.returncode == 0
    header = result.stdout.splitlines()[0]
    assert len(header) < 120 and "…" in header
