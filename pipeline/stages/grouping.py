"""Stage 3c: which comment each comment line belongs to. The markup's comment items decide where
a page has them; else post headers ("Anna says:", a time stamp) open comments, with the name
standing above its time stamp; without headers each line is a comment of its own."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.lexicon.cues import cues, is_list_item
from pipeline.lexicon.phrases import phrase_book
from pipeline.stages.html import LineEvidence
from pipeline.stages.lines import Line
from pipeline.stages.threads import LETTERS_RE, is_post_header, post_starts

# A post's header paragraph: at most this many lines (a name, a title) above its time stamp.
BLOCK_LINES_ABOVE = 2


def marked_starts(
    lines: list[Line], evidence: Sequence[LineEvidence | None] | None
) -> set[int] | None:
    """The lines where the markup starts a new comment item, or None without such markup."""
    if not evidence:
        return None
    starts: set[int] = set()
    previous: int | None = None
    for i, line in enumerate(lines):
        proof = evidence[line.number - 1] if line.number <= len(evidence) else None
        item = proof.comment_item if proof and proof.zone == "comment" else None
        if item is not None and item != previous:
            starts.add(i)
        previous = item if item is not None else previous
    return starts or None


def _number_from(roles: list[str], starts: set[int]) -> list[int | None]:
    """Comment numbers for the comment lines: a new one at each start (and at the first line)."""
    ids: list[int | None] = []
    current = -1
    for i, role in enumerate(roles):
        if role != "comment":
            ids.append(None)
            continue
        current += int(i in starts or current < 0)
        ids.append(current)
    return ids


def _block_starts(lines: list[Line], roles: list[str], starts: set[int]) -> set[int]:
    """A post starts where its paragraph of header lines starts: the name or pingback title
    standing right above a time stamp, with a blank line above them both ("Jazerus" over
    "May 23, 2011"). Pages without blank lines give no such evidence and are left as found."""
    moved = set()
    for start in starts:
        first = start
        for above in range(start - 1, max(start - 1 - BLOCK_LINES_ABOVE, -1), -1):
            same_block = lines[above].number == lines[above + 1].number - 1
            if (
                not same_block
                or roles[above] != "comment"
                or above in starts
                or is_post_header(lines[above].text, None)  # the time closing the post above
                or not LETTERS_RE.search(lines[above].text)  # a name has letters: "…" does not
            ):
                break
            first = above
        opens_block = first == 0 or lines[first - 1].number < lines[first].number - 1
        moved.add(first if opens_block else start)
    return moved


def _after_buttons(lines: list[Line], thread: list[int]) -> frozenset[int]:
    """The thread's lines (indexes into `thread`) with a button of another role between them
    and the thread's line above ("Reply"): the post above ended there."""
    book = phrase_book()
    return frozenset(
        k
        for k in range(1, len(thread))
        if any(book.is_comment_action(line.text) for line in lines[thread[k - 1] + 1 : thread[k]])
    )


def group_comments(
    lines: list[Line], roles: list[str], language: str | None = None, starts: set[int] | None = None
) -> list[int | None]:
    """Number the comments. Where the markup marks each comment (`starts`, line indexes), it
    decides; else a post header ("Anna says:", "Gisela W." over "14. März 2023 um 10:12 Uhr")
    opens one; without headers each line is a comment, except list items and lines continuing
    a line that ends with a colon."""
    if starts is None:
        thread = [i for i, role in enumerate(roles) if role == "comment"]
        found = post_starts(
            [lines[i].text for i in thread], language, _after_buttons(lines, thread)
        )
        starts = _block_starts(lines, roles, {thread[k] for k in found}) if found else None
    if starts:
        return _number_from(roles, starts)
    cue = cues()
    # A thread of one post under one header ("ニャン吉 2022年10月2日" / "返信" / its lines) is one
    # comment, not one a line.
    written = [line.text for line, role in zip(lines, roles, strict=True) if role == "comment"]
    headers = [i for i, text in enumerate(written) if is_post_header(text, language)]
    if headers == [0]:
        return [0 if role == "comment" else None for role in roles]
    has_headers = any(
        role == "comment" and cue.is_comment_header(line.text)
        for line, role in zip(lines, roles, strict=True)
    )
    ids: list[int | None] = []
    current = -1
    previous_text = ""
    for line, role in zip(lines, roles, strict=True):
        if role != "comment":
            ids.append(None)
            previous_text = ""
            continue
        if has_headers:
            opens = cue.is_comment_header(line.text) or current < 0
        else:
            continues = is_list_item(line.text) or is_list_item(previous_text)
            opens = not (continues or previous_text.endswith(":")) or current < 0
        current += int(opens)
        ids.append(current)
        previous_text = line.text
    return ids
