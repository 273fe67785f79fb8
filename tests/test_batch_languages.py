"""A batch asks for the languages of its pages in a row, then runs the later stages
(process.settle): the documents and rejects it writes are those of one page at a time."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import groupby
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import pipeline.stages.process as process_module
from pipeline.orchestration.batch import process_and_write
from pipeline.settings import Settings
from pipeline.stages.discover import SourceFile, discover_files
from pipeline.stages.process import Document, process_source
from pipeline.stages.reject import Reject

from .conftest import SEEDS

SETTINGS = Settings()

PAGES = {
    "plain.txt": "Talks in Geneva\n\n" + "The ministers met on Tuesday and spoke at length. " * 8,
    "deutsch.txt": "Gespräche in Genf\n\n" + "Die Minister trafen sich am Dienstag lange. " * 8,
    "page.html": "<html><body><h1>Une page</h1>"
    + "<p>Les ministres se sont réunis mardi à Genève pour parler du traité.</p>" * 4
    + "</body></html>",
    "long.txt": "x" * 1_000_001,  # a reject: a line over max_line_chars
    "binary.txt": "\x00\x01\x02\x03" * 50,  # a reject: binary
    "dump.jsonl": "\n".join(
        json.dumps({"id": str(n), "text": f"Nummer {n}\n\n" + "Ein Satz über Politik. " * 12})
        for n in range(3)
    ),
}


@pytest.fixture
def sources(tmp_path: Path) -> list[SourceFile]:
    folder = tmp_path / "input"
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / name).write_bytes(text.encode())
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    found = [s for s in discover_files(folder) if isinstance(s, SourceFile)]
    return sorted(found, key=lambda s: s.path)


def test_a_batch_writes_what_pages_one_at_a_time_give(
    sources: list[SourceFile], tmp_path: Path
) -> None:
    one_at_a_time = [r for s in sources for r in process_source(s, SETTINGS)]
    documents = [r for r in one_at_a_time if isinstance(r, Document)]
    assert {d.language for d in documents} >= {"en", "de", "fr"}
    report = process_and_write(sources, "0", str(tmp_path / "staging"), "run", SETTINGS)
    written = pq.read_table(tmp_path / "staging" / "documents").to_pylist()
    assert [(row["path"], row["language"], row["doc_id"], row["title"]) for row in written] == [
        (d.path, d.language, d.doc_id, d.title) for d in documents
    ]
    blocks = pq.read_table(tmp_path / "staging" / "blocks").to_pylist()
    assert [(b["path"], b["role"], b["text"]) for b in blocks] == [
        (d.path, block.role, block.text) for d in documents for block in d.blocks
    ]
    rejected = [r.path for r in one_at_a_time if isinstance(r, Reject)]
    assert (
        sorted(r.path for r in report.rejects)
        == sorted(rejected)
        == [
            "binary.txt",
            "long.txt",
        ]
    )


def test_languages_are_asked_before_any_page_is_segmented(
    sources: list[SourceFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    detect = process_module.detect_language  # type: ignore[attr-defined]
    classify = process_module.classify_lines  # type: ignore[attr-defined]

    def detecting(text: str) -> str | None:
        calls.append("language")
        return detect(text)

    def classifying(*args: object, **kwargs: object) -> object:
        calls.append("segment")
        return classify(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(process_module, "detect_language", detecting)
    monkeypatch.setattr(process_module, "classify_lines", classifying)
    process_and_write(
        sources, "0", str(tmp_path / "staging"), "run", replace(SETTINGS, batch_size=4)
    )
    # Batches of 4 inputs: the languages of each batch's pages, then their segmentation.
    runs = [(call, len(list(run))) for call, run in groupby(calls)]
    assert [call for call, _ in runs] == ["language", "segment"] * (len(runs) // 2)
    assert [n for _, n in runs[::2]] == [n for _, n in runs[1::2]]
    assert max(n for _, n in runs) == 4
