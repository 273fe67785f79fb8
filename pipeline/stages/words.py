"""How many words a line has, in scripts written with spaces between words and without them.

Chinese and Japanese write no spaces between words, Thai none inside a phrase: split on spaces,
a paragraph of either is one "word", so no such line ever counted as prose. Characters of those
scripts count as words at the average length of a word (about two characters for Chinese and
Japanese, four for Thai, Lao, Khmer and Burmese).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Han, Hiragana, Katakana (with the prolonged-sound mark), CJK punctuation excluded.
_TWO_PER_WORD_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FOUR_PER_WORD_RANGES = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Burmese, Khmer
_TWO_PER_WORD = re.compile(f"[{_TWO_PER_WORD_RANGES}]")
_FOUR_PER_WORD = re.compile(f"[{_FOUR_PER_WORD_RANGES}]")
# Either: one search tells a line of spaced scripts (most non-ASCII lines) from the others.
_UNSPACED = re.compile(f"[{_TWO_PER_WORD_RANGES}{_FOUR_PER_WORD_RANGES}]")


@lru_cache(maxsize=1 << 16)
def count_words(text: str) -> int:
    if text.isascii() or not _UNSPACED.search(text):
        return _token_count(text)
    tokens = text.split()
    two = len(_TWO_PER_WORD.findall(text))
    four = len(_FOUR_PER_WORD.findall(text))
    # A token of such characters counts once as a token, and its characters as words.
    unspaced = sum(1 for token in tokens if _UNSPACED.search(token))
    return len(tokens) - unspaced + max(1, round(two / 2 + four / 4))


def _token_count(text: str) -> int:
    """len(text.split()), without a string for each word. A printable line has no whitespace but
    the space (tabs, controls, no-break and other spaces are not printable): without two spaces in
    a row, its words are its spaces plus one, less a space at either end."""
    if "  " in text or not text.isprintable():
        return len(text.split())
    if not text.strip(" "):
        return 0
    return text.count(" ") + 1 - text.startswith(" ") - text.endswith(" ")


# A word of this many letters or more carries content; shorter ones are mostly grammar ("the",
# "und", "les"), whichever the language.
CONTENT_WORD_MIN_CHARS = 4
_WORD_RE = re.compile(r"[^\W\d_]+")
# Words compared by their first letters: "космического" and "космический", "investigation" and
# "investigates" are one term.
CONTENT_STEM_CHARS = 5


def content_terms(text: str) -> set[str]:
    """The casefolded words of CONTENT_WORD_MIN_CHARS letters or more; in scripts written
    without spaces, each pair of neighbouring characters (about a word of Chinese or Japanese)."""
    terms: set[str] = set()
    for word in _WORD_RE.findall(text.casefold()):
        if _UNSPACED.search(word):
            terms.update(word[i : i + 2] for i in range(len(word) - 1))
        elif len(word) >= CONTENT_WORD_MIN_CHARS:
            terms.add(word[:CONTENT_STEM_CHARS])
    return terms
