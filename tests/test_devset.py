"""Floors on the hand-labelled dev set (tests/devset): accuracy may rise, never quietly fall.

The floors sit a little under today's figures (`make eval` prints them beside jusText and
trafilatura); raise them when the segmenter improves.
"""

from __future__ import annotations

from tests.devtools.evaluate import METADATA_FIELDS, Scores, read_gold, score, this_package

from .conftest import PROJECT_ROOT

DEVSET = PROJECT_ROOT / "tests" / "devset"

FLOORS = {
    "line accuracy": 0.95,
    "article F1": 0.985,
    "comment F1": 0.92,
    "kind": 0.93,
    "title": 0.97,
    "authors": 0.97,
    "published": 0.97,
    "outlet": 0.84,
    "language": 1.0,
}


def test_devset_figures_stay_above_their_floors() -> None:
    gold = read_gold(DEVSET / "gold.jsonl")
    scores = score(gold, DEVSET / "docs", "pipeline", this_package)
    print("\ndevset:", scores.summary())
    figures = {
        "line accuracy": scores.line_accuracy,
        "article F1": Scores.prf(scores.article)[2],
        "comment F1": Scores.prf(scores.comment)[2],
        **{name: scores.field_accuracy(name) or 0.0 for name in METADATA_FIELDS},
    }
    assert scores.documents == len(gold) >= 40
    below = {name: round(value, 3) for name, value in figures.items() if value < FLOORS[name]}
    assert not below, f"below the floor: {below}"


def test_devset_covers_the_languages_and_kinds_it_claims() -> None:
    gold = read_gold(DEVSET / "gold.jsonl")
    assert {row["language"] for row in gold} == {"en", "ru", "de", "it", "fr", "es"}
    assert {row["kind"] for row in gold} == {
        "article",
        "comments",
        "article_with_comments",
        "empty",
    }
    for row in gold:
        lines = (DEVSET / "docs" / row["path"]).read_text(encoding="utf-8").split("\n")
        non_blank = {str(n) for n, line in enumerate(lines, start=1) if line.strip()}
        assert set(row["lines"]) == non_blank, row["path"]  # every non-blank line labelled
