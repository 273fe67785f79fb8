"""Stage 3c: reader comments as rows: who wrote each, when (with the time of day where the page
shows it), what it says, and which comment it answers.

A comment's header is the short lines that open it: a name line over a time stamp ("Gisela W." /
"14. März 2023 um 10:12 Uhr"), one line with both ("Anna · May 21, 2019 at 10:12 am", "Marie
Dubois says:"), or, on Movable Type pages, one line closing it ("Posted by: X at March 18, 2008
12:39 PM"). Header lines give author and time and stay out of the comment's text; "Reply" and
"Like" buttons stay out of it too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from functools import cache
from itertools import groupby

from pipeline.lexicon import merged
from pipeline.lexicon.cues import cues
from pipeline.lexicon.phrases import phrase_book
from pipeline.stages.attribution import vocabulary
from pipeline.stages.dates import (
    YEAR_FIRST_RE,
    find_date,
    find_dated,
    find_month_day,
    find_short_year_date,
    find_year_first_date,
)
from pipeline.stages.html import LineEvidence
from pipeline.stages.segment import Block
from pipeline.stages.threads import INITIAL_END_RE, is_post_header, is_sentence
from pipeline.stages.words import count_words

MAX_AUTHOR_WORDS = 5
MAX_AUTHOR_CHARS = 40
# A name closed by its "said:" may be a pingback's title: longer than a person's.
MAX_SAID_WORDS = 12
MAX_SAID_CHARS = 80
# Buttons under a comment's closing stamp: at most this many lines of this many words.
CLOSING_BUTTONS = 3
BUTTON_WORDS = 2
# A comment's name stands at most this many lines above its time stamp.
NAME_LINES = 2
# A name under a time stamp that names no one is at most this long.
NAME_UNDER_WORDS = 3
# A name line over a time stamp is at most this long.
MAX_NAME_LINE_WORDS = 8
# Old Reddit counts a comment's replies, all levels, in its header ("(27 children)"), and shows
# a link up to the comment answered ("parent") under replies only.
REPLY_COUNT_RE = re.compile(r"\((\d+) child(?:ren)?\)")
REPLY_LINK = "parent"
# A post's number before its header: "1 ", "#12 ", "12. ".
POST_NUMBER_RE = re.compile(r"^#?\d+\.?\s+")
# A vote mark before a handle: PTT's "推 a1122334424:", "噓 …", "→ …" (one character outside
# ASCII, then a name all in ASCII).
VOTE_MARK_RE = re.compile(r"^[^\x00-\x7f]\s+(?=[\x21-\x7e]+$)")
# A collapse button before the name: Reddit's "[–]".
BUTTON_RE = re.compile(r"^\[\W{1,2}\]")
# A post's number or link after the name is no part of it: "Link #3021".
POST_LINK_RE = re.compile(r"#\d")
LETTERS_RE = re.compile(r"[^\W\d_]")
WORD_TAIL_RE = re.compile(r"\w*")
GLUED_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# "10:12", "10:12 am", "22:05:58", "12h31", "16 h 32".
TIME_RE = re.compile(
    r"(?<![\w:])(\d{1,2})(?::|\s?h\s?(?=\d\d))(\d{2})(?::\d{2})?(?:\s*([ap])\.?\s?m\b\.?)?",
    re.I,
)


@dataclass(frozen=True)
class Comment:
    seq: int
    line_start: int
    line_end: int
    text: str
    author: str | None
    posted: date | None
    posted_at: datetime | None = None  # the date with its time of day, where the header shows it
    depth: int = 0  # 0 for a comment on the article, 1 for a reply to it, …
    parent_seq: int | None = None  # `seq` of the comment it answers, where nesting shows it


@cache
def _name_end_re() -> re.Pattern[str]:
    """Where a header's name ends: a separator or a word after it ("says:", "a écrit"), a comma
    or a colon before a post's title ("RogueFive: offline"), a bracket around a flair or a
    handle ("Brookefemale[S]", "大愚 (每個人都是孤獨的)", "Tommy Trussell (tommy-trussell)"), a
    count after it, its score ("wlsb 77 points78 points")."""
    return re.compile(
        rf"\s+(?:[·•|—–»@/-]|{_after_name()})(?=\s|$|:|\.|…)|\s*:$|[,:]\s|(?<=\w)\s*\[|\s+\(|\s+[-+]?\d+\s+[^\W\d_]",
        re.I,
    )


def extract_comments(
    blocks: list[Block], language: str | None, markup: dict[int, LineEvidence] | None = None
) -> list[Comment]:
    """One Comment per comment_id. `markup` (line number → evidence) is what an HTML page's
    markup says of each comment line: its nesting (a reply's parent is the nearest comment above
    it one level up), its author element and its <time datetime>, which win over the text's."""
    comment_blocks = [b for b in blocks if b.role == "comment" and b.comment_id is not None]
    page_date = _date_above(blocks, comment_blocks[0], language) if comment_blocks else None
    book = phrase_book()
    markup = markup or {}
    comments: list[Comment] = []
    reply_counts: list[int | None] = []
    for _, group in groupby(comment_blocks, key=lambda b: b.comment_id):
        lines = list(group)
        texts = [b.text for b in lines]
        proofs = [markup.get(b.line_start) for b in lines]
        header = _header_lines(texts, language) | {
            i for i, proof in enumerate(proofs) if proof and (proof.names_author or proof.stamp)
        }
        head = [texts[i] for i in sorted(header)]
        # A comment is never all header: one that is keeps its lines as its text too.
        kept = [i for i in range(len(texts)) if i not in header] if len(header) < len(texts) else []
        body = [texts[i] for i in kept or range(len(texts)) if not book.is_comment_action(texts[i])]
        marked_author = next(
            (
                _line_author(t) or t
                for t, p in zip(texts, proofs, strict=True)
                if p and p.names_author
            ),
            None,
        )
        stamp = next((p.stamp for p in proofs if p and p.stamp), None)
        posted_at = _parse_stamp(stamp)
        posted = posted_at.date() if posted_at else None
        if posted is None:
            posted, posted_at = _stamp_in(head, language, page_date)
        depth = next((p.depth for p in proofs if p), 0)
        counted = next((m for line in head if (m := REPLY_COUNT_RE.search(line))), None)
        reply_counts.append(int(counted[1]) if counted else None)
        comments.append(
            Comment(
                seq=lines[0].seq,
                line_start=lines[0].line_start,
                line_end=lines[-1].line_end,
                text="\n".join(body),
                author=_short_name(marked_author) or _author(head),
                posted=posted,
                posted_at=posted_at,
                depth=depth,
                parent_seq=_parent(comments, depth),
            )
        )
    if not markup and any(count is not None for count in reply_counts):
        return _nested_by_counts(comments, reply_counts, blocks)
    return comments


def _nested_by_counts(
    comments: list[Comment], reply_counts: list[int | None], blocks: list[Block]
) -> list[Comment]:
    """Replies nested as the headers count them (old Reddit's text): a comment with a link to
    its parent answers the nearest comment above whose count of replies is not used up."""
    nested: list[Comment] = []
    above: list[list[int]] = []  # [index into nested, replies still to come under it]
    for comment, count, buttons in zip(
        comments, reply_counts, _buttons_after(comments, blocks), strict=True
    ):
        if REPLY_LINK not in buttons:
            above = []  # no link up: a comment on the page
        while above and above[-1][1] <= 0:
            above.pop()
        parent = nested[above[-1][0]].seq if above else None
        for entry in above:
            entry[1] -= 1
        nested.append(replace(comment, depth=len(above), parent_seq=parent))
        above.append([len(nested) - 1, count or 0])
    return nested


def _buttons_after(comments: list[Comment], blocks: list[Block]) -> list[set[str]]:
    """The short lines from each comment's text to the next comment, casefolded: its buttons,
    which the page may label as the comment's or not."""
    starts = [b.line_start for b in blocks]
    ends = [c.line_start for c in comments[1:]] + [comments[-1].line_end + CLOSING_BUTTONS * 4]
    return [
        {
            b.text.strip().casefold()
            for b in blocks[bisect_right(starts, c.line_start) : bisect_left(starts, end)]
            if count_words(b.text) <= BUTTON_WORDS
        }
        for c, end in zip(comments, ends, strict=True)
    ]


def _short_name(name: str | None) -> str | None:
    return name if name and len(name) <= MAX_AUTHOR_CHARS and name.strip() else None


def _parse_stamp(stamp: str | None) -> datetime | None:
    """A <time datetime> value as the page's local time ("2019-05-21T10:12:00+02:00" → 10:12)."""
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _header_lines(texts: list[str], language: str | None) -> set[int]:
    """Which of a comment's lines are its header: leading post headers, with the name line over
    the first and a time of day on a line of its own under them ("24 janvier 2017" / "12h10");
    and a closing one, the time stamp under the text (Blogger's "X said…" … "April 12, 2011
    11:49 AM"), or the whole header when the comment opens with its text."""
    if len(texts) < 2:  # a post of one line: header and text ("推 x: 高調 01/21 21:22")
        return {0} if is_post_header(texts[0], language) else set()
    header: set[int] = set()
    for i, text in enumerate(texts[: len(texts) - 1]):
        if is_post_header(text, language) or (header and TIME_RE.fullmatch(text)):
            header.add(i)
        elif i < NAME_LINES and header == set(range(i)) and _over_stamp(texts, i, language):
            header.add(i)  # the name line over the time stamp ("Aaahh" / "Level: Lollipop")
        else:
            break
    lead = len(header)
    if 0 < lead < len(texts) - 1 and _name_under(texts, lead):
        header.add(lead)  # vBulletin's "04-09-2005, 06:46 PM #11" over "JBL"
    last = _closing_line(texts, header)
    if is_post_header(texts[last], language) and (
        not header or _date_in(texts[last], language) or TIME_RE.search(texts[last])
    ):
        header.add(last)
        if not header - {last} and _is_name_line(texts[0]) and last > 1:
            header.add(0)  # a name over the text the stamp closes ("Josh Chandler" … "Reply")
    return header


def _name_under(texts: list[str], lead: int) -> bool:
    """Whether line `lead`, under header lines that name no one, is the poster's name: a
    short line, no sentence, no time stamp."""
    text = texts[lead]
    return (
        count_words(text) <= NAME_UNDER_WORDS
        and _is_name_line(text)
        and not is_post_header(text, None)
        and not any(_line_author(t) for t in texts[:lead])
    )


def _closing_line(texts: list[str], header: set[int]) -> int:
    """The line that may close the comment with its stamp: the last, or the last above a few
    buttons ("? Mar 31, 2019 14:22" over "Profile", "Message", "Post History")."""
    last = len(texts) - 1
    while (
        last > max(header, default=0) + 1
        and len(texts) - last <= CLOSING_BUTTONS
        and count_words(texts[last]) <= BUTTON_WORDS
        and not is_sentence(texts[last])
        and not is_post_header(texts[last], None)
    ):
        last -= 1
    return last


def _over_stamp(texts: list[str], i: int, language: str | None) -> bool:
    """Whether line `i` and the ones under it up to a post header, at most NAME_LINES lines
    above it, read as a name and a rank (no sentence)."""
    stamp = next(
        (
            j
            for j in range(i + 1, min(NAME_LINES + 1, len(texts)))
            if is_post_header(texts[j], language)
        ),
        None,
    )
    return stamp is not None and all(_is_name_line(t) for t in texts[i:stamp])


def _is_name_line(text: str) -> bool:
    return count_words(text) <= MAX_NAME_LINE_WORDS and not is_sentence(text)


def _stamp_in(
    head: list[str], language: str | None, page_date: date | None
) -> tuple[date | None, datetime | None]:
    """The comment's date and time: from the header line that gives both, else the first date
    with the first time of day. A bare date beside a dated time may be the poster's join date
    ("Aug 24, 2008" over the post's "Mar 31, 2019 14:11"). A date without its year beside a
    time of day ("Oct.28 at 4:29 pm") is the first such day from the page's date on."""
    dated = [(line, d) for line in head if (d := _date_in(line, language)) is not None]
    for line, day in dated:
        if at := _with_time(day, [line]):
            return day, at
    if not dated and page_date:
        for line in head:
            month_day = find_month_day(line, language) if TIME_RE.search(line) else None
            if month_day and (on := _on_or_after(page_date, *month_day)):
                return on, _with_time(on, [line])
    posted = dated[0][1] if dated else None
    return posted, _with_time(posted, head)


def _on_or_after(start: date, month: int, day: int) -> date | None:
    """The first `month`/`day` on or after `start` (a comment is written after its page)."""
    for year in (start.year, start.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue  # 29 February
        if found >= start:
            return found
    return None


def _date_above(blocks: list[Block], first: Block, language: str | None) -> date | None:
    """The date nearest above a thread's first comment: the page's, for headers without a year."""
    above = [b for b in blocks if b.line_start < first.line_start]
    return next((d for b in reversed(above) if (d := find_date(b.text, language))), None)


def _date_in(header: str, language: str | None) -> date | None:
    """A header's date, also with a two-digit year ("22.04.18 в 23:19", "08/06/22(日)")."""
    return (
        find_date(header, language)
        or find_short_year_date(header, language)
        # a label glued to the date as a copy joins them: "Post authorApril 19, 2007"
        or find_date(GLUED_RE.sub(" ", header), language)
        or find_year_first_date(header)  # "2009年06月01日 17:08"
    )


def _author(head: list[str]) -> str | None:
    """The name a comment's header lines give: one after a "by" wins over a bare line above the
    time ("Re: Biological Will" over "by Jakob » Sun May 26, 2019 4:34 pm")."""
    book = phrase_book()
    named = [
        (bool(vocabulary().byline_re.match(line)), name)
        for line in head
        if (name := _line_author(line)) and not book.is_comment_action(name)
    ]
    return next((name for marked, name in named if marked), named[0][1] if named else None)


def _line_author(line: str) -> str | None:
    """The name a header line gives: a line of its own with no time stamp and no "says" is the
    name whole ("Un-Fel, Divine Gamblingant of Fatalities", "Mary @ LOVE the secret
    ingredient", "12 Horrible Goose"), as the page shows it."""
    if is_post_header(line, None):
        return author_in_header(line)
    # a word after the name stays out of it: "Paweł Richert pisze", "Quantium Post author"
    name = _said_re().sub("", BUTTON_RE.sub("", line.strip())).strip(" :,/·•|—–-")
    words = name.split()
    if not 1 <= len(words) <= MAX_SAID_WORDS or len(name) > MAX_SAID_CHARS:
        return None
    return name if LETTERS_RE.search(name) and name.casefold() not in _connectors() else None


def author_in_header(header: str) -> str | None:
    """The name in a header line, or None: "Anna · May 21, 2019" → "Anna", "Gisela W. sagt:" →
    "Gisela W.", "Posted by: AJ Cann at March 18, 2008" → "AJ Cann", "June 21, 2018 at 7:52 pm
    Timothy Sykes" → "Timothy Sykes", "1 On March 24th, 2007, Tiki Avengers said:" → "Tiki Avengers"."""
    header = header.strip()
    if not find_dated(header) and find_dated(unglued := GLUED_RE.sub(" ", header)):
        header = unglued  # "Danzel Post authorApril 19, 2007": a label glued to the date
    # The words before a name ("Posted by:") are a byline's, as in an article's.
    byline = vocabulary().byline_re.match(header)
    line = byline[1] if byline else header
    before, after = _around_stamp(line)
    return (
        _said_name(line, before, after) or _name_in(before) or (_name_in(after) if after else None)
    )


def _said_name(line: str, before: str, after: str) -> str | None:
    """The name of a header that ends with its "said:": all of it up to that word, separators
    and titles included ("Neatorama » Blog Archive » Bacon Costume said:", a pingback's), past
    a date that opens the line ("4 On March 30th, 2007, …"); None where the name stands before
    the stamp ("Abbas on July 5, 2012 at 11:25 pm said:")."""
    said = _said_re().search(line)
    if not said or not cues().is_comment_header(said[0].strip()):
        return None
    start = 0
    if len(before) < len(line):  # the line has a stamp: `before` ends where it starts
        stamp_end = len(line) - len(after)
        if not line[stamp_end : said.start()].strip(" ,:"):
            return None
        if _cleaned(before).casefold() in {"", *_connectors()}:
            start = stamp_end
    name = _cleaned(line[start : said.start()])
    words = name.split()
    if not 1 <= len(words) <= MAX_SAID_WORDS or len(name) > MAX_SAID_CHARS:
        return None
    return name if LETTERS_RE.search(name) and name.casefold() not in _connectors() else None


@cache
def _said_re() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{_after_name()})\s*(?::|\.\.\.|…)?\s*$", re.I)


@cache
def _after_name() -> str:
    """The words after a header's name ("says", "a écrit"), longest first, as alternatives."""
    words = sorted(merged("segmentation", "author_end"), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


def _cleaned(part: str) -> str:
    """A header's part without the separators, buttons and post number around a name."""
    return POST_NUMBER_RE.sub("", BUTTON_RE.sub("", part.strip(" :,/·•|—–-"))).strip(" :,")


def _around_stamp(line: str) -> tuple[str, str]:
    """The header's text before its first time stamp (a date, a time of day, "3 hours ago") and
    after it, past a time of day that follows the date ("May 21, 2019 at 10:12 am Anna")."""
    stamps = []
    if dated := find_dated(line):
        stamps.append((dated[1], dated[2]))
    if clock := TIME_RE.search(line):
        stamps.append(clock.span())
    if year_first := YEAR_FIRST_RE.search(line):
        stamps.append(year_first.span())  # "ニャン吉 2022年10月2日"
    folded = line.casefold()
    if len(folded) == len(line) and (ago := cues().relative_time_re.search(folded)):
        # to the end of its last word: "hace 28 minutos" ends past the "minuto" the cue names
        tail = WORD_TAIL_RE.match(folded, ago.end())
        stamps.append((ago.start(), tail.end() if tail else ago.end()))
    if not stamps:
        return line, ""
    start, end = min(stamps)
    after = line[end:]
    clock = TIME_RE.search(after)
    if clock and len(after[: clock.start()].split()) <= 1:
        after = after[clock.end() :]
    return line[:start], after


def _name_in(part: str) -> str | None:
    part = _cleaned(part)
    if byline := vocabulary().byline_re.match(part):
        part = byline[1]  # "07.04.2011 von RogueFive: offline": the name follows its "von"
    name = VOTE_MARK_RE.sub("", _name_end_re().split(part, maxsplit=1)[0].strip(" :,"))
    words = name.split()
    if not 1 <= len(words) <= MAX_AUTHOR_WORDS or len(name) > MAX_AUTHOR_CHARS:
        return None
    if name.casefold() in _connectors() or (name[0].isdigit() and not LETTERS_RE.search(words[0])):
        return None
    if not LETTERS_RE.search(name) or POST_LINK_RE.search(name):
        return None  # "[-]", "Link #3021": buttons and a post's number, not names
    if name.endswith((".", "!", "?")) and not INITIAL_END_RE.search(name):
        return None
    return name


@cache
def _connectors() -> frozenset[str]:
    """Words that stand around a header's name, never a name themselves ("On", "at", "le")."""
    words = [*merged("segmentation", "author_end"), *merged("metadata", "byline")]
    return frozenset(word.casefold() for word in words)


def _with_time(posted: date | None, header: list[str]) -> datetime | None:
    if posted is None:
        return None
    for line in header:
        for match in TIME_RE.finditer(line):
            hour, minute = int(match[1]), int(match[2])
            meridiem = (match[3] or "").casefold()
            if meridiem == "p" and hour < 12:
                hour += 12
            elif meridiem == "a" and hour == 12:
                hour = 0
            if hour < 24 and minute < 60:
                return datetime.combine(posted, time(hour, minute))
    return None


def _parent(earlier: list[Comment], depth: int) -> int | None:
    if depth == 0:
        return None
    return next((c.seq for c in reversed(earlier) if c.depth == depth - 1), None)
