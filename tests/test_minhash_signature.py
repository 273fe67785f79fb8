"""MinHash signatures never change: the `minhash` column stored for a document, and so syndication,
must come out the same for the same article body whatever the kernel computing it.

The reference below is the signature as first written (blake2b word hashes, five words mixed per
shingle, 128 multiply-shift functions applied shingle by shingle), kept here on purpose in its plain
form; the pinned digest also catches a change made to both at once.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import numpy as np
import pytest

from pipeline.stages.syndication import (
    MIN_WORDS,
    PERMUTATIONS,
    article_signature,
    shingles,
    signature,
)
from tests.conftest import PROJECT_ROOT, SEEDS, real_dev_pages
from tests.devtools.bench.corpus import generate_corpus

_WORD = re.compile(r"\w+")
_MIX = [
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
]
_RNG = np.random.default_rng(20190521)
_A = _RNG.integers(0, 2**63, size=(PERMUTATIONS, 1), dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _RNG.integers(0, 2**63, size=(PERMUTATIONS, 1), dtype=np.uint64)
_MASK64 = (1 << 64) - 1

# sha256 of the signatures of the seeds, the written dev set and the real dev pages' text forms
# (each file's whole text as the body), computed with the code as first written.
PINNED_DIGEST = "bf8f6e9068a2562474d67752c440358d26351362015e69bcb039f62d4269a3fb"


def reference_signature(body: str) -> list[int] | None:
    words = _WORD.findall(body.lower())
    if len(words) < MIN_WORDS:
        return None
    hashes = [
        int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
        for word in words
    ]
    shingle_hashes = set()
    for start in range(len(words) - len(_MIX) + 1):
        mixed = 0
        for position, multiplier in enumerate(_MIX):
            mixed = (mixed + hashes[start + position] * multiplier) & _MASK64
        shingle_hashes.add((mixed ^ (mixed >> 32)) & 0xFFFFFFFF)
    values = np.array(sorted(shingle_hashes), dtype=np.uint64)
    return [int(v) for v in (((_A * values + _B) >> np.uint64(32)).min(axis=1))]


def _pages() -> list[Path]:
    devset = PROJECT_ROOT / "tests" / "devset"
    return [
        *sorted(SEEDS.glob("*.txt")),
        *sorted((devset / "docs").glob("*.txt")),
        *sorted(devset / "real" / "docs" / row["path"] for row in real_dev_pages()),
    ]


def test_signatures_of_the_labelled_pages_match_the_reference_and_the_pinned_digest() -> None:
    digest = hashlib.sha256()
    checked = 0
    for page in _pages():
        body = page.read_text(encoding="utf-8")
        got = article_signature(body)
        assert got == reference_signature(body), page.name
        digest.update(repr(got).encode())
        checked += got is not None
    assert checked > 150
    assert digest.hexdigest() == PINNED_DIGEST


def test_signatures_of_benchmark_pages_match_the_reference(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 200, 0)
    for page in sorted(tmp_path.rglob("*.txt")):
        body = page.read_bytes().decode("utf-8", errors="replace")
        assert article_signature(body) == reference_signature(body), page.name


@pytest.mark.parametrize("n_words", [49, 50, 51, 1023, 1028, 1029, 2057, 9000])
def test_signatures_across_block_boundaries(n_words: int) -> None:
    rng = random.Random(n_words)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüжщ") for _ in range(rng.randint(1, 9)))
        for _ in range(20_000)
    ]
    body = " ".join(rng.choice(vocabulary) for _ in range(n_words))
    assert article_signature(body) == reference_signature(body)


def test_signature_of_no_shingles_is_unchanged() -> None:
    empty = shingles("too short")
    assert len(empty) == 0
    assert signature(empty).tolist() == [2**64 - 1] * PERMUTATIONS
