"""Document language from an offline model shipped inside the py3langid package."""

from __future__ import annotations

import re
from itertools import islice

import py3langid

# A few words tell nothing reliable about a language.
MIN_LETTERS = 20
# The model reads prose, not menus: lines this long are prose, and a few hundred characters of
# them decide as well as the whole page does, at a bounded cost (600 characters gave the same
# language as 1,000 on 2,050 of 2,050 benchmark, dev-set and seed pages, in half the time).
PROSE_LINE_CHARS = 80
SAMPLE_CHARS = 600
LETTER_RE = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to say."""
    sample = _prose_sample(text)
    if sum(1 for _ in islice(LETTER_RE.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:
        return None
    language, _score = py3langid.classify(sample)
    return str(language)


def _prose_sample(text: str) -> str:
    parts: list[str] = []
    size = 0
    for line in text.split("\n"):
        if len(line) >= PROSE_LINE_CHARS:
            parts.append(line)
            size += len(line)
            if size >= SAMPLE_CHARS:
                break
    return "\n".join(parts) if parts else text[:SAMPLE_CHARS]
