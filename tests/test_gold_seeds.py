"""Segmentation and metadata against the hand labels of the five seed documents."""

from __future__ import annotations

from pipeline.evaluate import METADATA_FIELDS, compare, read_gold
from pipeline.settings import Settings

from .conftest import GOLD, SEEDS

# Issue 2 asked for 90%; the segmenter reaches more, so the floor sits where regressions show.
MIN_LINE_ACCURACY = 0.98


def test_line_roles_and_metadata_agree_with_gold() -> None:
    agreement = compare(read_gold(GOLD), SEEDS, Settings())
    print("\nseeds:", agreement.summary())
    for mistake in agreement.mistakes:
        print("  ", mistake)
    assert agreement.documents == 5
    assert agreement.line_accuracy >= MIN_LINE_ACCURACY
    for name in METADATA_FIELDS:
        assert agreement.field_accuracy(name) == 1.0, name
