"""Cue words and phrases per language: data in `data/*.toml`, read by one loader that checks keys.

Each file has one table per language (`[en]`, `[ru]`, …) holding lists under the keys named in
`KEYS`. A key the code does not know is an error, so a misspelt list never goes silently unused.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

KEYS: dict[str, frozenset[str]] = {
    "boilerplate": frozenset(
        "comment_actions comment_form comment_nouns comments comments_re consent exact link_list "
        "notice number_words prefix zero_words".split()
    ),
    "metadata": frozenset(
        "author bio byline byline_intro joiners months published_in source reading_time "
        "minute_words reading_words outlet_prefix permission name_particles date_intro weekdays post_footer "
        "element_label not_name name_edge".split()
    ),
    "segmentation": frozenset(
        "author_end caption comment_header_re first_page_re first_person member_since photo_credit_re "
        "relative_time_re reply_prefix starter_re topic_size_re".split()
    ),
    "html": frozenset(
        "comment_words boilerplate_words article_words comment_form_words author_words sidebar_words taxonomy_prefixes article_body_classes byline_words".split()
    ),
}


class LexiconError(ValueError):
    """A lexicon file names a list the code does not read."""


@cache
def lexicon(name: str) -> dict[str, dict[str, list[Any]]]:
    """`data/<name>.toml` as {language: {key: list}}, every key checked against `KEYS[name]`."""
    text = files(__package__).joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    languages: dict[str, dict[str, list[Any]]] = tomllib.loads(text)
    for language, lists in languages.items():
        unknown = set(lists) - KEYS[name]
        if unknown:
            raise LexiconError(
                f"{name}.toml [{language}] has unknown keys {sorted(unknown)}; "
                f"the known ones are {sorted(KEYS[name])}"
            )
    return languages


# The rules ask each line the same questions again and again (is it boilerplate? a comment's
# header? …): the phrase book and the cues remember the answers for this many lines a question.
ANSWERS_KEPT = 1 << 14


@lru_cache(maxsize=ANSWERS_KEPT)
def _casefolded(text: str) -> str:
    return text.casefold()


def casefolded(text: str) -> str:
    """`text.casefold()`, remembered for text beyond ASCII. Several of the rules' questions fold
    the same line (its boilerplate, its voice, a comment header, a credit, an outlet): beyond
    ASCII that costs about 10 ns a character each time (a 460-character line of Cyrillic or of
    curly quotes, 4.5 us), ASCII a tenth of it, less than remembering it."""
    return text.casefold() if text.isascii() else _casefolded(text)


def collapse_whitespace(text: str) -> str:
    """`" ".join(text.split())`: every run of whitespace one space, none at either end. A
    printable line has no whitespace but the space (tabs, controls, no-break and the other spaces
    are not printable): without two spaces in a row only its ends need stripping, which spares
    the split and the join of a paragraph's words."""
    if "  " in text or not text.isprintable():
        return " ".join(text.split())
    return text.strip(" ")


def remember_answers(instance: object, questions: Iterable[str]) -> None:
    """Give a frozen instance its own remembering copy of each named method (each a function
    of its arguments alone); the copy shadows the method."""
    for name in questions:
        object.__setattr__(instance, name, lru_cache(maxsize=ANSWERS_KEPT)(getattr(instance, name)))


def merged(name: str, key: str) -> list[Any]:
    """The list under `key` of every language of `data/<name>.toml`, in file order."""
    return [item for lists in lexicon(name).values() for item in lists.get(key, [])]
