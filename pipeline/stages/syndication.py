"""Syndication: the same article republished by several outlets, found as near-duplicate bodies.

Republished copies differ in boilerplate, title and a few edited sentences, so exact hashes miss
them. Each body becomes a set of word shingles; MinHash signatures with LSH banding pick candidate
pairs in near-linear time, and the exact Jaccard similarity of the shingle sets decides. Confirmed
pairs are joined into clusters (connected components); each member is reported with its exact
similarity to the cluster's earliest member (by published date, undated last, then path).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
PERMUTATIONS = 128
# 32 bands of 4 rows: a pair at Jaccard 0.8 becomes a candidate with probability 1 - (1 - 0.8^4)^32
# > 0.99999; at 0.2, 5%. Candidates are cheap to reject, missed pairs are lost for good.
BANDS = 32
ROWS_PER_BAND = PERMUTATIONS // BANDS
# Candidates whose signatures agree on fewer positions are not worth an exact comparison: with 128
# permutations the estimate's standard deviation near 0.8 is 0.035, so 0.7 is 3 deviations below.
MIN_ESTIMATE = 0.7
# The decision: exact Jaccard similarity of the 5-word shingle sets.
MIN_JACCARD = 0.8
# Shorter bodies (teasers, paywall stubs, one-line notices) are often shared templates rather than
# republished articles, and too small for a similarity to mean much.
MIN_WORDS = 50

# Multiply-shift hash functions over 32-bit shingle hashes: odd 64-bit multipliers a, offsets b.
_RNG = np.random.default_rng(20190521)  # fixed: signatures must not change between runs
_A = _RNG.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _RNG.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
# Odd 64-bit multipliers that mix the word hashes of a shingle in order (wrapping arithmetic).
_MIX = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
    ],
    dtype=np.uint64,
)
# Shingles per block of the (shingles × permutations) matrix: bounds memory, and a 1 MB block
# stays in cache between its multiply, add and minimum (4,096 was 20% slower).
_CHUNK = 1024
# Each thread's block, reused by every signature it computes: a fresh 1 MB array per block is
# mapped from the OS and faulted in page by page, a third of the signature's time. Per thread,
# because the thread runner signs documents in several threads of one process at once.
_BLOCKS = threading.local()
_WORD = re.compile(r"\w+")

Shingles = npt.NDArray[np.uint32]
Signature = npt.NDArray[np.uint64]
Signatures = npt.NDArray[np.uint64]  # one signature a row


@dataclass(frozen=True)
class Article:
    doc_id: str
    path: str
    outlet: str | None
    published: date | None
    body: str


@dataclass(frozen=True)
class SyndicationRow:
    cluster_id: int
    doc_id: str
    path: str
    outlet: str | None
    similarity: float


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")


def shingles(text: str, cache: dict[str, int] | None = None) -> Shingles:
    """Sorted distinct 32-bit hashes of the text's 5-word shingles (lower case, punctuation
    ignored); empty when the text has fewer than MIN_WORDS words."""
    return np.unique(_shingle_hashes(text, cache))


def _shingle_hashes(text: str, cache: dict[str, int] | None) -> Shingles:
    """The shingle hashes in text order, repeats included."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return np.empty(0, dtype=np.uint32)
    known = {} if cache is None else cache
    for word in set(words).difference(known):
        known[word] = _word_hash(word)
    hashes = np.fromiter(map(known.__getitem__, words), dtype=np.uint64, count=len(words))
    n = len(hashes) - SHINGLE_WORDS + 1
    mixed: npt.NDArray[np.uint64] = hashes[:n] * _MIX[0]
    for position in range(1, SHINGLE_WORDS):
        mixed += hashes[position : position + n] * _MIX[position]
    mixed ^= mixed >> np.uint64(32)
    return mixed.astype(np.uint32)  # keeps the low 32 bits


def signature(shingle_set: Shingles) -> Signature:
    """MinHash signature: for each of the PERMUTATIONS hash functions, the least shingle hash.

    The functions are multiply-shift hashes, h(x) = (a·x + b) mod 2^64 >> 32 with odd a: numpy's
    wrapping uint64 arithmetic computes them without the slow modulo of a prime field. The shift
    is monotonic, so it is applied once to the 128 minima rather than to every shingle.
    """
    least = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    if not len(shingle_set):
        return least  # as before: no shingle, no minimum
    values = shingle_set.astype(np.uint64)[:, np.newaxis]
    buffer = _block_buffer()
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        block = buffer[: len(chunk)]
        np.multiply(chunk, _A, out=block)
        block += _B
        np.minimum(least, block.min(axis=0), out=least)
    least >>= np.uint64(32)
    return least


def _block_buffer() -> npt.NDArray[np.uint64]:
    buffer: npt.NDArray[np.uint64] | None = getattr(_BLOCKS, "buffer", None)
    if buffer is None:
        buffer = _BLOCKS.buffer = np.empty((_CHUNK, PERMUTATIONS), dtype=np.uint64)
    return buffer


def jaccard(a: Shingles, b: Shingles) -> float:
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def _candidates(signatures: Signatures) -> Iterator[tuple[int, int]]:
    """Pairs that agree on every row of at least one band, each once, smaller index first.

    Each band's rows are folded into one 64-bit key and the keys sorted, in numpy: a Python dict
    of 32 bands × 100,000 signatures took seconds. Two bands can fold to the same key by chance;
    such a pair is only an extra candidate, which the estimate and exact Jaccard then judge.
    """
    if len(signatures) < 2:
        return
    seen: set[tuple[int, int]] = set()
    for band in range(BANDS):
        rows = signatures[:, band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        keys = np.zeros(len(signatures), dtype=np.uint64)
        for column, multiplier in zip(rows.T, _MIX, strict=False):
            keys = (keys ^ column) * multiplier
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        ends = np.append(starts[1:], len(ordered))
        shared = ends - starts > 1  # keys held by two signatures or more
        for first, last in zip(starts[shared], ends[shared], strict=True):
            for pair in combinations(sorted(order[first:last].tolist()), 2):
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _root(parents: list[int], item: int) -> int:
    while parents[item] != item:
        parents[item] = parents[parents[item]]
        item = parents[item]
    return item


def _age(article: Article) -> tuple[bool, date, str]:
    return (article.published is None, article.published or date.min, article.path)


# Word hashes shared by the documents a worker process signs: most words recur across documents.
WORD_HASH_CACHE_SIZE = 200_000
_WORD_HASHES: dict[str, int] = {}


def article_signature(body: str) -> list[int] | None:
    """The MinHash signature of an article body, stored per document by the batch workers so that
    a load only compares signatures; None for bodies under MIN_WORDS words."""
    if len(_WORD_HASHES) > WORD_HASH_CACHE_SIZE:  # bounded: a worker's memory must not grow
        _WORD_HASHES.clear()
    # Repeats do not change a minimum: the shingles need not be made distinct (a sort) first.
    hashes = _shingle_hashes(body, _WORD_HASHES)
    return signature(hashes).tolist() if len(hashes) else None


def find_syndication(articles: Iterable[Article]) -> list[SyndicationRow]:
    """Clusters of near-duplicate articles; articles in no cluster get no row. Cluster ids count
    from 1 in the order of the clusters' earliest members."""
    cache: dict[str, int] = {}
    kept: list[Article] = []
    sets: list[Shingles] = []
    for article in articles:
        shingle_set = shingles(article.body, cache)
        if len(shingle_set):
            kept.append(article)
            sets.append(shingle_set)
    signatures = np.array([signature(shingle_set) for shingle_set in sets], dtype=np.uint64)
    return cluster_rows(kept, signatures.reshape(len(sets), PERMUTATIONS), lambda i: sets[i])


def cluster_rows(
    kept: list[Article], signatures: Signatures, shingles_of: Callable[[int], Shingles]
) -> list[SyndicationRow]:
    """LSH candidates among `signatures`, confirmed by exact Jaccard of `shingles_of(index)`."""
    parents = list(range(len(kept)))
    for i, j in _candidates(signatures):
        if float(np.mean(signatures[i] == signatures[j])) < MIN_ESTIMATE:
            continue
        if jaccard(shingles_of(i), shingles_of(j)) >= MIN_JACCARD:
            parents[_root(parents, i)] = _root(parents, j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for index in range(len(kept)):
        clusters[_root(parents, index)].append(index)
    groups = sorted(
        (sorted(members, key=lambda index: _age(kept[index])) for members in clusters.values()),
        key=lambda members: _age(kept[members[0]]),
    )
    rows: list[SyndicationRow] = []
    for cluster_id, members in enumerate((group for group in groups if len(group) > 1), start=1):
        earliest = members[0]
        for index in members:
            article = kept[index]
            similarity = (
                1.0 if index == earliest else jaccard(shingles_of(index), shingles_of(earliest))
            )
            rows.append(
                SyndicationRow(cluster_id, article.doc_id, article.path, article.outlet, similarity)
            )
    return rows
