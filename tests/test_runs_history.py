"""The `runs` table: its history survives a change of table layout, and it counts the files a
run did not include. Real flow runs into a real DuckDB file."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.orchestration.flow import build_corpus
from pipeline.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.usefixtures("prefect_harness")

HISTORY = "SELECT run_id, input_dir, n_new, n_rejected, status FROM runs ORDER BY started"


def _input(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    for page in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(page, folder / page.name)
    (folder / "index.tsv").write_text("url\ttitle\n", encoding="utf-8")  # not included
    return folder


def test_a_rebuild_for_a_new_layout_keeps_the_runs_history(tmp_path: Path) -> None:
    folder, warehouse = _input(tmp_path), tmp_path / "warehouse"
    database = warehouse / "corpus.duckdb"
    build_corpus(str(folder), str(warehouse), Settings())
    build_corpus(str(folder), str(warehouse), Settings())
    # As a warehouse of the previous layout: its runs had no n_not_included, and one column
    # the current layout no longer has; its layout key is another's.
    with duckdb.connect(str(database)) as con:
        con.execute("ALTER TABLE runs DROP COLUMN n_not_included")
        con.execute("ALTER TABLE runs ADD COLUMN retired_count INTEGER DEFAULT 7")
        con.execute("UPDATE warehouse_layout SET key = '0.0.1/older-layout'")
        before = con.execute(HISTORY).fetchall()
    assert len(before) == 2 and [row[-1] for row in before] == ["completed", "completed"]

    report = build_corpus(str(folder), str(warehouse), Settings())

    assert report.changes is not None and report.changes.new == 2  # rebuilt from the input
    with duckdb.connect(str(database), read_only=True) as con:
        after = con.execute(HISTORY).fetchall()
        not_included = con.execute("SELECT n_not_included FROM runs ORDER BY started").fetchall()
        columns = [row[0] for row in con.execute("DESCRIBE runs").fetchall()]
    assert after[:2] == before
    assert after[2][-1] == "completed" and after[2][0] not in {row[0] for row in before}
    assert not_included == [(None,), (None,), (1,)]
    assert "retired_count" not in columns


def test_runs_count_the_files_not_included(tmp_path: Path) -> None:
    folder, warehouse = _input(tmp_path), tmp_path / "warehouse"
    (folder / "page.meta.json").write_text("{}", encoding="utf-8")
    settings = Settings(exclude=("001_*",))

    report = build_corpus(str(folder), str(warehouse), settings)

    assert report.n_not_included == 3
    assert "; 3 files not included (" in report.to_text()
    assert report.not_included == {".txt": 1, ".json": 1, ".tsv": 1}
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        assert con.execute("SELECT n_not_included FROM runs").fetchall() == [(3,)]
