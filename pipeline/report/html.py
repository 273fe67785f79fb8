"""Command `report`: one self-contained HTML page describing a built warehouse, with charts.

The page must open offline, from a file or an e-mail attachment, so it carries everything itself:
the numbers as a JSON blob, a small script that draws them as SVG, and the same numbers as plain
tables for readers without JavaScript. The queries are in sql/, one per file; the page template,
its CSS and its script in assets/, inlined into the page as it is written.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

import duckdb

from pipeline.settings import DATABASE_NAME
from pipeline.warehouse.readonly import open_read_only

REPORT_SQL_DIR = files(__package__).joinpath("sql")
# The page template, its CSS and its script, inlined at render time (no linter sees Python strings).
ASSETS = files(__package__).joinpath("assets")

# What a NULL outlet or publication date is called on the page.
UNKNOWN = "unknown"
# Stands for a number that does not exist (a share of nothing, a size never measured).
MISSING = "–"
# Longer tables start folded: years of months would push the next charts far down the page.
OPEN_TABLE_ROWS = 15


@dataclass(frozen=True)
class ReportSummary:
    documents: int
    outlets: int
    blocks: int
    rejects: int


@dataclass(frozen=True)
class Table:
    """A plain HTML table; `numeric` marks the columns aligned to the right."""

    header: Sequence[str]
    numeric: Sequence[bool]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    caption: str
    # The JSON the script draws from: {"kind": "bars" | "columns" | "stacks", "items": [...]}.
    data: dict[str, Any]
    table: Table


def write_report(warehouse: Path, output: Path) -> ReportSummary:
    """Query the warehouse (read-only) and write the page to `output`."""
    with open_read_only(warehouse) as con:
        (headline,) = _query(con, "headline")
        last_run = _last_run(con)
        charts = [
            _docs_by_outlet(_query(con, "docs_by_outlet")),
            _docs_by_month(_query(con, "docs_by_month")),
            _roles_by_outlet(_query(con, "roles_by_outlet")),
            _top_boilerplate(_query(con, "top_boilerplate")),
            _rejects_by_reason(_query(con, "rejects_by_reason")),
        ]
    summary = ReportSummary(
        documents=headline["documents"],
        outlets=headline["outlets"],
        blocks=headline["blocks"],
        rejects=headline["rejects"],
    )
    figures = [
        ("Documents", _count(summary.documents)),
        ("Outlets known", _count(summary.outlets)),
        ("Blocks", _count(summary.blocks)),
        ("Boilerplate share of blocks", _percent(headline["boilerplate_share"], 1)),
        ("Rejected files", _count(summary.rejects)),
        ("Last run", last_run),
    ]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(_page(warehouse, figures, charts), encoding="utf-8")
    return summary


def _query(con: duckdb.DuckDBPyConnection, name: str) -> list[dict[str, Any]]:
    cursor = con.execute(REPORT_SQL_DIR.joinpath(f"{name}.sql").read_text(encoding="utf-8"))
    columns = [column[0] for column in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _last_run(con: duckdb.DuckDBPyConnection) -> str:
    try:
        runs = _query(con, "last_run")
    except duckdb.CatalogException:
        # Warehouses built before runs were recorded have no `runs` table.
        return "not recorded"
    if not runs:
        return "not recorded"
    run = runs[0]
    moment: datetime = run["finished"] or run["started"]
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC ({run['status']})"


def _docs_by_outlet(rows: list[dict[str, Any]]) -> Chart:
    total = sum(row["documents"] for row in rows)
    items = [
        _bar(
            _label(row["outlet"]),
            row["documents"],
            row["documents"] / total,
            muted=row["outlet"] is None,
        )
        for row in rows
    ]
    return Chart(
        "docs_by_outlet",
        "Documents by outlet",
        "Documents still in the input, per outlet named in their metadata.",
        {"kind": "bars", "items": items},
        Table(
            ["Outlet", "Documents", "Share"],
            [False, True, True],
            [
                [_label(row["outlet"]), _count(row["documents"]), _percent(item["share"])]
                for row, item in zip(rows, items, strict=True)
            ],
        ),
    )


def _docs_by_month(rows: list[dict[str, Any]]) -> Chart:
    items = [
        {
            "label": _label(row["month"]),
            "value": row["documents"],
            "text": _count(row["documents"]),
            "muted": row["month"] is None,
        }
        for row in rows
    ]
    return Chart(
        "docs_by_month",
        "Documents by month",
        "Documents per month of publication; months without any are shown as 0.",
        {"kind": "columns", "items": items},
        Table(
            ["Month", "Documents"],
            [False, True],
            [[_label(row["month"]), _count(row["documents"])] for row in rows],
        ),
    )


def _roles_by_outlet(rows: list[dict[str, Any]]) -> Chart:
    # The query orders roles by their count in the whole corpus, which fixes the segment order.
    roles = list(dict.fromkeys(row["role"] for row in sorted(rows, key=lambda r: r["role_rank"])))
    outlets: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        outlets.setdefault(_label(row["outlet"]), []).append(row)
    items = [
        {
            "label": outlet,
            "text": f"{_count(sum(row['blocks'] for row in segments))} blocks",
            "segments": [
                {
                    "role": row["role"],
                    "share": row["share"],
                    "text": _percent(row["share"]),
                    "tip": f"{outlet} · {row['role']}: {_count(row['blocks'])} blocks "
                    f"({_percent(row['share'])})",
                }
                for row in segments
            ],
        }
        for outlet, segments in outlets.items()
    ]
    cells = {(_label(row["outlet"]), row["role"]): row for row in rows}
    return Chart(
        "roles_by_outlet",
        "Role shares per outlet",
        "Share of each outlet's blocks by the role the segmenter gave them.",
        {"kind": "stacks", "roles": roles, "items": items},
        Table(
            ["Outlet", *roles],
            [False, *(True for _ in roles)],
            [
                [
                    outlet,
                    *(
                        f"{_count(cell['blocks'])} ({_percent(cell['share'])})"
                        if (cell := cells.get((outlet, role)))
                        else "0"
                        for role in roles
                    ),
                ]
                for outlet in outlets
            ],
        ),
    )


def _top_boilerplate(rows: list[dict[str, Any]]) -> Chart:
    return Chart(
        "top_boilerplate",
        "Top boilerplate lines",
        "Boilerplate lines found on the most documents (numbers and case ignored when grouping).",
        {
            "kind": "bars",
            "items": [_bar(row["example"], row["n_documents"], row["share"]) for row in rows],
        },
        Table(
            ["Line", "Documents", "Share of documents", "Occurrences"],
            [False, True, True, True],
            [
                [
                    row["example"],
                    _count(row["n_documents"]),
                    _percent(row["share"]),
                    _count(row["n_occurrences"]),
                ]
                for row in rows
            ],
        ),
    )


def _rejects_by_reason(rows: list[dict[str, Any]]) -> Chart:
    total = sum(row["files"] for row in rows)
    return Chart(
        "rejects_by_reason",
        "Rejects by reason",
        "Input files that did not become documents, per reason (see the rejects table).",
        {
            "kind": "bars",
            "items": [_bar(row["reason"], row["files"], row["files"] / total) for row in rows],
        },
        Table(
            ["Reason", "Files", "Size"],
            [False, True, True],
            [[row["reason"], _count(row["files"]), _size(row["n_bytes"])] for row in rows],
        ),
    )


def _bar(label: str, value: int, share: float, muted: bool = False) -> dict[str, Any]:
    return {
        "label": label,
        "value": value,
        "share": share,
        "text": f"{_count(value)} · {_percent(share)}",
        "muted": muted,
    }


def _label(value: str | None) -> str:
    return UNKNOWN if value is None else value


def _count(value: int) -> str:
    return f"{value:,}"


def _percent(share: float | None, decimals: int = 0) -> str:
    return MISSING if share is None else f"{share:.{decimals}%}"


def _size(n_bytes: int | None) -> str:
    if n_bytes is None:
        return MISSING
    if n_bytes < 1000:
        return f"{n_bytes} B"
    size = n_bytes / 1000
    for unit in ("kB", "MB"):
        if size < 1000:
            return f"{size:,.1f} {unit}"
        size /= 1000
    return f"{size:,.1f} GB"


def _page(warehouse: Path, figures: Sequence[tuple[str, str]], charts: Sequence[Chart]) -> str:
    e = html.escape
    data = {"charts": {chart.key: chart.data for chart in charts}}
    # <, > and & only occur inside JSON strings, where \u escapes mean the same; without them a
    # "</script>" or "<!--" in the data would end or derail the script element.
    blob = (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    database = warehouse.resolve() / DATABASE_NAME
    generated = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    headline = "\n".join(
        f'<div class="figure"><dt>{e(name)}</dt><dd>{e(value)}</dd></div>'
        for name, value in figures
    )
    sections = "\n".join(_section(chart) for chart in charts)
    return _template("page.html").substitute(
        css=_asset("report.css"),
        script=_asset("report.js"),
        database=e(str(database)),
        generated=e(generated),
        headline=headline,
        sections=sections,
        data=blob,
    )


def _section(chart: Chart) -> str:
    e = html.escape
    head = "".join(
        f'<th scope="col"{_numeric(numeric)}>{e(name)}</th>'
        for name, numeric in zip(chart.table.header, chart.table.numeric, strict=True)
    )
    body = (
        "\n".join(
            "<tr>"
            + "".join(
                f"<td{_numeric(numeric)}>{e(cell)}</td>"
                for cell, numeric in zip(row, chart.table.numeric, strict=True)
            )
            + "</tr>"
            for row in chart.table.rows
        )
        or f'<tr><td colspan="{len(chart.table.header)}" class="empty">none</td></tr>'
    )
    return _template("section.html").substitute(
        key=chart.key,
        title=e(chart.title),
        caption=e(chart.caption),
        open=" open" if len(chart.table.rows) <= OPEN_TABLE_ROWS else "",
        n_rows=_count(len(chart.table.rows)),
        head=head,
        body=body,
    )


def _numeric(numeric: bool) -> str:
    return ' class="num"' if numeric else ""


def _asset(name: str) -> str:
    """A file of assets/, to be inlined: the page must not load anything."""
    text = ASSETS.joinpath(name).read_text(encoding="utf-8")
    if "</" in text:  # inside <style> or <script>, it would end the element early
        raise ValueError(f"assets/{name} must not contain '</'")
    return text


def _template(name: str) -> Template:
    """A page template of assets/: `$name` placeholders, filled with text already escaped."""
    return Template(ASSETS.joinpath(name).read_text(encoding="utf-8"))
