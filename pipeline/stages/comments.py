"""Stage 3c: reader comments as rows, with author and date read off their header lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from pipeline.lexicon.cues import cues
from pipeline.lexicon.phrases import phrase_book
from pipeline.stages.dates import find_date
from pipeline.stages.segment import Block

# Where the author's name ends in a header: "Anna · 2 h", "John says:", "Иван пишет:", "Marie a écrit :".
AUTHOR_END_RE = re.compile(
    r"\s+(?:[·•|—–-]|on\b|says:?|wrote:?|пишет:?|написал[аи]?:?|sagt:?|schreibt:?|dice:?|scrive:?|"
    r"dit\s*:?|a écrit\s*:?|escribió:?)(?:\s|$)|\s*:$",
    re.IGNORECASE,
)
MAX_AUTHOR_WORDS = 4
MAX_AUTHOR_CHARS = 40
# A comment's first line that is this short and carries a date is a header even without a cue.
MAX_HEADER_WORDS = 8


@dataclass(frozen=True)
class Comment:
    seq: int
    line_start: int
    line_end: int
    text: str
    author: str | None
    posted: date | None


def extract_comments(blocks: list[Block], language: str | None) -> list[Comment]:
    """One Comment per comment_id; header lines give author and date and are left out of text."""
    comment_blocks = [b for b in blocks if b.role == "comment" and b.comment_id is not None]
    book = phrase_book()
    comments = []
    for _, group in groupby(comment_blocks, key=lambda b: b.comment_id):
        lines = list(group)
        header = lines[0] if len(lines) > 1 and _is_header(lines[0].text, language) else None
        body = lines[1:] if header else lines
        comments.append(
            Comment(
                seq=lines[0].seq,
                line_start=lines[0].line_start,
                line_end=lines[-1].line_end,
                # "Reply" and "Like" buttons belong to the comment's lines, not to what it says.
                text="\n".join(b.text for b in body if not book.is_comment_action(b.text)),
                author=_author(header.text) if header else None,
                posted=find_date(header.text, language) if header else None,
            )
        )
    return comments


def _is_header(text: str, language: str | None) -> bool:
    if cues().is_comment_header(text):
        return True
    return len(text.split()) <= MAX_HEADER_WORDS and find_date(text, language) is not None


def _author(header: str) -> str | None:
    name = AUTHOR_END_RE.split(header, maxsplit=1)[0].strip(" :,")
    words = name.split()
    if not 1 <= len(words) <= MAX_AUTHOR_WORDS or len(name) > MAX_AUTHOR_CHARS:
        return None
    if find_date(name) is not None or name.endswith((".", "!", "?")):
        return None
    return name
