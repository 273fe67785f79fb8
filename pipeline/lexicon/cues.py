"""Segmentation cues (pipeline/data/segmentation.toml) compiled into line tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.lexicon import lexicon, merged

WORD_RE = re.compile(r"[\w'’]+")
# Languages written without spaces between words.
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "th"})
# A caption with its credit runs at most this long; a paragraph may end with a "(Reuters)".
CREDIT_LINE_MAX_WORDS = 40
LIST_MARKER_RE = re.compile(r"^(?:[-–—•*▪►]|\d{1,2}[.)])(?:\s|$)")
# The rules ask each line the same questions again and again: the cues remember the answers for
# this many lines per question (each a function of its arguments alone).
ANSWERS_KEPT = 1 << 14
_REMEMBERED = ("is_conversational", "speaks", "is_caption", "ends_with_credit", "has_relative_time")


@dataclass(frozen=True)
class Cues:
    first_person: frozenset[str]
    first_person_by_language: dict[str, frozenset[str]]
    captions: tuple[str, ...]
    # The longest caption's length: casefolding maps each character on its own to one or more
    # characters, so a line's first this many characters decide whether it starts with one.
    caption_chars: int
    comment_header_re: re.Pattern[str]
    relative_time_re: re.Pattern[str]
    photo_credit_re: re.Pattern[str]

    def __post_init__(self) -> None:
        for name in _REMEMBERED:  # an instance's own remembering copy shadows the method
            object.__setattr__(self, name, lru_cache(maxsize=ANSWERS_KEPT)(getattr(self, name)))

    def is_conversational(self, line: str) -> bool:
        return not self.first_person.isdisjoint(WORD_RE.findall(line.casefold()))

    def speaks(self, line: str, language: str) -> bool:
        """First or second person in this language's own words (Portuguese "eu" is Dutch "EU")."""
        words = self.first_person_by_language.get(language, frozenset())
        if language in UNSPACED_LANGUAGES:  # no spaces to split words at: look for them inside
            return any(word in line for word in words)
        return not words.isdisjoint(WORD_RE.findall(line.casefold()))

    def knows_voice(self, language: str | None) -> bool:
        """Whether the lexicon lists this language's words of conversation."""
        return language in self.first_person_by_language

    def is_caption(self, line: str) -> bool:
        return line[: self.caption_chars].casefold().startswith(self.captions)

    def ends_with_credit(self, line: str) -> bool:
        """A picture's caption that ends with its credit ("Police stand guard on Sunday.
        Photograph: Stephanie Keith/Reuters", "… Chuck Burton/AP")."""
        return has_at_most(line, CREDIT_LINE_MAX_WORDS) and bool(
            self.photo_credit_re.search(line.casefold())
        )

    def has_relative_time(self, line: str) -> bool:
        return bool(self.relative_time_re.search(line.casefold()))

    def is_comment_header(self, line: str) -> bool:
        return _is_comment_header(line)


@lru_cache(maxsize=4096)  # thread rules ask it of the same lines again and again
def _is_comment_header(line: str) -> bool:
    return has_at_most(line, 10) and bool(cues().comment_header_re.search(line.casefold()))


def has_at_most(line: str, words: int) -> bool:
    """Whether `line` has at most this many words (runs of non-space): the split stops after
    one more, not building a string for each word of a long paragraph."""
    return len(line.split(None, words)) <= words


@cache
def cues() -> Cues:
    captions = tuple(merged("segmentation", "caption"))
    return Cues(
        first_person=frozenset(merged("segmentation", "first_person")),
        first_person_by_language={
            language: frozenset(lists["first_person"])
            for language, lists in lexicon("segmentation").items()
            if "first_person" in lists
        },
        captions=captions,
        caption_chars=max(map(len, captions), default=0),
        comment_header_re=re.compile(
            "|".join(f"(?:{p})" for p in merged("segmentation", "comment_header_re"))
        ),
        relative_time_re=re.compile(
            "|".join(f"(?:{p})" for p in merged("segmentation", "relative_time_re"))
        ),
        photo_credit_re=re.compile(
            "|".join(f"(?:{p})" for p in merged("segmentation", "photo_credit_re"))
        ),
    )


def is_list_item(line: str) -> bool:
    return bool(LIST_MARKER_RE.match(line))
