"""Segmentation and metadata against the hand labels of the five seed documents."""

from __future__ import annotations

from tests.devtools.evaluate import METADATA_FIELDS, Scores, read_gold, score, this_package

from .conftest import GOLD, SEEDS

# Issue 2 asked for 90%, issue 3 for 98%: the floor sits where regressions show.
MIN_LINE_ACCURACY = 0.98
MIN_ARTICLE_F1 = 0.98


def test_line_roles_and_metadata_agree_with_gold() -> None:
    scores = score(read_gold(GOLD), SEEDS, "pipeline", this_package)
    print("\nseeds:", scores.summary())
    for mistake in scores.mistakes:
        print("  ", mistake)
    assert scores.documents == 5
    assert scores.line_accuracy >= MIN_LINE_ACCURACY
    assert Scores.prf(scores.article)[2] >= MIN_ARTICLE_F1
    for name in METADATA_FIELDS:
        assert scores.field_accuracy(name) == 1.0, name
