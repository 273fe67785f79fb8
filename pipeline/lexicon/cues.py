"""Segmentation cues (pipeline/data/segmentation.toml) compiled into line tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.lexicon import merged

WORD_RE = re.compile(r"[\w'’]+")
LIST_MARKER_RE = re.compile(r"^(?:[-–—•*▪►]|\d{1,2}[.)])(?:\s|$)")


@dataclass(frozen=True)
class Cues:
    first_person: frozenset[str]
    captions: tuple[str, ...]
    comment_header_re: re.Pattern[str]
    relative_time_re: re.Pattern[str]

    def is_conversational(self, line: str) -> bool:
        return any(word in self.first_person for word in WORD_RE.findall(line.casefold()))

    def is_caption(self, line: str) -> bool:
        return line.casefold().startswith(self.captions)

    def has_relative_time(self, line: str) -> bool:
        return bool(self.relative_time_re.search(line.casefold()))

    def is_comment_header(self, line: str) -> bool:
        return len(line.split()) <= 10 and bool(self.comment_header_re.search(line.casefold()))


@cache
def cues() -> Cues:
    return Cues(
        first_person=frozenset(merged("segmentation", "first_person")),
        captions=tuple(merged("segmentation", "caption")),
        comment_header_re=re.compile(
            "|".join(f"(?:{p})" for p in merged("segmentation", "comment_header_re"))
        ),
        relative_time_re=re.compile(
            "|".join(f"(?:{p})" for p in merged("segmentation", "relative_time_re"))
        ),
    )


def is_list_item(line: str) -> bool:
    return bool(LIST_MARKER_RE.match(line))
