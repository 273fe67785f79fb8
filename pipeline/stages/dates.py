"""Find a calendar date in a line: numeric, ISO, or with month names in six languages."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from pipeline.lexicon import lexicon

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
# A date a page or dump declares (JSON-LD, <meta>, a dump's `published`) may be a CMS's empty
# value: year 1 or 9999, the Unix epoch. Older dates than EARLIEST_YEAR are fine there (an
# archive's digitized article), not in running text (where they are history, not a dateline).
EARLIEST_DECLARED_YEAR = 1800
PLACEHOLDER_DATES = frozenset({date(1970, 1, 1), date(1900, 1, 1)})


def declared_date(value: date | None) -> date | None:
    """`value` unless it is a placeholder or lies after next year."""
    if value is None or value in PLACEHOLDER_DATES:
        return None
    return value if EARLIEST_DECLARED_YEAR <= value.year <= date.today().year + 1 else None


# Each date pattern starts with its first digit, so that a search skips to the digits in C (a
# pattern that starts with \b, a look-behind or a repeat is tried at every character: two to four
# times as slow on a paragraph). What must not stand before that digit is asked right after it:
# (?<!\w\d) is \b before a digit, (?<![\d.:/-]\d) is (?<![\d.:/-]) before it. The long forms,
# which find the same matches: tests/test_exact_shortcuts.py.
ISO_RE = re.compile(r"(\d(?<!\w\d)\d\d\d)-(\d\d)-(\d\d)(?:[T ]\d\d:\d\d(?::\d\d)?\S*)?\b")
DOTTED_RE = re.compile(r"(\d(?<!\w\d)\d?)\.(\d\d?)\.(\d\d\d\d)(?!\d)")
# "21/05/2019", and vBulletin's "05-21-2019, 10:12 PM"
SLASHED_RE = re.compile(r"(\d(?<!\w\d)\d?)[/-](\d\d?)[/-](\d\d\d\d)(?!\d)")
# Year first: "2019/04/04", "2019.04.04", "2023. 2. 5." (Korean), "2018年6月18日" (Chinese,
# Japanese). Read for the publication date only: as a cue for segmentation it was not tuned.
YEAR_FIRST_RE = re.compile(
    r"(\d(?<![\d.:/-]\d)\d\d\d)(?:\s*年\s*|[/.]\s?)(\d\d?)(?:\s*月\s*|[/.]\s?)(\d\d?)(?![\d/:])"
)
# Every date form read here has a four-digit year: a line without one is spared five searches.
YEAR_RE = re.compile(r"\d\d\d\d")  # not \d{4}, a repeat: tried at every character
# What a month-first date ends with after its day: "… 21, 2015", or ctime's "Wed Jan 21 21:17:58
# 2015" (PTT, mail archives: the time before the year). A line without it is spared the search
# for a month name (200 names tried at every word: 0.3 ms on a long paragraph).
DAY_TO_YEAR = r"(?:st|nd|rd|th)?,?\s+(?:\d\d:\d\d:\d\d\s+)?"
MONTH_FIRST_TAIL_RE = re.compile(rf"\d{DAY_TO_YEAR}\d{{4}}(?!\d)", re.IGNORECASE)
# Languages that write month/day/year when a slashed date is ambiguous.
MONTH_FIRST_LANGUAGES = frozenset({"en"})


@cache
def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for lists in lexicon("metadata").values():
        for number, forms in enumerate(lists.get("months", []), start=1):
            for form in forms:
                names.setdefault(form, number)
    return names


@cache
def _named_month_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted((re.escape(n) for n in _month_names()), key=len, reverse=True))
    day_first = re.compile(
        rf"(\d(?<![\d.:/-]\d)\d?)(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?({names})\.?,?\s+(?:de\s+)?"
        r"(\d{4})(?!\d)",
        re.IGNORECASE,
    )
    month_first = re.compile(
        rf"\b({names})\.?\s+(\d{{1,2}}){DAY_TO_YEAR}(\d{{4}})(?!\d)",
        re.IGNORECASE,
    )
    return day_first, month_first


def _valid(year: int, month: int, day: int) -> date | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(line: str, language: str | None = None) -> date | None:
    """The first plausible date written in `line`, or None. Ambiguous 05/06/2019 follows `language`."""
    found = find_dated(line, language)
    return found[0] if found else None


def find_dated(line: str, language: str | None = None) -> tuple[date, int, int] | None:
    """The first plausible date written in `line` and where its text starts and ends, or None."""
    if not YEAR_RE.search(line):
        return None
    found: date | None
    if match := ISO_RE.search(line):
        found = _valid(int(match[1]), int(match[2]), int(match[3]))
    elif match := DOTTED_RE.search(line):
        found = _valid(int(match[3]), int(match[2]), int(match[1]))
    elif match := SLASHED_RE.search(line):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        month_first = second > 12 or (first <= 12 and language in MONTH_FIRST_LANGUAGES)
        found = _valid(year, first, second) if month_first else _valid(year, second, first)
    else:
        day_first, month_first_re = _named_month_res()
        months = _month_names()
        if match := day_first.search(line):
            found = _valid(int(match[3]), months[match[2].lower()], int(match[1]))
        elif MONTH_FIRST_TAIL_RE.search(line) and (match := month_first_re.search(line)):
            found = _valid(int(match[3]), months[match[1].lower()], int(match[2]))
        else:
            return None
    return (found, match.start(), match.end()) if found else None


def find_year_first_date(line: str) -> date | None:
    """A date written year first ("2018年6月18日", "2019/04/04"), or None."""
    match = YEAR_FIRST_RE.search(line)
    return _valid(int(match[1]), int(match[2]), int(match[3])) if match else None


# "22.04.18": a comment header's date with a two-digit year (this century's), as Russian forums
# write it; "08/06/22" year first where the language writes dates so (Futaba, 2ch). Not read as
# a page's date: "1.2.10" may be a version number there.
SHORT_DOTTED_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")
SHORT_YEAR_FIRST_RE = re.compile(r"(?<![\d/])(\d{2})/(\d{2})/(\d{2})(?![\d/])")
YEAR_FIRST_LANGUAGES = frozenset({"ja", "zh", "ko"})


def find_short_year_date(line: str, language: str | None = None) -> date | None:
    """A date written with two digits for the year, or None."""
    if match := SHORT_DOTTED_RE.search(line):
        return _valid(2000 + int(match[3]), int(match[2]), int(match[1]))
    if language in YEAR_FIRST_LANGUAGES and (match := SHORT_YEAR_FIRST_RE.search(line)):
        return _valid(2000 + int(match[1]), int(match[2]), int(match[3]))
    return None


# A line that is nothing but a date with a two-digit year, either order ("07.22.20" on VICE's
# story cards, "22.07.20"): alone on its line it is no version number.
# Two digits each and one separator: "2.1.10" or "10.4.20" is a version number.
SHORT_DATE_LINE_RE = re.compile(r"(\d{2})([./])(\d{2})\2(\d{2})")


def is_month_and_year(line: str) -> bool:
    """A line that is a month and a year only ("March 2015", "März 2015"): a forum post's date
    where the theme shows no day (Vanilla's), or a monthly archive's entry."""
    words = line.split()
    return (
        len(words) == 2
        and words[0].casefold().rstrip(".") in _month_names()
        and words[1].isdecimal()  # "²" is a digit int() does not read
        and EARLIEST_YEAR <= int(words[1]) <= LATEST_YEAR
    )


def is_short_date_line(line: str) -> bool:
    match = SHORT_DATE_LINE_RE.fullmatch(line.strip())
    if match is None:
        return False
    first, second, year = int(match[1]), int(match[3]), 2000 + int(match[4])
    return bool(_valid(year, second, first) or _valid(year, first, second))


# A comment header's date without its year ("Oct.28 at 4:29 pm", "推 x: … 01/21 21:18"): read
# only beside a time of day, the year taken from the page.
SLASHED_MONTH_DAY_RE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/])")


@cache
def _month_day_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted((re.escape(n) for n in _month_names()), key=len, reverse=True))
    month_first = re.compile(
        rf"\b({names})\.?\s?(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:/])", re.IGNORECASE
    )
    day_first = re.compile(
        rf"(?<![\d.:/-])(\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?({names})\b", re.IGNORECASE
    )
    return month_first, day_first


def find_month_day(line: str, language: str | None = None) -> tuple[int, int] | None:
    """The month and day of a date written without its year, or None."""
    month_first, day_first = _month_day_res()
    months = _month_names()
    if match := month_first.search(line):
        month, day = months[match[1].lower()], int(match[2])
    elif match := day_first.search(line):
        month, day = months[match[2].lower()], int(match[1])
    elif match := SLASHED_MONTH_DAY_RE.search(line):
        first, second = int(match[1]), int(match[2])
        month_first_here = language in MONTH_FIRST_LANGUAGES | YEAR_FIRST_LANGUAGES or second > 12
        month, day = (first, second) if month_first_here and first <= 12 else (second, first)
    else:
        return None
    return (month, day) if _valid(2000, month, day) else None
