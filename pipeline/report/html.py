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

from pipeline.report import charts
from pipeline.report.model import Chart, count, percent
from pipeline.settings import DATABASE_NAME
from pipeline.warehouse.readonly import open_read_only

REPORT_SQL_DIR = files(__package__).joinpath("sql")
# The page template, its CSS and its script, inlined at render time (no linter sees Python strings).
ASSETS = files(__package__).joinpath("assets")

# Longer tables start folded: years of months would push the next charts far down the page.
OPEN_TABLE_ROWS = 15


@dataclass(frozen=True)
class ReportSummary:
    documents: int
    outlets: int
    blocks: int
    rejects: int


def write_report(warehouse: Path, output: Path) -> ReportSummary:
    """Query the warehouse (read-only) and write the page to `output`."""
    with open_read_only(warehouse) as con:
        return write_report_from(con, warehouse, output)


def write_report_from(
    con: duckdb.DuckDBPyConnection, warehouse: Path, output: Path
) -> ReportSummary:
    """write_report on a connection the caller opened (the command line cancels its queries
    on Ctrl-C)."""
    (headline,) = _query(con, "headline")
    runs = _runs(con)
    shown = [
        charts.docs_by_outlet(_query(con, "docs_by_outlet")),
        charts.docs_by_month(_query(con, "docs_by_month")),
        charts.docs_by_language(_query(con, "docs_by_language")),
        charts.docs_by_kind(_query(con, "docs_by_kind")),
        charts.roles_by_outlet(_query(con, "roles_by_outlet", outlets=charts.CHART_BARS)),
        charts.comments_per_article(_query(con, "comments_per_article")),
        charts.top_boilerplate(_query(con, "top_boilerplate")),
        charts.syndication_clusters(_query(con, "syndication_clusters")),
        charts.rejects_by_reason(_query(con, "rejects_by_reason")),
        charts.runs_history(runs),
    ]
    summary = ReportSummary(
        documents=headline["documents"],
        outlets=headline["outlets"],
        blocks=headline["blocks"],
        rejects=headline["rejects"],
    )
    figures = [
        ("Documents", count(summary.documents)),
        ("Outlets known", count(summary.outlets)),
        ("Blocks", count(summary.blocks)),
        ("Boilerplate share of blocks", percent(headline["boilerplate_share"], 1)),
        ("Rejected files", count(summary.rejects)),
        ("Last run", charts.run_label(runs[0]) if runs else "not recorded"),
    ]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(_page(warehouse, figures, shown), encoding="utf-8")
    return summary


def _query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[dict[str, Any]]:
    sql = REPORT_SQL_DIR.joinpath(f"{name}.sql").read_text(encoding="utf-8")
    cursor = con.execute(sql, params or None)
    columns = [column[0] for column in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _runs(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    try:
        return _query(con, "runs_history")
    except duckdb.CatalogException:
        # Warehouses built before runs were recorded have no `runs` table.
        return []


def _page(warehouse: Path, figures: Sequence[tuple[str, str]], shown: Sequence[Chart]) -> str:
    e = html.escape
    data = {"charts": {chart.key: chart.data for chart in shown}}
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
    sections = "\n".join(_section(chart) for chart in shown)
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
        asides="".join(
            f'<p class="aside"><strong>{e(aside.figure)}</strong> {e(aside.text)}</p>'
            for aside in chart.asides
        ),
        n_rows=f"{count(len(chart.table.rows))} row{'' if len(chart.table.rows) == 1 else 's'}",
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
