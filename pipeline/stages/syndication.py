"""Syndication: the same article republished by several outlets, found as near-duplicate bodies.

Republished copies differ in boilerplate, title and a few edited sentences, so exact hashes miss
them. Each body becomes a set of word shingles; MinHash signatures with LSH banding pick candidate
pairs in near-linear time, and the exact Jaccard similarity of the shingle sets decides. Confirmed
pairs are joined into clusters (connected components); each member is reported with its exact
similarity to the cluster's earliest member (by published date, undated last, then path).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import numpy as np
import numpy.typing as npt
import rensa

SHINGLE_WORDS = 5
PERMUTATIONS = 128
# 32 bands of 4 rows: a pair at Jaccard 0.8 becomes a candidate with probability 1 - (1 - 0.8^4)^32
# > 0.99999; at 0.2, 5%. Candidates are cheap to reject, missed pairs are lost for good.
BANDS = 32
ROWS_PER_BAND = PERMUTATIONS // BANDS
# Candidates whose signatures agree on fewer positions are not worth an exact comparison: with 128
# positions the estimate's standard deviation near 0.8 is at most 0.035, so 0.7 is 3 deviations below.
MIN_ESTIMATE = 0.7
# The decision: exact Jaccard similarity of the 5-word shingle sets.
MIN_JACCARD = 0.8
# Shorter bodies (teasers, paywall stubs, one-line notices) are often shared templates rather than
# republished articles, and too small for a similarity to mean much.
MIN_WORDS = 50
_MIN_SHINGLES = MIN_WORDS - SHINGLE_WORDS + 1

# The signature is rensa's RMinHash (Rust, SIMD): a sketch of the 64-bit shingle hashes whose
# positions agree with probability equal to the Jaccard similarity, like 128 independent minimum
# hashes, at a small part of their cost (measured against the numpy kernel it replaced: unbiased,
# a standard deviation of 0.025-0.033 at Jaccard 0.8 where 128 hash functions give 0.035). It is
# a position-wise minimum over the shingles, so pieces of a text can be signed apart and merged.
# Fixed seed: signatures are stored, and must not change between runs.
_SEED = 20190521
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
# Words are the runs of `\w` in the lower-cased text. Each is hashed as a polynomial of its code
# points in _BASE modulo 2^64, from prefix sums over the whole piece: no Python string per word.
_WORD = re.compile(r"\w+")
_BASE = 0x100000001B3  # odd, so invertible modulo 2^64
# A long body is read in pieces of about this many characters, cut after a line break: its
# arrays (about 40 bytes a character) stay small whatever the body's size.
PIECE_CHARS = 1 << 18
# Powers of _BASE and of its inverse for pieces up to this long are computed once per process.
_CACHED_POWERS = 1 << 16

Shingles = npt.NDArray[np.uint64]
Signature = npt.NDArray[np.uint64]
Signatures = npt.NDArray[np.uint64]  # one signature a row
_U64 = npt.NDArray[np.uint64]


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


def shingles(text: str) -> Shingles:
    """Sorted distinct 64-bit hashes of the text's 5-word shingles (lower case, punctuation
    ignored); empty when the text has fewer than MIN_WORDS words."""
    pieces = list(shingle_hashes(text))
    if sum(map(len, pieces)) < _MIN_SHINGLES:
        return np.empty(0, dtype=np.uint64)
    return np.unique(np.concatenate(pieces))


def shingle_hashes(text: str, piece_chars: int = PIECE_CHARS) -> Iterator[Shingles]:
    """The shingle hashes in text order, repeats included, one array per piece of the text: the
    last SHINGLE_WORDS - 1 words of a piece are carried over to start the next one's shingles."""
    carried = np.empty(0, dtype=np.uint64)
    for piece in _pieces(text, piece_chars):
        words = np.concatenate((carried, _word_hashes(piece.lower())))
        n = len(words) - SHINGLE_WORDS + 1
        if n > 0:
            mixed: _U64 = words[:n] * _MIX[0]
            for position in range(1, SHINGLE_WORDS):
                mixed += words[position : position + n] * _MIX[position]
            mixed ^= mixed >> np.uint64(32)
            yield mixed
        carried = words[-(SHINGLE_WORDS - 1) :]


def _pieces(text: str, piece_chars: int) -> Iterator[str]:
    """Consecutive pieces of about piece_chars characters, each cut just after a line break: no
    word runs across a line break, and lower-casing a piece needs nothing beyond it (the one
    context rule of str.lower, a final sigma, stops at a line break)."""
    start = 0
    while len(text) - start > piece_chars:
        cut = text.rfind("\n", start, start + piece_chars) + 1
        if cut <= start:  # a line longer than a piece: cut after its end
            cut = text.find("\n", start + piece_chars) + 1
            if not cut:
                break
        yield text[start:cut]
        start = cut
    yield text[start:]


def _word_hashes(lowered: str) -> _U64:
    """The hash of each word of the (lower-cased) text, in order."""
    points = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_word = np.zeros(len(points) + 2, dtype=np.bool_)  # a non-word character at either end
    np.take(_word_characters(), points, out=is_word[1:-1])
    edges = np.flatnonzero(is_word[1:] != is_word[:-1])
    starts, ends = edges[0::2], edges[1::2]
    powers, inverses = _powers(len(points))
    prefix = np.zeros(len(points) + 1, dtype=np.uint64)
    np.cumsum(points * powers, out=prefix[1:])
    # sum of point[i] * BASE^(i - start) over the word: position-free, so equal words hash equal
    hashes: _U64 = (prefix[ends] - prefix[starts]) * inverses[starts]
    return hashes


@functools.cache
def _word_characters() -> npt.NDArray[np.bool_]:
    r"""For every code point, whether `\w` matches it: found by the regex itself, once per process
    (about 30 ms: `\w` matches 734 runs of consecutive code points), so the words are exactly the
    regex's."""
    every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    is_word = np.zeros(len(every), dtype=np.bool_)
    for run in _WORD.finditer(every):
        is_word[run.start() : run.end()] = True
    return is_word


def _powers(n: int) -> tuple[_U64, _U64]:
    """BASE^i and BASE^-i modulo 2^64 for i < n."""
    if n <= _CACHED_POWERS:
        powers, inverses = _cached_powers()
        return powers[:n], inverses[:n]
    return _powers_of(_BASE, n), _powers_of(pow(_BASE, -1, 1 << 64), n)


@functools.cache
def _cached_powers() -> tuple[_U64, _U64]:
    return _powers_of(_BASE, _CACHED_POWERS), _powers_of(pow(_BASE, -1, 1 << 64), _CACHED_POWERS)


def _powers_of(base: int, n: int) -> _U64:
    powers = np.full(n, base, dtype=np.uint64)
    powers[:1] = 1
    return np.multiply.accumulate(powers, out=powers)  # wraps modulo 2^64


def signature(shingle_hashes: Shingles) -> Signature:
    """The signature of a set of shingle hashes (repeats and order do not matter); for no shingles,
    every position holds 2^32 - 1."""
    return np.array(_signature_values(shingle_hashes), dtype=np.uint64)


def _signature_values(shingle_hashes: Shingles) -> list[int]:
    offsets = np.array([0, len(shingle_hashes)], dtype=np.uint64)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        np.ascontiguousarray(shingle_hashes, dtype=np.uint64), offsets, PERMUTATIONS, _SEED
    )
    values: list[int] = matrix.to_rows()[0]
    return values


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


def article_signature(body: str) -> list[int] | None:
    """The signature of an article body, stored per document by the batch workers so that a load
    only compares signatures; None for bodies under MIN_WORDS words. A long body is signed piece
    by piece and the pieces' signatures merged (their position-wise minimum): the same signature,
    without arrays the size of the whole body."""
    merged: list[int] | None = None
    count = 0
    for hashes in shingle_hashes(body):
        count += len(hashes)
        piece = _signature_values(hashes)
        merged = piece if merged is None else list(map(min, merged, piece))
    return merged if count >= _MIN_SHINGLES else None


def find_syndication(articles: Iterable[Article]) -> list[SyndicationRow]:
    """Clusters of near-duplicate articles; articles in no cluster get no row. Cluster ids count
    from 1 in the order of the clusters' earliest members."""
    kept: list[Article] = []
    sets: list[Shingles] = []
    for article in articles:
        shingle_set = shingles(article.body)
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
