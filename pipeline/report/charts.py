"""The report's charts, each built from the rows of its query in sql/ (same name): the data the
page's script draws, the table with the same numbers, and the numbers shown beside the chart."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from pipeline.report.model import (
    MISSING,
    UNKNOWN,
    Aside,
    Chart,
    Table,
    bar,
    count,
    label,
    percent,
    plural,
    seconds,
    share,
    size,
)

# Outlets and languages past this rank are summed beside the chart (the table lists them all):
# a crawl of many sites would otherwise draw thousands of bars.
CHART_BARS = 20
# Beyond 20 years of months, a month's column is a pixel wide: the chart shows years instead.
MOST_MONTHS = 240


def docs_by_outlet(rows: list[dict[str, Any]]) -> Chart:
    return _ranked(
        rows,
        "outlet",
        "Documents still in the input, per outlet named in their metadata.",
        unknown="with no outlet named",
    )


def docs_by_language(rows: list[dict[str, Any]]) -> Chart:
    return _ranked(
        rows,
        "language",
        "Documents per language of their text (ISO 639-1 codes: en English, de German…).",
        unknown="with no language identified",
    )


def _ranked(rows: list[dict[str, Any]], column: str, caption: str, unknown: str) -> Chart:
    """Documents by `column`: bars for its CHART_BARS largest known values; the unknown ones and
    the rest are numbers beside the chart, and every row is in the table."""
    total = sum(row["documents"] for row in rows)
    known = [row for row in rows if row[column] is not None]
    unknown_documents = total - sum(row["documents"] for row in known)
    rest = known[CHART_BARS:]
    rest_documents = sum(row["documents"] for row in rest)
    asides = []
    if unknown_documents:
        asides.append(
            Aside(
                count(unknown_documents),
                f"{plural(unknown_documents, 'document')} "
                f"({percent(share(unknown_documents, total))}) {unknown}: not in the chart",
            )
        )
    if rest:
        asides.append(
            Aside(
                count(rest_documents),
                f"{plural(rest_documents, 'document')} ({percent(share(rest_documents, total))}) "
                f"in {count(len(rest))} smaller {plural(len(rest), column)}: in the table, not "
                "in the chart",
            )
        )
    return Chart(
        f"docs_by_{column}",
        f"Documents by {column}",
        caption,
        {
            "kind": "bars",
            "items": [
                bar(row[column], row["documents"], share(row["documents"], total))
                for row in known[:CHART_BARS]
            ],
        },
        Table(
            [column.capitalize(), "Documents", "Share"],
            [False, True, True],
            [
                [
                    label(row[column]),
                    count(row["documents"]),
                    percent(share(row["documents"], total)),
                ]
                for row in rows
            ],
        ),
        asides,
    )


def docs_by_month(rows: list[dict[str, Any]]) -> Chart:
    dated = [(row["month"], row["documents"]) for row in rows if row["month"] is not None]
    undated = sum(row["documents"] for row in rows if row["month"] is None)
    total = undated + sum(documents for _, documents in dated)
    by_year = len(dated) > MOST_MONTHS
    if by_year:
        years: Counter[str] = Counter()
        for month, documents in dated:
            years[month[:4]] += documents
        dated = sorted(years.items())
    asides = []
    if undated:
        asides.append(
            Aside(
                count(undated),
                f"{plural(undated, 'document')} ({percent(share(undated, total))}) with no known "
                "publication date: not in the chart",
            )
        )
    period = "year" if by_year else "month"
    return Chart(
        "docs_by_month",
        f"Documents by {period}",
        f"Documents per {period} of publication; {period}s without any are shown as 0.",
        {
            "kind": "columns",
            "items": [
                {"label": month, "value": documents, "text": count(documents)}
                for month, documents in dated
            ],
        },
        Table(
            [period.capitalize(), "Documents"],
            [False, True],
            [[month, count(documents)] for month, documents in dated]
            + ([[label(None), count(undated)]] if undated else []),
        ),
        asides,
    )


def docs_by_kind(rows: list[dict[str, Any]]) -> Chart:
    total = sum(row["documents"] for row in rows)
    return Chart(
        "docs_by_kind",
        "Documents by kind",
        "What each page holds: an article, an article with reader comments, reader comments "
        "only, or nothing but boilerplate (empty).",
        {
            "kind": "bars",
            "items": [
                bar(row["kind"], row["documents"], share(row["documents"], total)) for row in rows
            ],
        },
        Table(
            ["Kind", "Documents", "Share"],
            [False, True, True],
            [
                [row["kind"], count(row["documents"]), percent(share(row["documents"], total))]
                for row in rows
            ],
        ),
    )


def roles_by_outlet(rows: list[dict[str, Any]]) -> Chart:
    # The query orders roles by their count in the whole corpus, which fixes the segment order.
    roles = list(dict.fromkeys(row["role"] for row in sorted(rows, key=lambda r: r["role_rank"])))
    outlets: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        outlets.setdefault(label(row["outlet"]), []).append(row)
    items = [
        {
            "label": outlet,
            "text": f"{count(sum(row['blocks'] for row in segments))} blocks",
            "segments": [
                {
                    "role": row["role"],
                    "share": row["share"],
                    "text": percent(row["share"]),
                    "tip": f"{outlet} · {row['role']}: {count(row['blocks'])} blocks "
                    f"({percent(row['share'])})",
                }
                for row in segments
            ],
        }
        for outlet, segments in outlets.items()
    ]
    cells = {(label(row["outlet"]), row["role"]): row for row in rows}
    return Chart(
        "roles_by_outlet",
        "Role shares per outlet",
        f"Share of each outlet's blocks by the role the segmenter gave them (the {CHART_BARS} "
        "outlets with most documents, and the unknown one).",
        {"kind": "stacks", "roles": roles, "items": items},
        Table(
            ["Outlet", *roles],
            [False, *(True for _ in roles)],
            [
                [
                    outlet,
                    *(
                        f"{count(cell['blocks'])} ({percent(cell['share'])})"
                        if (cell := cells.get((outlet, role)))
                        else "0"
                        for role in roles
                    ),
                ]
                for outlet in outlets
            ],
        ),
    )


def comments_per_article(rows: list[dict[str, Any]]) -> Chart:
    articles = sum(row["articles"] for row in rows)
    # Articles without comments are most of them: a bar for them would flatten the others.
    uncommented = sum(row["articles"] for row in rows if row["lowest"] == 0)
    comments = sum(row["comments"] for row in rows)
    names = [_comment_bin(row["lowest"], row["highest"]) for row in rows]
    asides = []
    if uncommented:
        asides.append(
            Aside(
                count(uncommented),
                f"{plural(uncommented, 'article')} ({percent(share(uncommented, articles))}) "
                "without comments: not in the chart",
            )
        )
    if comments:
        asides.append(
            Aside(
                count(comments),
                f"reader {plural(comments, 'comment')} under {count(articles - uncommented)} "
                f"{plural(articles - uncommented, 'article')}, "
                f"{comments / (articles - uncommented):,.1f} on average",
            )
        )
    return Chart(
        "comments_per_article",
        "Comments per article",
        "Articles with reader comments, by the number of comments found under them; shares are "
        "of all articles (pages of comments only are not counted).",
        {
            "kind": "bars",
            "items": [
                bar(name, row["articles"], share(row["articles"], articles))
                for name, row in zip(names, rows, strict=True)
                if row["lowest"] > 0
            ]
            if comments
            else [],
        },
        Table(
            ["Comments", "Articles", "Share of articles", "Comments in all"],
            [False, True, True, True],
            [
                [
                    name,
                    count(row["articles"]),
                    percent(share(row["articles"], articles)),
                    count(row["comments"]),
                ]
                for name, row in zip(names, rows, strict=True)
            ],
        ),
        asides,
    )


def _comment_bin(lowest: int, highest: int | None) -> str:
    if highest is None:
        return f"more than {lowest - 1} comments"
    if lowest == highest:
        return {0: "no comments", 1: "1 comment"}.get(lowest, f"{lowest} comments")
    return f"{lowest}–{highest} comments"


def top_boilerplate(rows: list[dict[str, Any]]) -> Chart:
    return Chart(
        "top_boilerplate",
        "Top boilerplate lines",
        "Boilerplate lines found on the most documents (numbers and case ignored when grouping).",
        # Wide: the line is written whole above its bar, wrapped; some are whole paragraphs.
        {
            "kind": "bars",
            "wide": True,
            "items": [bar(row["example"], row["n_documents"], row["share"]) for row in rows],
        },
        Table(
            ["Line", "Documents", "Share of documents", "Occurrences"],
            [False, True, True, True],
            [
                [
                    row["example"],
                    count(row["n_documents"]),
                    percent(row["share"]),
                    count(row["n_occurrences"]),
                ]
                for row in rows
            ],
        ),
    )


def syndication_clusters(rows: list[dict[str, Any]]) -> Chart:
    asides = []
    if rows:
        asides.append(
            Aside(
                count(rows[0]["n_clusters"]),
                f"{plural(rows[0]['n_clusters'], 'article')} found in more than one document: "
                f"{count(rows[0]['n_documents'])} copies in all",
            )
        )
    return Chart(
        "syndication_clusters",
        "Largest syndication clusters",
        "Articles found in several documents (near-identical text; see the syndication table), "
        "by the number of copies, under the title of the earliest copy.",
        {
            "kind": "bars",
            "wide": True,
            "items": [
                {
                    "label": row["title"],
                    "value": row["documents"],
                    "text": f"{count(row['documents'])} copies"
                    + (
                        f" · {count(row['outlets'])} {plural(row['outlets'], 'outlet')}"
                        if row["outlets"]
                        else ""  # none of them names its outlet
                    ),
                }
                for row in rows
            ],
        },
        Table(
            ["Earliest title", "Copies", "Outlets named", "First published", "Least similar copy"],
            [False, True, True, True, True],
            [
                [
                    row["title"],
                    count(row["documents"]),
                    count(row["outlets"]),
                    _day(row["first_published"]),
                    percent(row["least_similar"]),
                ]
                for row in rows
            ],
        ),
        asides,
    )


def rejects_by_reason(rows: list[dict[str, Any]]) -> Chart:
    total = sum(row["files"] for row in rows)
    return Chart(
        "rejects_by_reason",
        "Rejects by reason",
        "Input files that did not become documents, per reason (see the rejects table).",
        {
            "kind": "bars",
            "items": [bar(row["reason"], row["files"], share(row["files"], total)) for row in rows],
        },
        Table(
            ["Reason", "Files", "Size"],
            [False, True, True],
            [[row["reason"], count(row["files"]), size(row["n_bytes"])] for row in rows],
        ),
    )


def runs_history(rows: list[dict[str, Any]]) -> Chart:
    asides = []
    if rows and rows[0]["n_runs"] > len(rows):
        asides.append(
            Aside(count(rows[0]["n_runs"]), f"runs recorded; the last {len(rows)} are shown")
        )
    return Chart(
        "runs_history",
        "Runs",
        "The latest runs, newest first: the files each one read (new or changed since the run "
        "before), the rejected files after it, and how long it took.",
        {
            "kind": "panels",
            "metrics": ["files read", "rejected files", "time taken"],
            "items": [
                {
                    "label": run_label(row),
                    "values": [_files_read(row), row["n_rejected"] or 0, row["seconds"] or 0],
                    "texts": [
                        count(_files_read(row)),
                        count(row["n_rejected"] or 0),
                        seconds(row["seconds"]),
                    ],
                    "muted": row["status"] != "completed",
                }
                for row in rows
            ],
        },
        Table(
            ["Started", "Status", "New", "Changed", "Unchanged", "Gone", "Rejected", "Took"],
            [False, False, True, True, True, True, True, True],
            [
                [
                    f"{row['started'].astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC",
                    row["status"],
                    *(
                        MISSING if value is None else count(value)
                        for value in (
                            row["n_new"],
                            row["n_changed"],
                            row["n_unchanged"],
                            row["n_gone"],
                            row["n_rejected"],
                        )
                    ),
                    seconds(row["seconds"]),
                ]
                for row in rows
            ],
        ),
        asides,
    )


def run_label(row: dict[str, Any]) -> str:
    """When a run started, and how it ended if it did not complete."""
    started: datetime = row["started"]
    status = "" if row["status"] == "completed" else f" ({row['status']})"
    return f"{started.astimezone(UTC):%Y-%m-%d %H:%M} UTC{status}"


def _day(day: date | None) -> str:
    return UNKNOWN if day is None else f"{day:%Y-%m-%d}"


def _files_read(row: dict[str, Any]) -> int:
    return int((row["n_new"] or 0) + (row["n_changed"] or 0))
