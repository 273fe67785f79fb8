"""A real flow run over hostile files: nothing crashes, nothing vanishes, each file's fate is right."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from pipeline.orchestration.flow import build_corpus
from pipeline.settings import Settings
from pipeline.stages.discover import SourceFile
from pipeline.stages.process import process_file
from pipeline.stages.reject import Reject

from .hostile_inputs import LATIN1_NAME, build_hostile_folder


@pytest.mark.usefixtures("prefect_harness")
def test_every_hostile_file_ends_where_it_should(tmp_path: Path) -> None:
    expected = build_hostile_folder(tmp_path / "input")
    settings = Settings(batch_size=5, max_line_chars=1_000_000)

    report = build_corpus(str(tmp_path / "input"), str(tmp_path / "warehouse"), settings)

    with duckdb.connect(str(tmp_path / "warehouse" / "corpus.duckdb"), read_only=True) as con:
        documents = {
            row[0]: row[1:]
            for row in con.execute(
                "SELECT path, encoding, kind, text, format FROM documents"
            ).fetchall()
        }
        rejects = dict(con.execute("SELECT path, reason FROM rejects").fetchall())
        details = con.execute("SELECT detail FROM rejects").fetchall()
    assert set(documents) | set(rejects) == set(expected)
    assert report.n_documents + report.n_rejects == len(expected)
    assert all(len(detail) > 20 for (detail,) in details)  # a sentence, not a code
    for path, fate in expected.items():
        if fate.table == "rejects":
            assert rejects.get(path) == fate.reason, path
            continue
        encoding, kind, text, _format = documents[path]
        assert fate.encoding is None or encoding == fate.encoding, (path, encoding)
        assert fate.kind is None or kind == fate.kind, (path, kind)
        assert fate.contains is None or fate.contains in text, (path, text[:200])
    assert documents["page.html"][3] == "html"
    with duckdb.connect(str(tmp_path / "warehouse" / "corpus.duckdb"), read_only=True) as con:
        raw_names = con.execute(
            "SELECT path, path_bytes FROM documents WHERE path_bytes IS NOT NULL"
        ).fetchall()
    assert raw_names == [(r"caf\xe9 d\xe9cembre.txt", LATIN1_NAME)]

    # The summary's counts agree: every listed input is new, changed, unchanged or not read.
    changes = report.changes
    assert changes is not None and report.n_inputs == len(expected)
    assert changes.new + changes.changed + changes.unchanged + report.n_not_read == len(expected)
    assert changes.documents + changes.rejected == len(expected)

    os.utime(tmp_path / "input" / "cp1251.txt")  # touched: read again, found the same
    again = build_corpus(str(tmp_path / "input"), str(tmp_path / "warehouse"), settings)
    assert again.changes is not None
    assert (again.changes.new, again.changes.changed, again.changes.gone) == (0, 0, 0)
    assert again.to_text().startswith("Processed 0 documents (none)")  # hashed, not processed
    not_read = again.n_not_read
    assert again.changes.unchanged + not_read == again.n_inputs == len(expected)
    assert "var a" not in documents["page.html"][2]


def test_a_file_that_vanishes_after_listing_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_text("soon gone", encoding="utf-8")
    source = SourceFile("gone.txt", str(path), path.stat().st_size, 0)
    path.unlink()
    result = process_file(source, Settings())
    assert (result.path, getattr(result, "reason", None)) == ("gone.txt", "vanished")


def test_limits_reject_with_a_reason_instead_of_truncating(tmp_path: Path) -> None:
    path = tmp_path / "large.txt"
    path.write_bytes(b"Some text.\n" * 1000)
    source = SourceFile("large.txt", str(path), path.stat().st_size, 0)
    result = process_file(source, Settings(max_file_bytes=1000))
    assert getattr(result, "reason", None) == "too_large"
    assert "max_file_bytes" in getattr(result, "detail", "")


def test_a_bug_on_one_page_becomes_a_reject_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net itself: a stage that raises (simulated, as no known page does) rejects the
    file with reason internal_error and the exception named."""
    import pipeline.stages.process

    def broken(*args: object) -> list[object]:
        raise ValueError("simulated bug")

    page = tmp_path / "page.txt"
    page.write_text("A title\n\nSome text of the page.\n", encoding="utf-8")
    monkeypatch.setattr(pipeline.stages.process, "classify_lines", broken)
    source = SourceFile("page.txt", str(page), page.stat().st_size, page.stat().st_mtime_ns)
    result = process_file(source, Settings())
    assert isinstance(result, Reject) and result.reason == "internal_error"
    assert "ValueError: simulated bug" in result.detail


def test_a_document_arrow_refuses_becomes_a_reject_and_its_batch_lands() -> None:
    """Rows are built for the whole batch at once; when one document's values cannot be stored,
    only that document is turned away."""
    from dataclasses import replace

    from pipeline.stages.process import build_document
    from pipeline.warehouse.write import batch_tables

    good = build_document("good.txt", b"A title\n\nSome text of the page.\n", Settings())
    bad = replace(good, path="bad.txt", title="lone surrogate \udce9")
    tables, rejects = batch_tables([good, bad], [], "run")
    assert tables["documents"].column("path").to_pylist() == ["good.txt"]
    assert [(r.path, r.reason) for r in rejects] == [("bad.txt", "internal_error")]
    assert "could not be written" in rejects[0].detail
