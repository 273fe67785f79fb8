"""Syndication: republished copies of an article cluster, distinct articles do not."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipeline.stages.syndication import (
    MIN_JACCARD,
    Article,
    find_syndication,
    jaccard,
    shingles,
)
from tests.conftest import SEEDS, run_cli

pytestmark = pytest.mark.slow  # real runs, servers or clusters: `make test`, not `make test-fast`

SEED = "000_bb1c8af43b093329.txt"
SAME_AUTHOR = "001_4bddaa00886f44ec.txt"  # also by Andrew Korybko, a different article


def republished(text: str, title: str, outlet: str, edits: dict[str, str]) -> str:
    """The seed as another outlet would run it: new title, own byline and boilerplate, and a few
    sentences edited."""
    lines = text.splitlines()
    body = "\n".join(lines[1:46])
    for old, new in edits.items():
        assert old in body, old
        body = body.replace(old, new)
    return "\n".join(
        [
            title,
            "",
            body,
            "",
            f"Republished from Oriental Review by {outlet}",
            "",
            "Share this article",
            "Subscribe to our newsletter",
            "Related Articles",
            f"© 2019 {outlet}. All rights reserved.",
        ]
    )


EDITS_A = {
    "Many people are struggling": "Plenty of observers are struggling",
    "The fact of the matter is": "The truth is",
    "To reiterate what was just written": "To repeat what was said above",
}
EDITS_B = {
    "a lot simpler than it appears": "much simpler than it seems",
    "every single anti-Russian move": "each anti-Russian move",
}


@pytest.fixture(scope="module")
def syndicated_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus two republished copies of seed 000, through the real CLI (whose load step
    builds the syndication table)."""
    root = tmp_path_factory.mktemp("syndication")
    shutil.copytree(SEEDS, root / "input")
    text = (SEEDS / SEED).read_text(encoding="utf-8")
    copies = {
        "copy_a.txt": republished(
            text, "What Washington Wants From Moscow", "Global Wire", EDITS_A
        ),
        "copy_b.txt": republished(
            text, "The US Strategy Behind the Pressure", "Eurasia Daily", EDITS_B
        ),
    }
    for name, copy in copies.items():
        (root / "input" / name).write_text(copy, encoding="utf-8")
    result = run_cli("run", "--input", str(root / "input"), "--warehouse", str(root / "warehouse"))
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "warehouse"


def test_republished_copies_cluster_and_distinct_articles_do_not(
    syndicated_warehouse: Path,
) -> None:
    with duckdb.connect(str(syndicated_warehouse / "corpus.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT cluster_id, path, similarity FROM syndication ORDER BY path"
        ).fetchall()
    assert {path for _, path, _ in rows} == {SEED, "copy_a.txt", "copy_b.txt"}
    assert {cluster for cluster, _, _ in rows} == {1}
    assert all(MIN_JACCARD <= similarity <= 1.0 for _, _, similarity in rows)


def test_the_warehouse_agrees_with_comparing_every_article(syndicated_warehouse: Path) -> None:
    """The load only brings the articles that share an LSH band in DuckDB back to Python
    (warehouse/load/syndication_candidates.sql): that shortcut must lose no cluster."""
    with duckdb.connect(str(syndicated_warehouse / "corpus.duckdb"), read_only=True) as con:
        stored = con.execute(
            "SELECT cluster_id, doc_id, path, outlet, similarity FROM syndication"
        ).fetchall()
        articles = [
            Article(*row)
            for row in con.execute(
                "SELECT doc_id, path, outlet, published, body FROM articles ORDER BY path"
            ).fetchall()
        ]
    assert len(articles) > len(stored) > 0
    expected = find_syndication(articles)
    assert sorted(stored) == sorted(
        (r.cluster_id, r.doc_id, r.path, r.outlet, r.similarity) for r in expected
    )


def test_the_earliest_member_is_the_reference(syndicated_warehouse: Path) -> None:
    with duckdb.connect(str(syndicated_warehouse / "corpus.duckdb"), read_only=True) as con:
        rows = con.execute(
            """SELECT s.path, s.similarity FROM syndication AS s
               JOIN articles AS a USING (doc_id, path)
               ORDER BY a.published NULLS LAST, s.path"""
        ).fetchall()
    assert rows[0][1] == 1.0
    assert all(similarity < 1.0 for _, similarity in rows[1:])


def test_syndication_table_exists_empty_on_the_seeds(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        columns = [row[0] for row in con.execute("DESCRIBE syndication").fetchall()]
    assert columns == ["cluster_id", "doc_id", "path", "outlet", "similarity"]


def seed_article(name: str, published: date | None = None, path: str | None = None) -> Article:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return Article(f"id-{path or name}", path or name, None, published, text)


def test_seeds_by_the_same_author_are_far_apart() -> None:
    first, second = (shingles(seed_article(name).body) for name in (SEED, SAME_AUTHOR))
    assert jaccard(first, second) < 0.05
    assert find_syndication([seed_article(SEED), seed_article(SAME_AUTHOR)]) == []


def test_cluster_ids_follow_the_earliest_member_and_similarity_is_to_it() -> None:
    original = seed_article(SEED)
    edited = re.sub(r"\bRussia\b", "Moscow", original.body, count=3)
    articles = [
        Article("b", "b.txt", "Later", date(2019, 7, 2), edited),
        Article("a", "a.txt", "Earlier", date(2019, 7, 1), original.body),
        Article("u", "undated.txt", None, None, original.body),
        seed_article(SAME_AUTHOR, date(2019, 1, 1), "other.txt"),
        seed_article(SAME_AUTHOR, date(2019, 1, 2), "other-copy.txt"),
    ]
    rows = find_syndication(articles)
    assert [(row.cluster_id, row.path) for row in rows] == [
        (1, "other.txt"),
        (1, "other-copy.txt"),
        (2, "a.txt"),
        (2, "b.txt"),
        (2, "undated.txt"),
    ]
    similarity = {row.path: row.similarity for row in rows}
    assert similarity["a.txt"] == similarity["undated.txt"] == similarity["other-copy.txt"] == 1.0
    assert MIN_JACCARD <= similarity["b.txt"] < 1.0


def test_short_bodies_are_never_clustered() -> None:
    notice = "This article is available to subscribers only. Log in or subscribe to read it."
    assert (
        find_syndication([Article(str(i), f"{i}.txt", None, None, notice) for i in range(3)]) == []
    )
