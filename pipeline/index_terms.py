"""Search-index term counts, computed by the batch workers so that a load does not tokenize.

They must equal what the warehouse's SQL makes of the same text (warehouse/load/search_index.sql:
lower, split on anything not \\p{L} or \\p{N}, strip_accents per word), because documents that
no worker counted (a rebuild after the SQL changed, relabelled documents) are tokenized there and
queries are compared with both. tests/test_index_terms.py checks every assigned code point.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.process import Document

# Python's \w is a letter, a digit or "_": [^\W_] is SQL's [\p{L}\p{N}].
WORD_RE = re.compile(r"[^\W_]+")
# str.lower() maps İ to i + combining dot and a final Σ to ς; DuckDB's lower gives i and σ.
_AS_DUCKDB_LOWERS = str.maketrans({"İ": "i", "Σ": "σ"})


@lru_cache(maxsize=200_000)  # per worker process, bounded: words recur across documents
def strip_accents(word: str) -> str:
    """DuckDB's strip_accents: every mark (categories Mn, Mc, Me) removed from the decomposed
    word, the rest recomposed."""
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return unicodedata.normalize("NFC", kept)


def term_counts(texts: list[str]) -> Counter[str]:
    """The index terms of a search unit made of `texts` (joined by blank lines in SQL), counted."""
    words: Counter[str] = Counter()
    for text in texts:
        words.update(WORD_RE.findall(text.translate(_AS_DUCKDB_LOWERS).lower()))
    terms: Counter[str] = Counter()
    for word, n in words.items():
        terms[word if word.isascii() else strip_accents(word)] += n
    return terms


def document_units(document: Document) -> Iterator[tuple[int | None, Counter[str]]]:
    """(seq, term counts) of each search unit of a document as its page labelled it: the article
    (seq None: title, body and heading lines; only when it has some) and each reader comment."""
    article = [block.text for block in document.blocks if block.role in ("body", "heading")]
    if article:
        yield None, term_counts([document.title or "", *article])
    for comment in document.comments:
        yield comment.seq, term_counts([comment.text])
