"""`write_report`: the HTML report of a warehouse. Each chart's data is checked against the tables
of a real warehouse, and the page is drawn by a real browser (headless Chromium)."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.cli.main import main
from pipeline.report.charts import MOST_MONTHS, docs_by_month
from pipeline.report.html import write_report
from pipeline.warehouse.load import apply_sql, ensure_schema

from .conftest import SEEDS, run_cli, run_in_group
from .devtools.bench.corpus import generate_corpus
from .test_syndication import EDITS_A, EDITS_B, SEED, republished

CHROMIUM = Path("/usr/bin/chromium")
CHARTS = (
    "docs_by_outlet",
    "docs_by_month",
    "docs_by_language",
    "docs_by_kind",
    "roles_by_outlet",
    "comments_per_article",
    "top_boilerplate",
    "syndication_clusters",
    "rejects_by_reason",
    "runs_history",
)

# Files the pipeline rejects, so that the rejects chart has bars: two reasons, three files.
REJECTED = {
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "document.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    ".DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(100),
}

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and os.environ.get("CI") != "true",
    reason=f"no browser at {CHROMIUM} (apt-get install chromium); CI must have one",
)

Data = dict[str, Any]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built by two runs of the CLI: the seeds, 30 benchmark pages (articles with
    comments, several outlets and languages), files it rejects and a republished copy of seed 000,
    then a second copy. The session's seeds_warehouse has one run, no rejects, no syndication and
    no comments under an article, and charts are about each."""
    root = tmp_path_factory.mktemp("report-runs")
    shutil.copytree(SEEDS, root / "input")
    generate_corpus(root / "input" / "bench", 30)
    for name, content in REJECTED.items():
        (root / "input" / name).write_bytes(content)
    seed = (SEEDS / SEED).read_text(encoding="utf-8")
    copies = {
        "copy_a.txt": republished(seed, "What Washington Wants", "Global Wire", EDITS_A),
        "copy_b.txt": republished(seed, "The US Strategy", "Eurasia Daily", EDITS_B),
    }
    for name, copy in copies.items():
        (root / "input" / name).write_text(copy, encoding="utf-8")
        result = run_cli("run", "--input", str(root / "input"), "--warehouse", str(root / "w"))
        assert result.returncode == 0, result.stdout + result.stderr
    return root / "w"


@pytest.fixture(scope="module")
def two_runs_page(two_runs: Path) -> str:
    """The report of `two_runs`, written by the command the README shows."""
    page = two_runs.parent / "corpus-report.html"
    result = run_cli("report", "--warehouse", str(two_runs), "--output", str(page))
    assert result.returncode == 0, result.stdout + result.stderr
    return page.read_text(encoding="utf-8")


def rows(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def charts_of(page: str) -> dict[str, Data]:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page)
    assert match is not None
    data: dict[str, dict[str, Data]] = json.loads(match.group(1))
    return data["charts"]


def asides(page: str, key: str) -> list[str]:
    """The numbers written beside chart `key`, as text."""
    section = re.search(rf'<section id="{key}">(.*?)</section>', page, re.DOTALL)
    assert section is not None
    found = re.findall(r'<p class="aside"><strong>(.*?)</strong> (.*?)</p>', section.group(1))
    return [f"{figure} {text}" for figure, text in found]


def bars(chart: Data) -> list[tuple[str, int]]:
    return [(item["label"], item["value"]) for item in chart["items"]]


def ranked(counts: Counter[str | None]) -> list[tuple[str, int]]:
    """Known values, most documents first (ties by name), as the charts order them."""
    known = [(name, n) for name, n in counts.items() if name is not None]
    return sorted(known, key=lambda pair: (-pair[1], pair[0]))


@pytest.mark.slow
def test_document_charts_count_what_the_documents_table_holds(
    two_runs: Path, two_runs_page: str
) -> None:
    documents = rows(
        two_runs, "SELECT outlet, language, kind, published FROM documents WHERE gone_at IS NULL"
    )
    charts = charts_of(two_runs_page)

    outlets = Counter(outlet for outlet, _, _, _ in documents)
    assert bars(charts["docs_by_outlet"]) == ranked(outlets)
    if outlets[None]:
        assert asides(two_runs_page, "docs_by_outlet")[0].startswith(f"{outlets[None]} document")
    languages = Counter(language for _, language, _, _ in documents)
    assert bars(charts["docs_by_language"]) == ranked(languages)
    kinds = Counter(kind for _, _, kind, _ in documents)
    assert bars(charts["docs_by_kind"]) == ranked(kinds)

    months = Counter(f"{day:%Y-%m}" for _, _, _, day in documents if day is not None)
    drawn = bars(charts["docs_by_month"])
    assert {(month, n) for month, n in drawn if n} == set(months.items())
    # Every month from the first to the last, none left out: a time line.
    first, last = date.fromisoformat(drawn[0][0] + "-01"), date.fromisoformat(drawn[-1][0] + "-01")
    assert len(drawn) == (last.year - first.year) * 12 + last.month - first.month + 1
    undated = sum(1 for *_, day in documents if day is None)
    assert (undated > 0) == bool(asides(two_runs_page, "docs_by_month"))


@pytest.mark.slow
def test_roles_comments_and_boilerplate_charts_count_what_the_blocks_hold(
    two_runs: Path, two_runs_page: str
) -> None:
    live = "JOIN documents AS d USING (doc_id, path) WHERE d.gone_at IS NULL"
    blocks = rows(two_runs, f"SELECT d.outlet, b.role, b.path, b.text FROM blocks AS b {live}")
    charts = charts_of(two_runs_page)

    per_outlet = Counter((outlet or "unknown", role) for outlet, role, _, _ in blocks)
    for item in charts["roles_by_outlet"]["items"]:
        total = sum(n for (outlet, _), n in per_outlet.items() if outlet == item["label"])
        assert item["text"] == f"{total:,} blocks"
        for segment in item["segments"]:
            assert segment["share"] == pytest.approx(
                per_outlet[item["label"], segment["role"]] / total
            )

    comments = Counter(
        path for (path,) in rows(two_runs, f"SELECT c.path FROM thread_comments AS c {live}")
    )
    articles = [
        path
        for path, kind in rows(two_runs, "SELECT path, kind FROM documents WHERE gone_at IS NULL")
        if kind in ("article", "article_with_comments")
    ]
    commented = Counter(comments[path] for path in articles if comments[path])
    drawn = charts["comments_per_article"]["items"]
    assert sum(item["value"] for item in drawn) == sum(commented.values()) > 0
    for item in drawn:  # "1 comment", "2–5 comments", "more than 100 comments"
        numbers = [int(n) for n in re.findall(r"\d+", item["label"])]
        low, high = (
            (numbers[0] + 1, 10**9) if "more" in item["label"] else (numbers[0], numbers[-1])
        )
        assert item["value"] == sum(n for count, n in commented.items() if low <= count <= high)
    uncommented = sum(1 for path in articles if not comments[path])
    assert asides(two_runs_page, "comments_per_article")[0].startswith(f"{uncommented} article")

    boilerplate: dict[str, set[str]] = {}
    for _, role, path, text in blocks:
        if role == "boilerplate":
            line = re.sub(r"\s+", " ", re.sub(r"\d+", "0", text.lower())).strip()
            boilerplate.setdefault(line, set()).add(path)
    drawn = charts["top_boilerplate"]["items"]
    assert drawn[0]["value"] == max(len(paths) for paths in boilerplate.values())
    for item in drawn:
        line = re.sub(r"\s+", " ", re.sub(r"\d+", "0", item["label"].lower())).strip()
        assert item["value"] == len(boilerplate[line])
    assert [item["value"] for item in drawn] == sorted(
        (item["value"] for item in drawn), reverse=True
    )


@pytest.mark.slow
def test_syndication_rejects_and_runs_charts(two_runs: Path, two_runs_page: str) -> None:
    charts = charts_of(two_runs_page)

    ((title,),) = rows(two_runs, f"SELECT title FROM documents WHERE path = '{SEED}'")
    assert bars(charts["syndication_clusters"]) == [(title, 3)]  # the seed and its two copies
    assert asides(two_runs_page, "syndication_clusters") == [
        "1 article found in more than one document: 3 copies in all"
    ]

    assert bars(charts["rejects_by_reason"]) == [("binary", 2), ("hidden_file", 1)]

    runs = rows(
        two_runs,
        "SELECT n_new + n_changed, n_rejected, epoch(finished - started) FROM runs "
        "ORDER BY started DESC",
    )
    drawn = charts["runs_history"]["items"]
    assert [item["values"][:2] for item in drawn] == [
        [read, rejected] for read, rejected, _ in runs
    ]
    assert [item["values"][2] for item in drawn] == pytest.approx([took for *_, took in runs])
    assert drawn[0]["values"][0] == 1  # the second run read the one file added before it
    assert not any(item["muted"] for item in drawn)


class ChartsInDom(HTMLParser):
    """Reads a dumped DOM: the <body> attributes; per chart its attributes, the number of shapes
    (<rect>) and its labels: each <text> as its lines (<tspan>s) and its tooltip (<title>)."""

    def __init__(self) -> None:
        super().__init__()
        self.body: dict[str, str | None] = {}
        self.charts: dict[str, dict[str, str | None]] = {}
        self.shapes: Counter[str] = Counter()
        self.labels: dict[str, list[dict[str, Any]]] = {}
        self._chart: str | None = None
        self._text: dict[str, Any] | None = None
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "body":
            self.body = attributes
        elif tag == "svg" and "chart" in (attributes.get("class") or "").split():
            self._chart = attributes["data-chart"]
            assert self._chart is not None
            self.charts[self._chart] = attributes
            self.labels[self._chart] = []
        elif self._chart is not None:
            if tag == "rect":
                self.shapes[self._chart] += 1
            elif tag == "text":
                self._text = {"lines": [], "tip": None}
                self.labels[self._chart].append(self._text)
            self._in = tag

    def handle_data(self, data: str) -> None:
        if self._text is not None and self._in == "tspan":
            self._text["lines"].append(data)
        elif self._text is not None and self._in == "title":
            self._text["tip"] = data

    def handle_endtag(self, tag: str) -> None:
        self._in = None
        if tag == "text":
            self._text = None
        elif tag == "svg":
            self._chart = None


def chromium(page: Path, profile: Path, *options: str) -> str:
    """Open `page` in headless Chromium and return its standard output. Chromium starts helper
    processes: it runs in its own process group, which is killed afterwards."""
    assert CHROMIUM.exists(), f"no browser at {CHROMIUM}: CI must install chromium"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",
        *options,
        page.as_uri(),
    ]
    result = run_in_group(command, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def drawn_dom(page: Path, profile: Path) -> ChartsInDom:
    dom = ChartsInDom()
    dom.feed(chromium(page, profile, "--dump-dom"))
    assert dom.body.get("data-charts-ready") == "1", "the script did not finish"
    assert set(dom.charts) == set(CHARTS)
    return dom


@pytest.mark.slow
@needs_chromium
def test_chromium_draws_every_chart(two_runs: Path, two_runs_page: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(two_runs_page, encoding="utf-8")

    dom = drawn_dom(page, tmp_path / "profile")

    for name, attributes in dom.charts.items():
        assert int(attributes.get("data-drawn") or 0) >= 1, name
        assert dom.shapes[name] >= 1, name
    # One bar per reason (binary: a PNG and a PDF; hidden_file: .DS_Store), per run, per cluster.
    assert dom.charts["rejects_by_reason"]["data-drawn"] == "2"
    assert dom.charts["runs_history"]["data-drawn"] == "2"
    assert dom.charts["syndication_clusters"]["data-drawn"] == "1"

    screenshot = tmp_path / "report.png"
    chromium(page, tmp_path / "profile", f"--screenshot={screenshot}", "--window-size=1200,2000")
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 2000)  # width and height, from IHDR
    # A blank or error page compresses to a few kB; drawn charts with text do not.
    assert len(png) > 60_000


def new_warehouse(folder: Path, statements: str = "") -> Path:
    """The warehouse a run creates before it loads anything, plus `statements` (SQL)."""
    folder.mkdir()
    with duckdb.connect(str(folder / "corpus.duckdb")) as con:
        ensure_schema(con)
        apply_sql(con)  # views, macros and the (empty) syndication table
        if statements:
            con.execute(statements)
    return folder


def test_an_empty_warehouse_gives_a_report_without_none_or_nan(tmp_path: Path) -> None:
    warehouse = new_warehouse(tmp_path / "warehouse")

    summary = write_report(warehouse, tmp_path / "report.html")

    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (summary.documents, summary.blocks, summary.rejects) == (0, 0, 0)
    assert re.findall(r"\b(?:None|nan|NaN|null)\b", page) == []
    assert all(f'data-chart="{name}"' in page for name in CHARTS)
    assert all(chart["items"] == [] for chart in charts_of(page).values())
    assert "Last run</dt><dd>not recorded" in page


OUTLET = "</script><!-- <b>Outlet & Co</b>"
# A boilerplate line longer than the chart's four lines of label can show, and a shorter one
# that wraps onto two.
LONG_LINE = " ".join(f"word{n:03d}" for n in range(120))
WRAPPED_LINE = "Your email address will not be published. " * 4


@pytest.fixture
def handmade(tmp_path: Path) -> Path:
    """A warehouse with a row or two for every chart: unknown values, markup, long lines, a
    document whose file is gone, two runs (one failed) and a cluster of republished copies."""
    return new_warehouse(
        tmp_path / "warehouse",
        f"""
        INSERT INTO documents (doc_id, path, kind, outlet, language, published, gone_at, title)
        VALUES
            ('d1', 'a.txt', 'article_with_comments', '{OUTLET}', 'en', DATE '2020-01-15', NULL,
             'First'),
            ('d2', 'b.txt', 'article', '{OUTLET}', 'de', DATE '2020-04-02', NULL, 'Copy'),
            ('d3', 'c.txt', 'article', NULL, NULL, NULL, NULL, NULL),
            ('d0', 'c.txt', 'article', 'Gone Outlet', 'fr', DATE '2018-01-01',
             TIMESTAMPTZ '2021-01-01', 'Gone');
        INSERT INTO blocks (doc_id, path, seq, role, text) VALUES
            ('d1', 'a.txt', 0, 'title', 'A'), ('d1', 'a.txt', 1, 'boilerplate', 'Share <this>'),
            ('d1', 'a.txt', 2, 'boilerplate', '{LONG_LINE}'),
            ('d1', 'a.txt', 3, 'boilerplate', '{WRAPPED_LINE}'),
            ('d2', 'b.txt', 0, 'body', 'B'), ('d3', 'c.txt', 0, 'body', 'C'),
            ('d0', 'c.txt', 0, 'boilerplate', 'Old footer');
        INSERT INTO thread_comments (doc_id, path, seq, line_start, line_end, text, depth, run_id)
        SELECT 'd1', 'a.txt', n, n, n, 'Yes', 0, 'r2' FROM range(7) AS r(n);
        INSERT INTO syndication VALUES
            (1, 'd1', 'a.txt', '{OUTLET}', 1.0), (1, 'd2', 'b.txt', '{OUTLET}', 0.9),
            (2, 'd3', 'c.txt', NULL, 1.0), (2, 'd0', 'c.txt', 'Gone Outlet', 0.95);
        INSERT INTO rejects (path, reason, detail, n_bytes) VALUES
            ('x.bin', 'binary', 'The file is a PNG image, not text.', 2048);
        INSERT INTO runs (run_id, started, finished, pipeline_version, input_dir, n_new,
                          n_changed, n_unchanged, n_gone, n_rejected, status) VALUES
            ('r1', TIMESTAMPTZ '2026-01-01 10:00:00+00', NULL, '1', '/in', NULL, NULL, NULL,
             NULL, NULL, 'failed'),
            ('r2', TIMESTAMPTZ '2026-01-02 10:00:00+00', TIMESTAMPTZ '2026-01-02 10:02:05+00',
             '1', '/in', 3, 1, 0, 1, 1, 'completed');
        """,
    )


def test_unknown_values_stand_beside_the_charts_and_gone_documents_are_left_out(
    handmade: Path, tmp_path: Path
) -> None:
    summary = write_report(handmade, tmp_path / "report.html")

    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (summary.documents, summary.outlets, summary.blocks, summary.rejects) == (3, 1, 6, 1)
    assert "Gone Outlet" not in page and "Old footer" not in page and "2018" not in page
    charts = charts_of(page)
    assert bars(charts["docs_by_outlet"]) == [(OUTLET, 2)]
    assert asides(page, "docs_by_outlet") == [
        "1 document (33%) with no outlet named: not in the chart"
    ]
    assert bars(charts["docs_by_month"]) == [
        ("2020-01", 1),
        ("2020-02", 0),
        ("2020-03", 0),
        ("2020-04", 1),
    ]
    assert asides(page, "docs_by_month") == [
        "1 document (33%) with no known publication date: not in the chart"
    ]
    assert bars(charts["docs_by_language"]) == [("de", 1), ("en", 1)]
    assert bars(charts["docs_by_kind"]) == [("article", 2), ("article_with_comments", 1)]
    # Every bin, empty ones too: the bars keep their places from one report to the next.
    assert bars(charts["comments_per_article"]) == [
        ("1 comment", 0),
        ("2–5 comments", 0),
        ("6–10 comments", 1),
        ("11–20 comments", 0),
        ("21–50 comments", 0),
        ("51–100 comments", 0),
        ("more than 100 comments", 0),
    ]
    assert asides(page, "comments_per_article") == [
        "2 articles (67%) without comments: not in the chart",
        "7 reader comments under 1 article, 7.0 on average",
    ]
    # The cluster that lost a copy to a gone file is a cluster no more.
    assert bars(charts["syndication_clusters"]) == [("First", 2)]
    assert charts["syndication_clusters"]["items"][0]["text"] == "2 copies · 1 outlet"
    runs = charts["runs_history"]["items"]
    assert [(item["label"], item["values"], item["muted"]) for item in runs] == [
        ("2026-01-02 10:00 UTC", [4, 1, 125.0], False),
        ("2026-01-01 10:00 UTC (failed)", [0, 0, 0], True),
    ]
    assert [item["texts"][2] for item in runs] == ["2 min 05 s", "–"]
    assert "Last run</dt><dd>2026-01-02 10:00 UTC" in page
    assert "Boilerplate share of blocks</dt><dd>50.0%" in page
    assert '<td class="num">2.0 kB</td>' in page


def test_markup_in_the_data_stays_text(handmade: Path, tmp_path: Path) -> None:
    write_report(handmade, tmp_path / "report.html")

    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert OUTLET not in page and "<b>" not in page
    assert "&lt;/script&gt;&lt;!-- &lt;b&gt;Outlet &amp; Co&lt;/b&gt;" in page
    assert "Share <this>" in [item["label"] for item in charts_of(page)["top_boilerplate"]["items"]]


def test_the_page_loads_nothing(handmade: Path, tmp_path: Path) -> None:
    """One self-contained file: no script, style, image or font comes from anywhere else."""
    write_report(handmade, tmp_path / "report.html")

    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert re.findall(r"\b(?:src|href)\s*=|url\(|@import|<link|<iframe", page) == []
    # The only address is the SVG namespace, a name that is never fetched.
    assert re.findall(r"https?://[^\s\"']+", page) == ["http://www.w3.org/2000/svg"]


@needs_chromium
def test_long_labels_wrap_and_what_is_cut_is_the_tooltip(handmade: Path, tmp_path: Path) -> None:
    write_report(handmade, tmp_path / "report.html")

    dom = drawn_dom(tmp_path / "report.html", tmp_path / "profile")

    assert all(int(dom.charts[name].get("data-drawn") or 0) >= 1 for name in CHARTS)
    labels = {" ".join(label["lines"]): label for label in dom.labels["top_boilerplate"]}
    wrapped = labels[WRAPPED_LINE.strip()]
    assert len(wrapped["lines"]) >= 2 and wrapped["tip"] is None  # shown whole
    (cut,) = [label for label in labels.values() if label["tip"] == LONG_LINE]
    assert len(cut["lines"]) == 4 and cut["lines"][-1].endswith("…")
    assert LONG_LINE.startswith(" ".join(cut["lines"])[:-1].rstrip())


def test_many_months_are_drawn_as_years() -> None:
    months = [f"{1990 + n // 12}-{n % 12 + 1:02d}" for n in range(MOST_MONTHS + 12)]
    rows = [{"month": month, "documents": 1} for month in months] + [
        {"month": None, "documents": 5}
    ]

    chart = docs_by_month(rows)

    assert chart.title == "Documents by year"
    assert bars({"items": chart.data["items"]}) == [(str(1990 + n), 12) for n in range(21)]
    assert chart.table.rows[-1] == ["unknown", "5"]


def test_the_report_command_writes_the_page_or_says_why_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = [
        "report",
        "--warehouse",
        str(tmp_path / "nowhere"),
        "--output",
        str(tmp_path / "r.html"),
    ]
    assert main(missing) == 2
    assert "no warehouse at" in capsys.readouterr().err

    output = tmp_path / "out" / "r.html"
    built = new_warehouse(tmp_path / "warehouse")
    assert main(["report", "--warehouse", str(built), "--output", str(output)]) == 0
    assert "Report: " in capsys.readouterr().out
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
