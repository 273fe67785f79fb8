"""Document language from an offline model shipped inside the py3langid package."""

from __future__ import annotations

import py3langid

# A few words tell nothing reliable about a language.
MIN_LETTERS = 20
# Long documents: the first part decides, and the model's cost stays bounded.
SAMPLE_CHARS = 20_000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to say."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return None
    language, _score = py3langid.classify(sample)
    return str(language)
