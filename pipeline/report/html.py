"""Command `report`: one self-contained HTML page describing a built warehouse, with charts.

The page must open offline, from a file or an e-mail attachment, so it carries everything itself:
the numbers as a JSON blob, a small script that draws them as SVG, and the same numbers as plain
tables for readers without JavaScript. The queries are in warehouse/report/, one per file.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb

from pipeline.settings import DATABASE_NAME
from pipeline.warehouse.readonly import open_read_only

REPORT_SQL_DIR = files(__package__).joinpath("sql")

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
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corpus report</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<header>
<h1>Corpus report</h1>
<p class="meta">Warehouse <code>{e(str(database))}</code> · generated {e(generated)}</p>
</header>
<dl class="headline">
{headline}
</dl>
{sections}
</main>
<script type="application/json" id="report-data">{blob}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""


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
    return f"""<section id="{chart.key}">
<h2>{e(chart.title)}</h2>
<p class="caption">{e(chart.caption)}</p>
<svg class="chart" data-chart="{chart.key}" role="img" aria-label="{e(chart.title)}" viewBox="0 0 800 40" width="800" height="40"><text x="0" y="24">The chart needs JavaScript; the table below has the same numbers.</text></svg>
<details{" open" if len(chart.table.rows) <= OPEN_TABLE_ROWS else ""}>
<summary>Table ({_count(len(chart.table.rows))} rows)</summary>
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</details>
</section>"""


def _numeric(numeric: bool) -> str:
    return ' class="num"' if numeric else ""


_CSS = """
body { margin: 0; background: #f4f5f7; color: #1f2328;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 920px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 0 0 2px; font-size: 18px; }
.meta, .caption { margin: 0 0 12px; color: #59636e; }
code { font-size: 12px; word-break: break-all; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(135px, 1fr)); gap: 10px;
  margin: 16px 0; }
.figure { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 10px 14px; }
.figure dt { color: #59636e; font-size: 12px; }
.figure dd { margin: 2px 0 0; font-size: 22px; font-weight: 600; }
.figure:last-child dd { font-size: 14px; font-weight: 500; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 16px 20px;
  margin: 16px 0; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font-size: 13px; fill: #1f2328; }
svg.chart text.value { fill: #3d444d; font-size: 12px; }
svg.chart text.inside { fill: #fff; font-size: 11px; }
svg.chart text.axis { fill: #59636e; font-size: 11px; }
svg.chart line.grid { stroke: #e6e9ed; }
details { margin-top: 12px; }
summary { color: #59636e; font-size: 12px; cursor: pointer; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #eceef1; text-align: left;
  vertical-align: top; }
th { background: #f7f8fa; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.empty { color: #59636e; font-style: italic; }
"""

# Draws every <svg class="chart"> from the JSON blob. Labels and tooltips are set as text nodes,
# never parsed as markup, so the data needs no escaping here.
_SCRIPT = """
"use strict";
(() => {
  const NS = "http://www.w3.org/2000/svg";
  const ROW = 26;
  const BAR = 18;
  const COLOUR = "#2f6db5";
  const MUTED = "#a7b0ba";
  const ROLES = { body: "#2f6db5", heading: "#79a8de", title: "#173f72", meta: "#8e6fd1",
    comment: "#e08a2e", boilerplate: "#b4bcc6" };
  const SPARE = ["#4aa39a", "#c0607f", "#8fb84f", "#d6b13c"];
  const data = JSON.parse(document.getElementById("report-data").textContent);

  const add = (parent, name, attrs, text) => {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  };
  const tip = (node, text) => add(node, "title", {}, text);
  // Shortens a label until it fits in `room` pixels, as measured with the page's own font.
  const fit = (node, text, room) => {
    let kept = text.length;
    while (kept > 1 && node.getComputedTextLength() > room) {
      kept -= 1;
      node.textContent = text.slice(0, kept).trimEnd() + "…";
    }
    if (kept < text.length) tip(node, text);
  };
  const frame = (svg, width, height) => {
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
  };
  // Labels take a third of the width, at most 260 px, the bars the rest.
  const labelRoom = (width) => Math.min(260, Math.round(width / 3));
  const rowLabel = (svg, label, room, y) => {
    const node = add(svg, "text", { x: room - 10, y, "text-anchor": "end",
      "dominant-baseline": "middle" }, label);
    fit(node, label, room - 14);
  };

  // Horizontal bars, one per item, the value written after the bar.
  const bars = (svg, chart, width) => {
    const items = chart.items;
    const room = labelRoom(width);
    const max = Math.max(...items.map((item) => item.value), 1);
    const scale = (width - room - 90) / max;
    frame(svg, width, items.length * ROW + 8);
    items.forEach((item, i) => {
      const y = 4 + i * ROW;
      rowLabel(svg, item.label, room, y + ROW / 2);
      const length = Math.max(item.value * scale, item.value > 0 ? 2 : 0);
      const bar = add(svg, "rect", { x: room, y: y + (ROW - BAR) / 2, width: length,
        height: BAR, rx: 2, fill: item.muted ? MUTED : COLOUR });
      tip(bar, `${item.label}: ${item.text}`);
      add(svg, "text", { class: "value", x: room + length + 6, y: y + ROW / 2,
        "dominant-baseline": "middle" }, item.text);
    });
    return items.length;
  };

  const niceStep = (rough) => {
    const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
    return Math.max([1, 2, 5, 10].find((m) => m * power >= rough) * power, 1);
  };

  // Vertical bars in time order over a value axis; month labels are thinned out (and turned)
  // when they would overlap, the "unknown" one is always shown.
  const columns = (svg, chart, width) => {
    const items = chart.items;
    const left = 44, top = 18, plot = 200;
    const slot = (width - left - 8) / items.length;
    const turn = slot < 58;
    const every = turn ? Math.ceil(16 / slot) : 1;
    frame(svg, width, top + plot + (turn ? 62 : 28));
    const max = Math.max(...items.map((item) => item.value), 1);
    const step = niceStep(max / 4);
    const ceiling = Math.ceil(max / step) * step;
    for (let tick = 0; tick <= ceiling; tick += step) {
      const y = top + plot - (tick / ceiling) * plot;
      add(svg, "line", { class: "grid", x1: left, x2: width - 8, y1: y, y2: y });
      add(svg, "text", { class: "axis", x: left - 6, y, "text-anchor": "end",
        "dominant-baseline": "middle" }, tick.toLocaleString("en"));
    }
    const thickness = Math.min(48, slot * 0.8);
    const last = items[items.length - 1];
    items.forEach((item, i) => {
      const x = left + i * slot + (slot - thickness) / 2;
      const height = (item.value / ceiling) * plot;
      const bar = add(svg, "rect", { x, y: top + plot - height, width: thickness, height, rx: 2,
        fill: item.muted ? MUTED : COLOUR });
      tip(bar, `${item.label}: ${item.text}`);
      if (thickness >= 16 && item.value > 0) {
        add(svg, "text", { class: "value", x: x + thickness / 2, y: top + plot - height - 4,
          "text-anchor": "middle" }, item.text);
      }
      // The "unknown" label is always shown, so the regular one just before it gives way.
      const beforeUnknown = last.muted && !item.muted && items.length - 1 - i < every;
      if (item.muted || (i % every === 0 && !beforeUnknown)) {
        const cx = x + thickness / 2, cy = top + plot + 14;
        add(svg, "text", turn
          ? { class: "axis", x: cx, y: cy, "text-anchor": "end",
            transform: `rotate(-45 ${cx} ${cy})` }
          : { class: "axis", x: cx, y: cy, "text-anchor": "middle" }, item.label);
      }
    });
    return items.length;
  };

  // One 100 % bar per item, split into its segments, under a legend of the roles.
  const stacks = (svg, chart, width) => {
    const colours = new Map(chart.roles.map((role, i) =>
      [role, ROLES[role] ?? SPARE[i % SPARE.length]]));
    const room = labelRoom(width);
    const full = width - room - 90;
    const top = 30;
    frame(svg, width, top + chart.items.length * ROW + 6);
    let x = room;
    for (const role of chart.roles) {
      add(svg, "rect", { x, y: 4, width: 12, height: 12, rx: 2, fill: colours.get(role) });
      const name = add(svg, "text", { x: x + 17, y: 10, "dominant-baseline": "middle" }, role);
      x += 17 + name.getComputedTextLength() + 16;
    }
    let drawn = 0;
    chart.items.forEach((item, i) => {
      const y = top + i * ROW;
      rowLabel(svg, item.label, room, y + ROW / 2);
      let start = room;
      for (const segment of item.segments) {
        const length = segment.share * full;
        const rect = add(svg, "rect", { x: start, y: y + (ROW - BAR) / 2, width: length,
          height: BAR, fill: colours.get(segment.role) });
        tip(rect, segment.tip);
        if (length >= 34) {
          add(svg, "text", { class: "inside", x: start + length / 2, y: y + ROW / 2,
            "text-anchor": "middle", "dominant-baseline": "middle" }, segment.text);
        }
        start += length;
        drawn += 1;
      }
      add(svg, "text", { class: "value", x: room + full + 6, y: y + ROW / 2,
        "dominant-baseline": "middle" }, item.text);
    });
    return drawn;
  };

  const draw = { bars, columns, stacks };
  for (const svg of document.querySelectorAll("svg.chart")) {
    const chart = data.charts[svg.dataset.chart];
    // Drawn at the size it is shown, so that text is as large as the page's own.
    const width = Math.max(Math.round(svg.getBoundingClientRect().width), 360);
    svg.replaceChildren();
    let drawn = 0;
    if (chart.items.length === 0) {
      frame(svg, width, 32);
      add(svg, "text", { class: "axis", x: 0, y: 20 }, "Nothing to show.");
    } else {
      drawn = draw[chart.kind](svg, chart, width);
    }
    svg.dataset.drawn = String(drawn);
  }
  document.body.dataset.chartsReady = "1";
})();
"""
