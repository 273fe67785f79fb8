"""What a chart of the report is made of, and how its numbers are written on the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# What a NULL outlet, language or publication date is called on the page.
UNKNOWN = "unknown"
# Stands for a number that does not exist (a share of nothing, a size never measured).
MISSING = "–"


@dataclass(frozen=True)
class Table:
    """A plain HTML table; `numeric` marks the columns aligned to the right."""

    header: Sequence[str]
    numeric: Sequence[bool]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class Aside:
    """A number shown beside a chart rather than in it (documents of unknown date would flatten
    the months' bars), e.g. figure "1,300" with text "documents (65%) have no date"."""

    figure: str
    text: str


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    caption: str
    # The JSON the script draws from: {"kind": "bars" | "columns" | "stacks" | "panels",
    # "items": [...], ...}; see assets/report.js.
    data: dict[str, Any]
    table: Table
    asides: Sequence[Aside] = field(default_factory=tuple)


def bar(label: str, value: int, share: float | None) -> dict[str, Any]:
    """One bar of a "bars" chart, its value written with its share of the whole."""
    return {"label": label, "value": value, "text": f"{count(value)} · {percent(share)}"}


def label(value: str | None) -> str:
    return UNKNOWN if value is None else value


def plural(value: int, noun: str) -> str:
    """`noun` as it follows the number `value`: "1 document", "2 documents"."""
    return noun if value == 1 else f"{noun}s"


def count(value: int) -> str:
    return f"{value:,}"


def percent(share: float | None, decimals: int = 0) -> str:
    if share is None:
        return MISSING
    if 0 < share < 0.005 and decimals == 0:
        return "<1%"  # not "0%", which reads as none
    return f"{share:.{decimals}%}"


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def size(n_bytes: int | None) -> str:
    if n_bytes is None:
        return MISSING
    if n_bytes < 1000:
        return f"{n_bytes} B"
    amount = n_bytes / 1000
    for unit in ("kB", "MB"):
        if amount < 1000:
            return f"{amount:,.1f} {unit}"
        amount /= 1000
    return f"{amount:,.1f} GB"


def seconds(value: float | None) -> str:
    if value is None:
        return MISSING
    if value < 100:
        return f"{value:.1f} s"
    minutes, rest = divmod(round(value), 60)
    return f"{minutes} min {rest:02d} s"
