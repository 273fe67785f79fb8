"""`write_report`: the HTML report of a warehouse, drawn by a real browser (headless Chromium)."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from pipeline.cli.main import main
from pipeline.report.html import write_report
from pipeline.warehouse.load import apply_sql, ensure_schema

from .conftest import SEEDS, run_cli, run_in_group

CHROMIUM = Path("/usr/bin/chromium")
CHARTS = (
    "docs_by_outlet",
    "docs_by_month",
    "roles_by_outlet",
    "top_boilerplate",
    "rejects_by_reason",
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


@pytest.fixture(scope="module")
def warehouse_with_rejects(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus a few files that cannot become documents, built by the CLI. The session's
    seeds_warehouse has no rejects, and one chart is about them."""
    root = tmp_path_factory.mktemp("report-run")
    shutil.copytree(SEEDS, root / "input")
    for name, content in REJECTED.items():
        (root / "input" / name).write_bytes(content)
    result = run_cli("run", "--input", str(root / "input"), "--warehouse", str(root / "warehouse"))
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "warehouse"


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


class ChartsInDom(HTMLParser):
    """Reads a dumped DOM: the <body> attributes, and per chart its attributes and the number of
    shapes (<rect> and <path>) inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.body: dict[str, str | None] = {}
        self.charts: dict[str, dict[str, str | None]] = {}
        self.shapes: dict[str, int] = {}
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "body":
            self.body = attributes
        elif tag == "svg" and "chart" in (attributes.get("class") or "").split():
            self._inside = attributes["data-chart"]
            assert self._inside is not None
            self.charts[self._inside] = attributes
            self.shapes[self._inside] = 0
        elif tag in ("rect", "path") and self._inside is not None:
            self.shapes[self._inside] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._inside = None


@needs_chromium
def test_chromium_draws_every_chart(warehouse_with_rejects: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"

    summary = write_report(warehouse_with_rejects, page)

    assert (summary.documents, summary.rejects) == (5, len(REJECTED))
    dom = ChartsInDom()
    dom.feed(chromium(page, tmp_path / "profile", "--dump-dom"))
    assert dom.body.get("data-charts-ready") == "1", "the script did not finish"
    assert set(dom.charts) == set(CHARTS)
    for name, attributes in dom.charts.items():
        assert int(attributes.get("data-drawn") or 0) >= 1, name
        assert dom.shapes[name] >= 1, name
    # One bar per reason: binary (a PNG and a PDF) and hidden_file (.DS_Store).
    assert dom.charts["rejects_by_reason"]["data-drawn"] == "2"

    screenshot = tmp_path / "report.png"
    chromium(page, tmp_path / "profile", f"--screenshot={screenshot}", "--window-size=1200,2000")
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 2000)  # width and height, from IHDR
    # A blank or error page compresses to a few kB; five drawn charts with text do not.
    assert len(png) > 60_000


def new_warehouse(folder: Path, statements: str = "") -> Path:
    """The warehouse a run creates before it loads anything, plus `statements` (SQL)."""
    folder.mkdir()
    with duckdb.connect(str(folder / "corpus.duckdb")) as con:
        ensure_schema(con)
        if statements:
            con.execute(statements)
        apply_sql(con)
    return folder


def embedded_data(page: str) -> dict[str, dict[str, dict[str, list[dict[str, object]]]]]:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page)
    assert match is not None
    data: dict[str, dict[str, dict[str, list[dict[str, object]]]]] = json.loads(match.group(1))
    return data


def test_an_empty_warehouse_gives_a_report_without_none_or_nan(tmp_path: Path) -> None:
    warehouse = new_warehouse(tmp_path / "warehouse")

    summary = write_report(warehouse, tmp_path / "report.html")

    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (summary.documents, summary.blocks, summary.rejects) == (0, 0, 0)
    assert re.findall(r"\b(?:None|nan|NaN|null)\b", page) == []
    assert all(f'data-chart="{name}"' in page for name in CHARTS)
    assert all(chart["items"] == [] for chart in embedded_data(page)["charts"].values())
    assert "Last run</dt><dd>not recorded" in page


def test_unknown_values_history_and_markup_in_the_data(tmp_path: Path) -> None:
    outlet = "</script><!-- <b>Outlet & Co</b>"
    warehouse = new_warehouse(
        tmp_path / "warehouse",
        f"""
        INSERT INTO documents (doc_id, path, kind, outlet, published, gone_at) VALUES
            ('d1', 'a.txt', 'article', '{outlet}', DATE '2020-01-15', NULL),
            ('d2', 'b.txt', 'article', '{outlet}', DATE '2020-04-02', NULL),
            ('d3', 'c.txt', 'article', NULL, NULL, NULL),
            ('d0', 'c.txt', 'article', 'Gone Outlet', DATE '2018-01-01', TIMESTAMPTZ '2021-01-01');
        INSERT INTO blocks (doc_id, path, seq, role, text) VALUES
            ('d1', 'a.txt', 0, 'title', 'A'), ('d1', 'a.txt', 1, 'boilerplate', 'Share <this>'),
            ('d2', 'b.txt', 0, 'body', 'B'), ('d3', 'c.txt', 0, 'body', 'C'),
            ('d0', 'c.txt', 0, 'boilerplate', 'Old footer');
        INSERT INTO rejects (path, reason, detail, n_bytes) VALUES
            ('x.bin', 'binary', 'The file is a PNG image, not text.', 2048);
        """,
    )

    summary = write_report(warehouse, tmp_path / "report.html")

    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (summary.documents, summary.outlets, summary.blocks, summary.rejects) == (3, 1, 4, 1)
    assert "Gone Outlet" not in page and "Old footer" not in page and "2018" not in page
    # Markup in the data is text on the page, in the tables and in the JSON the script reads.
    assert outlet not in page and "<b>" not in page
    assert "&lt;/script&gt;&lt;!-- &lt;b&gt;Outlet &amp; Co&lt;/b&gt;" in page
    charts = embedded_data(page)["charts"]
    assert [item["label"] for item in charts["docs_by_outlet"]["items"]] == [outlet, "unknown"]
    months = [(item["label"], item["value"]) for item in charts["docs_by_month"]["items"]]
    assert months == [
        ("2020-01", 1),
        ("2020-02", 0),
        ("2020-03", 0),
        ("2020-04", 1),
        ("unknown", 1),
    ]
    assert [item["label"] for item in charts["top_boilerplate"]["items"]] == ["Share <this>"]
    assert "Boilerplate share of blocks</dt><dd>25.0%" in page
    assert '<td class="num">2.0 kB</td>' in page


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
