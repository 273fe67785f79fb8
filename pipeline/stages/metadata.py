"""Stage 3b: document-level metadata read off the labelled blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.lexicon.cues import cues
from pipeline.stages.attribution import is_meta_line, outlet_in
from pipeline.stages.authors import authors_of_page
from pipeline.stages.dates import declared_date, find_date, find_year_first_date
from pipeline.stages.html import TITLE_SEPARATORS, Declared
from pipeline.stages.roles import ARTICLE_ROLES
from pipeline.stages.segment import QUOTE_DASHES, Block

SITE_NAME_MAX_WORDS = 4
TITLE_MIN_CHARS = 8
# Separators between the parts of a <title>: " | ", " - ", ": ", " » "…
TITLE_PARTS_RE = re.compile(rf"\s+[{re.escape(TITLE_SEPARATORS)}]+\s+|[:_｜－：]\s*")
# What stands between a headline and the site's name in a <title>: "|", "-", "–", "•"… between
# spaces (not ":", which headlines hold: "Affaire KPMG : un juge se récuse").
HEADLINE_SEPARATORS = TITLE_SEPARATORS.translate(str.maketrans("", "", ":：_－"))
SPACED_SEPARATOR_RE = re.compile(rf"\s+[{re.escape(HEADLINE_SEPARATORS)}]+\s+")
DOMAIN_RE = re.compile(r"\S+\.\S+")
# A mark before a headline's words: a Markdown file's ("# Talks continue next week"), or a
# diary's or forum's bullet ("■ …", "» …"); the line keeps it, the title not.
HEADLINE_MARK_RE = re.compile(r"^(?:#{1,6}|[■□●○◆◇★☆▶►▸»›•※])\s+(?=\S)")
ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Metadata:
    kind: str
    title: str | None
    authors: tuple[str, ...]
    published: date | None
    outlet: str | None


def extract_metadata(
    blocks: list[Block], language: str | None, declared: Declared | None = None
) -> Metadata:
    """What the page's lines say; what an HTML page declares about itself wins where it says it
    (JSON-LD, OpenGraph and <meta> tags: the publisher's own record, not a guess)."""
    declared = declared or Declared()
    roles = {block.role for block in blocks}
    title = (
        _declared_title(blocks, declared.title)
        or next((HEADLINE_MARK_RE.sub("", b.text) for b in blocks if b.role == "title"), None)
        or _declared_headline(declared, bool(roles & {"body", "comment"}))
    )
    meta = [b for b in blocks if b.role == "meta"]
    authors = authors_of_page(
        declared.authors, declared.outlet, declared.bylines, (b.text for b in meta)
    )
    published = (
        next(
            (d for b in meta if _dates_the_page(b.text) and (d := find_date(b.text, language))),
            None,
        )
        or _date_above_the_text(blocks)
        or _date_in_post_footer(blocks, language)
    )
    # A personal newsletter's "© 2019 Helen Marsh" names its author, not an outlet.
    outlet = next(
        (
            o
            for b in blocks
            if b.role in ("meta", "boilerplate") and (o := outlet_in(b.text)) and o not in authors
        ),
        None,
    ) or _site_name(blocks)
    return Metadata(
        _kind(roles),
        title,
        authors,
        _iso_date(declared.published) or published,
        declared.outlet or _outlet_in_page_title(declared.page_title, title) or outlet,
    )


def _outlet_in_page_title(page_title: str | None, title: str | None) -> str | None:
    """ "Headline | Site" or "Site: Headline": what the <title> says beside the headline, the
    part farthest from it ("Headline - Section - Site")."""
    if not page_title or not title:
        return None
    start = page_title.casefold().find(title.casefold())
    if start < 0:
        return None
    before, after = page_title[:start], page_title[start + len(title) :]
    side = after if after.strip(TITLE_SEPARATORS + " ") else before
    parts = [p for p in TITLE_PARTS_RE.split(side) if p.strip(TITLE_SEPARATORS + " ")]
    if not parts:
        return None
    name = (parts[-1] if side is after else parts[0]).strip(TITLE_SEPARATORS + " ,;")
    worded = any(char.isalpha() for char in name) and not name.startswith("(")
    return name if worded and 1 <= len(name.split()) <= SITE_NAME_MAX_WORDS + 2 else None


def _date_above_the_text(blocks: list[Block]) -> date | None:
    """A year-first date ("2019年02月11日", "2019/04/04") in the head of the page, above the
    article's first paragraph, where no meta line gave a date."""
    head = blocks[: next((i for i, b in enumerate(blocks) if b.role == "body"), 0)]
    return next((d for b in head if (d := find_year_first_date(b.text)) is not None), None)


def _dates_the_page(line: str) -> bool:
    """Not a poster's join date ("Joined: Thu Aug 10, 2017") nor an embedded tweet's ("— Elon
    Musk (@elonmusk) September 9, 2016")."""
    return not (cues().is_join_date(line) or line.startswith(QUOTE_DASHES))


def _date_in_post_footer(blocks: list[Block], language: str | None) -> date | None:
    """Where no meta line gave a date: a byline with its date in the article's furniture, from
    its title to its first comment ("Posted by will / June 5, 2009" in the post's footer bar)."""
    start = next((i for i, b in enumerate(blocks) if b.role == "title"), None)
    if start is None:
        return None
    for block in blocks[start + 1 :]:
        if block.role == "comment":
            return None
        if block.role == "boilerplate" and is_meta_line(block.text, language):
            return find_date(block.text, language)
    return None


def _declared_title(blocks: list[Block], declared: str | None) -> str | None:
    """The page's own line that the declared headline names: og:title often carries the site's
    name too ("Headline | Site"), so the visible line is the title when the declared one holds it."""
    if not declared:
        return None
    folded = " ".join(declared.casefold().split())
    for block in blocks:
        line = " ".join(block.text.casefold().split())
        if (
            block.role != "comment"
            and len(line) >= TITLE_MIN_CHARS
            and (line == folded or (folded.startswith(line) and len(line) >= len(folded) / 2))
        ):
            return block.text
    return None


def _declared_headline(declared: Declared, has_text: bool) -> str | None:
    """Where no line of the page is its title: the headline the markup declares (JSON-LD,
    og:title), else the <title> of a page with an article body or a thread (a forum topic's
    names the topic), less what stands beside the headline ("Headline | Site")."""
    for candidate in (declared.title, declared.page_title if has_text else None):
        parts = [
            part.strip(TITLE_SEPARATORS + " ")
            for part in SPACED_SEPARATOR_RE.split(candidate or "")
        ]
        site = (declared.outlet or "").casefold()
        named = [
            part
            for part in parts
            if part and part.casefold() != site and not DOMAIN_RE.fullmatch(part)
        ]
        if named:
            return max(named, key=len)
    return None


def _iso_date(value: str | None) -> date | None:
    match = ISO_DATE_RE.match(value or "")
    if not match:
        return None
    try:
        return declared_date(date(int(match[1]), int(match[2]), int(match[3])))
    except ValueError:
        return None


def _site_name(blocks: list[Block]) -> str | None:
    """The page's first line, when it is a short name the page repeats further down (its header
    and its footer: "Mirada Sur" … "Mirada Sur · Funciona con WordPress")."""
    if not blocks or blocks[0].role != "boilerplate":
        return None
    name = blocks[0].text.strip()
    if not 1 <= len(name.split()) <= SITE_NAME_MAX_WORDS or not name[0].isupper():
        return None
    folded = name.casefold()
    repeated = any(
        folded in b.text.casefold() for b in blocks[1:] if b.role in ("boilerplate", "meta")
    )
    return name if repeated else None


def _kind(roles: set[str]) -> str:
    has_article = bool(roles & {"title", *ARTICLE_ROLES})
    has_comments = "comment" in roles
    if has_article and has_comments:
        return "article_with_comments"
    if has_comments:
        return "comments"
    if has_article:
        return "article"
    return "empty"
