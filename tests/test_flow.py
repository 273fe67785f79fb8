"""The Prefect flow, run for real in-process against a temporary Prefect server."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.orchestration.flow import build_corpus
from pipeline.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _table(database: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_bad_files_end_in_rejects_and_good_ones_in_documents(tmp_path: Path) -> None:
    input_dir = tmp_path / "input"
    shutil.copytree(SEEDS, input_dir)
    (input_dir / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (input_dir / "empty.txt").write_bytes(b"")
    (input_dir / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (input_dir / "cyrillic.txt").write_bytes(
        "Заголовок статьи о переговорах\n\nМинистр иностранных дел России заявил, что переговоры "
        "с США продолжатся в ближайшие недели, несмотря на разногласия по ряду вопросов.\n".encode(
            "cp1251"
        )
    )
    warehouse = tmp_path / "warehouse"

    report = build_corpus(str(input_dir), str(warehouse), Settings(batch_size=2))

    database = warehouse / "corpus.duckdb"
    assert report.n_documents == 8 and report.n_rejects == 1
    assert _table(database, "SELECT path, reason FROM rejects") == [("image.txt", "binary")]
    kinds = dict(_table(database, "SELECT path, kind FROM documents"))
    assert kinds["empty.txt"] == kinds["blank.txt"] == "empty"
    assert kinds["002_927b3801c86831b4.txt"] == "comments"
    russian = _table(
        database, "SELECT encoding, language, title FROM documents WHERE path = 'cyrillic.txt'"
    )
    assert russian == [("cp1251", "ru", "Заголовок статьи о переговорах")]


def test_rerun_is_idempotent(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    snapshot = (
        "SELECT doc_id, path, seq, line_start, role, text FROM blocks ORDER BY path, seq",
        "SELECT * EXCLUDE (text) FROM documents ORDER BY path",
    )
    build_corpus(str(SEEDS), str(warehouse))
    first = [_table(warehouse / "corpus.duckdb", sql) for sql in snapshot]
    build_corpus(str(SEEDS), str(warehouse))
    second = [_table(warehouse / "corpus.duckdb", sql) for sql in snapshot]
    assert first == second
    assert len(first[0]) == 145
    parts = sorted(p.name for p in (warehouse / "parquet" / "blocks").iterdir())
    assert parts == ["part-0.parquet"]  # no duplicates from run 1
    assert not list(warehouse.glob(".staging-*")) and not list(warehouse.glob(".parquet-*"))
