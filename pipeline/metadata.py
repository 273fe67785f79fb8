"""Stage 3b: document-level metadata read off the labelled blocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline.attribution import authors_in, names_line, outlet_in
from pipeline.dates import find_date
from pipeline.segment import Block


@dataclass(frozen=True)
class Metadata:
    kind: str
    title: str | None
    authors: tuple[str, ...]
    published: date | None
    outlet: str | None


def extract_metadata(blocks: list[Block], language: str | None) -> Metadata:
    roles = {block.role for block in blocks}
    title = next((b.text for b in blocks if b.role == "title"), None)
    meta = [b for b in blocks if b.role == "meta"]
    authors: list[str] = []
    for block in meta:
        names = authors_in(block.text) or names_line(block.text)
        authors.extend(name for name in names if name not in authors)
    published = next(
        (d for b in meta if (d := find_date(b.text, language)) is not None),
        None,
    )
    outlet = next(
        (o for b in blocks if b.role in ("meta", "boilerplate") and (o := outlet_in(b.text))),
        None,
    )
    return Metadata(_kind(roles), title, tuple(authors), published, outlet)


def _kind(roles: set[str]) -> str:
    has_article = bool(roles & {"title", "body", "heading"})
    has_comments = "comment" in roles
    if has_article and has_comments:
        return "article_with_comments"
    if has_comments:
        return "comments"
    if has_article:
        return "article"
    return "empty"
