"""Metadata from the folder layout: `--path-pattern "{outlet}/{year}/{month}/*"`.

A pattern is matched against the start of an input's path (relative to the input folder), whole
folder names at a time: `{outlet}/{year}/*` also matches `lemonde/2019/05/page.html`. Fields:
`{outlet}` (a folder or file name part), `{year}` (four digits), `{month}`, `{day}` (one or two
digits), `{date}` (2019-05-21 or 20190521), `{language}` (two letters, ISO 639-1); `*` is any part
of one name, `**` any number of folders. A date needs at least a year and a month (the 1st when
the layout has no day); a value that is no real date or language is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

FIELD_RES = {
    "outlet": r"[^/]+?",
    "year": r"\d{4}",
    "month": r"\d{1,2}",
    "day": r"\d{1,2}",
    "date": r"\d{4}-?\d{2}-?\d{2}",
    "language": r"[A-Za-z]{2}",
}
TOKEN_RE = re.compile(r"\{(\w+)\}|\*\*/?|\*|\?")
EARLIEST_YEAR = 1900


class BadPathPattern(ValueError):
    """The pattern names a field that does not exist, or one field twice."""


@dataclass(frozen=True)
class PathValues:
    outlet: str | None = None
    published: date | None = None
    language: str | None = None


@cache
def compile_path_pattern(pattern: str) -> re.Pattern[str]:
    """The pattern as a regular expression with a named group per field (cached: one per run)."""
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for token in TOKEN_RE.finditer(pattern):
        parts.append(re.escape(pattern[position : token.start()]))
        position = token.end()
        name = token[1]
        if name is None:
            text = token[0]
            parts.append(
                "(?:.*/)?"
                if text == "**/"
                else ".*"
                if text == "**"
                else "[^/]*"
                if text == "*"
                else "[^/]"
            )
        elif name not in FIELD_RES:
            raise BadPathPattern(f"unknown field {{{name}}} (known: {', '.join(FIELD_RES)})")
        elif name in seen:
            raise BadPathPattern(f"the field {{{name}}} appears twice")
        else:
            seen.add(name)
            parts.append(f"(?P<{name}>{FIELD_RES[name]})")
    parts.append(re.escape(pattern[position:]))
    return re.compile("".join(parts) + "(?:/.*)?", re.S)


def path_values(pattern: str, path: str) -> PathValues | None:
    """What the layout says of the input at `path`; None when the path does not fit the pattern."""
    match = compile_path_pattern(pattern).fullmatch(path)
    if match is None:
        return None
    found = match.groupdict()
    language = (found.get("language") or "").lower() or None
    return PathValues(found.get("outlet") or None, _date(found), language)


def _date(found: dict[str, str | None]) -> date | None:
    digits = (found.get("date") or "").replace("-", "")
    if digits:
        year, month, day = digits[:4], digits[4:6], digits[6:]
    else:
        year, month, day = (
            found.get("year") or "",
            found.get("month") or "",
            found.get("day") or "1",
        )
    if not (year and month):
        return None
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:  # month 13, February 30th
        return None
    return value if value.year >= EARLIEST_YEAR else None
