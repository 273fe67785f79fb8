"""MinHash signatures: the `minhash` column stored for a document, and so syndication, must come out
the same for the same article body however the body is cut into pieces, and must estimate the
Jaccard similarity of the 5-word shingle sets.

The reference below computes the shingle hashes in plain Python (the `\\w+` words of the lower-cased
text, each a polynomial of its code points modulo 2^64, five mixed per shingle); the signature of
the set is rensa's. The pinned digest catches any change of either, a new rensa release included.
"""

from __future__ import annotations

import hashlib
import random
import re
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from pipeline.stages.syndication import (
    MIN_WORDS,
    PERMUTATIONS,
    PIECE_CHARS,
    article_signature,
    jaccard,
    shingle_hashes,
    shingles,
    signature,
)
from tests.conftest import PROJECT_ROOT, SEEDS, real_dev_pages
from tests.devtools.bench.corpus import generate_corpus
from tests.hostile_inputs import big_prose_page

_WORD = re.compile(r"\w+")
_BASE = 0x100000001B3
_MIX = [
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
]
_MASK64 = (1 << 64) - 1
DEVSET = PROJECT_ROOT / "tests" / "devset"

# sha256 of the signatures of the seeds and the written dev set (each file's whole text as the
# body); not of the real dev pages, whose number grows.
PINNED_DIGEST = "32d8b6e31f57c2f06534d1612562993eeac516461f050d300b6407eb3f6654be"


def reference_shingles(body: str) -> set[int]:
    hashes = []
    for word in _WORD.findall(body.lower()):
        value = 0
        for position, character in enumerate(word):
            value = (value + ord(character) * pow(_BASE, position, 1 << 64)) & _MASK64
        hashes.append(value)
    found = set()
    for start in range(len(hashes) - len(_MIX) + 1):
        mixed = 0
        for position, multiplier in enumerate(_MIX):
            mixed = (mixed + hashes[start + position] * multiplier) & _MASK64
        found.add(mixed ^ (mixed >> 32))
    return found


def reference_signature(body: str) -> list[int] | None:
    if len(_WORD.findall(body.lower())) < MIN_WORDS:
        return None
    shingle_set = np.array(sorted(reference_shingles(body)), dtype=np.uint64)
    return [int(value) for value in signature(shingle_set)]


def _pinned_pages() -> list[Path]:
    return [*sorted(SEEDS.glob("*.txt")), *sorted(DEVSET.glob("docs/*.txt"))]


def test_signatures_of_the_labelled_pages_match_the_reference_and_the_pinned_digest() -> None:
    digest = hashlib.sha256()
    for page in _pinned_pages():
        got = article_signature(page.read_text(encoding="utf-8"))
        digest.update(repr(got).encode())
    assert digest.hexdigest() == PINNED_DIGEST
    checked = 0
    real = [DEVSET / "real" / "docs" / row["path"] for row in real_dev_pages()]
    for page in [*_pinned_pages(), *real]:
        body = page.read_text(encoding="utf-8")
        got = article_signature(body)
        assert got == reference_signature(body), page.name
        checked += got is not None
    assert checked > 150


def test_signatures_of_benchmark_pages_match_the_reference(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 200, 0)
    for page in sorted(tmp_path.rglob("*.txt")):
        body = page.read_bytes().decode("utf-8", errors="replace")
        assert article_signature(body) == reference_signature(body), page.name


def _random_text(seed: int, n_words: int) -> str:
    """Words of Latin, Cyrillic, Greek (capital sigma, whose lower case depends on what follows)
    and astral letters, separated by spaces, punctuation, underscores and line breaks."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzäöüжщΣΑΒİ𝒜𐐀"
    vocabulary = [
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(5_000)
    ]
    separators = [" ", " ", " ", ", ", ". ", "\n", "\n\n", "—", "_", "'", " ̈"]
    return "".join(rng.choice(vocabulary) + rng.choice(separators) for _ in range(n_words))


@pytest.mark.parametrize("n_words", [49, 50, 51, 1023, 1028, 1029, 2057, 9000])
def test_signatures_of_mixed_scripts_match_the_reference(n_words: int) -> None:
    body = _random_text(n_words, n_words)
    assert article_signature(body) == reference_signature(body)


@pytest.mark.parametrize("piece_chars", [1, 7, 64, 333, 4096])
def test_a_body_read_in_pieces_has_the_shingles_of_the_whole(piece_chars: int) -> None:
    """Cuts fall after line breaks, at every distance from a word, a final sigma or the start of a
    shingle; a piece of fewer than five words hands its words on to the next."""
    body = _random_text(piece_chars, 3000)
    whole = np.concatenate(list(shingle_hashes(body, len(body))))
    pieces = list(shingle_hashes(body, piece_chars))
    assert len(pieces) > len(body) // max(piece_chars, 200)  # it was really cut
    assert np.concatenate(pieces).tolist() == whole.tolist()


def test_a_line_longer_than_a_piece_is_cut_after_its_end() -> None:
    body = "word " * 400 + "\n" + "other words here " * 50
    pieces = list(shingle_hashes(body, 100))
    assert len(pieces) == 2
    assert np.concatenate(pieces).tolist() == next(shingle_hashes(body, len(body))).tolist()


def test_a_body_longer_than_a_piece_is_signed_as_a_whole() -> None:
    """Over PIECE_CHARS the body is signed piece by piece and the signatures merged: the result
    is the signature of all its shingles at once."""
    body = _random_text(7, 100_000)
    assert len(body) > 2 * PIECE_CHARS
    assert len(list(shingle_hashes(body))) >= 3
    whole = signature(np.concatenate(list(shingle_hashes(body, len(body)))))
    assert article_signature(body) == whole.tolist()


def test_signing_a_long_body_takes_memory_of_one_piece_not_of_the_body() -> None:
    """numpy's arrays are traced by tracemalloc. Signing the whole text at once (a Python string
    a word) took 34 MB at 3 MB of prose and 100 MB at 9 MB; piece by piece, 11 MB for both."""
    article_signature(big_prose_page(10_000).decode())  # the word table, built once
    peaks = []
    for n_bytes in (1_000_000, 4_000_000):
        body = big_prose_page(n_bytes).decode()
        tracemalloc.start()
        try:
            article_signature(body)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert peaks[1] < 1.2 * peaks[0], peaks
    assert peaks[1] < 60 * PIECE_CHARS, peaks


def test_the_signature_is_a_minimum_over_shingles_in_any_order() -> None:
    rng = np.random.default_rng(5)
    a = rng.integers(0, 2**64 - 1, size=3_000, dtype=np.uint64)
    b = rng.integers(0, 2**64 - 1, size=70_000, dtype=np.uint64)
    both = np.concatenate((a, b, a))
    assert signature(both).tolist() == np.minimum(signature(a), signature(b)).tolist()
    assert signature(both[::-1]).tolist() == signature(both).tolist()


@pytest.mark.parametrize("size", [46, 300, 3_000])
def test_agreeing_positions_estimate_the_jaccard_similarity(size: int) -> None:
    """Over 200 pairs of shingle sets at Jaccard 0.5 and 0.8, the share of agreeing positions is
    unbiased and no more spread than 128 independent minimum hashes would give (sd 0.044 and
    0.035), for sets as small as the smallest signed body."""
    rng = np.random.default_rng(size)
    for target, most_spread in ((0.5, 0.044), (0.8, 0.035)):
        errors = []
        for _ in range(200):
            common = round(2 * size * target / (1 + target))
            values = rng.integers(0, 2**64 - 1, size=2 * size - common, dtype=np.uint64)
            a = values[:size]
            b = np.concatenate((values[:common], values[size:]))
            estimate = float(np.mean(signature(a) == signature(b)))
            errors.append(estimate - jaccard(np.unique(a), np.unique(b)))
        assert abs(np.mean(errors)) < 0.01
        assert np.std(errors) < most_spread


def test_signature_of_no_shingles() -> None:
    empty = shingles("too short")
    assert len(empty) == 0
    assert signature(empty).tolist() == [2**32 - 1] * PERMUTATIONS
    assert article_signature("too short") is None
