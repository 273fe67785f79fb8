"""Incremental runs, lineage, and crash safety: real runs, real kills, real DuckDB files."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.load import connect_for_writing
from pipeline.warehouse.lock import warehouse_lock

from .conftest import SEEDS, run_cli

pytestmark = pytest.mark.slow  # real runs, servers or clusters: `make test`, not `make test-fast`

CHANGED, REMOVED = "001_4bddaa00886f44ec.txt", "003_8e150c118f71b76b.txt"
NEW = "005_new.txt"
NEW_TEXT = (
    "A New Round of Talks\n\nBy Anna Petrova\n\nDiplomats from both countries met again in "
    "Geneva on Tuesday and agreed to continue the dialogue on arms control next month.\n"
)


def _rows(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """The warehouse's content, without what legitimately differs between runs (ids, times)."""
    queries = {
        "documents": "SELECT * EXCLUDE (run_id, gone_at), gone_at IS NULL FROM documents ORDER BY path",
        "blocks": "SELECT * EXCLUDE (run_id) FROM blocks ORDER BY path, seq",
        "rejects": "SELECT * FROM rejects ORDER BY path",
        "files": "SELECT path, n_bytes, doc_id FROM files ORDER BY path",
        "articles": "SELECT path, title, n_words FROM articles ORDER BY path",
    }
    with duckdb.connect(str(database), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}


def _parquet_rows(warehouse: Path, table: str) -> list[tuple[object, ...]]:
    glob = f"{warehouse}/parquet/{table}/**/*.parquet"
    with duckdb.connect() as con:
        relation = f"read_parquet('{glob}', hive_partitioning = true)"
        columns = con.execute(f"SELECT * FROM {relation} LIMIT 0").description
        names = [c[0] for c in columns if c[0] not in ("run_id", "gone_at")]
        gone = ", gone_at IS NULL" if "gone_at" in {c[0] for c in columns} else ""
        return con.execute(
            f"SELECT {', '.join(names)}{gone} FROM {relation} ORDER BY ALL"
        ).fetchall()


def _edit(input_dir: Path) -> None:
    """1 changed, 1 removed, 1 new file."""
    changed = input_dir / CHANGED
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8"
    )
    (input_dir / REMOVED).unlink()
    (input_dir / NEW).write_text(NEW_TEXT, encoding="utf-8")


def _run(input_dir: Path, warehouse: Path, fault: str | None = None) -> int:
    env = {"PIPELINE_FAULT_AT": fault} if fault else {}
    # The edited folder is a copy of the first one: another folder, which must be allowed.
    args = ("--input", str(input_dir), "--warehouse", str(warehouse), "--allow-gone")
    result = run_cli("run", *args, env=env)
    if fault is None:
        assert result.returncode == 0, result.stderr
        n_inputs = len(list(input_dir.iterdir()))
        assert (
            f"Reconciled: {n_inputs} input files = {n_inputs} documents + 0 rejects"
            in result.stdout
        )
    return result.returncode


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse of the seeds, then the reference: the same after a clean incremental run."""
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(SEEDS, root / "input")
    _run(root / "input", root / "base")
    shutil.copytree(root / "base", root / "reference")
    shutil.copytree(root / "input", root / "edited")
    _edit(root / "edited")
    _run(root / "edited", root / "reference")
    return root


def test_incremental_run_replaces_changed_marks_gone_and_adds_new(first_run: Path) -> None:
    database = first_run / "reference" / "corpus.duckdb"
    with duckdb.connect(str(database), read_only=True) as con:
        runs = con.execute(
            "SELECT n_new, n_changed, n_unchanged, n_gone, status FROM runs ORDER BY started"
        ).fetchall()
        gone = con.execute("SELECT path FROM documents WHERE gone_at IS NOT NULL").fetchall()
        articles = {p for (p,) in con.execute("SELECT path FROM articles").fetchall()}
        lineage = con.execute(
            "SELECT path, run_id = (SELECT max(run_id) FROM runs) FROM documents ORDER BY path"
        ).fetchall()
        flow_runs = con.execute("SELECT count(DISTINCT flow_run_id) FROM runs").fetchall()
    assert runs == [(5, 0, 0, 0, "completed"), (1, 1, 3, 1, "completed")]
    assert gone == [(REMOVED,)]
    assert REMOVED not in articles and NEW in articles
    rewritten = {path for path, latest in lineage if latest}
    assert rewritten == {CHANGED, NEW}  # untouched rows keep the run id that wrote them
    assert flow_runs == [(2,)]


def test_unchanged_rerun_changes_no_row(first_run: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    shutil.copytree(first_run / "reference", warehouse)
    before = _rows(warehouse / "corpus.duckdb")
    parquet_before = (warehouse / "parquet" / "blocks" / "part-0.parquet").stat().st_mtime_ns
    _run(first_run / "edited", warehouse)
    assert _rows(warehouse / "corpus.duckdb") == before
    assert (
        warehouse / "parquet" / "blocks" / "part-0.parquet"
    ).stat().st_mtime_ns == parquet_before


@pytest.mark.parametrize("fault", ["batch", "merge", "export"])
def test_killed_run_then_rerun_equals_uninterrupted(
    first_run: Path, tmp_path: Path, fault: str
) -> None:
    warehouse = tmp_path / "warehouse"
    shutil.copytree(first_run / "base", warehouse)
    assert _run(first_run / "edited", warehouse, fault=fault) == -signal.SIGKILL
    _run(first_run / "edited", warehouse)
    reference = first_run / "reference"
    assert _rows(warehouse / "corpus.duckdb") == _rows(reference / "corpus.duckdb")
    for table in ("documents", "blocks", "rejects"):
        assert _parquet_rows(warehouse, table) == _parquet_rows(reference, table), table
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        statuses = [
            s for (s,) in con.execute("SELECT status FROM runs ORDER BY started").fetchall()
        ]
    assert statuses[-1] == "completed" and "running" not in statuses


def test_second_run_is_refused_with_the_holder_named(first_run: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    with warehouse_lock(warehouse):
        result = run_cli("run", "--input", str(first_run / "edited"), "--warehouse", str(warehouse))
    assert result.returncode == 3
    assert f"PID {os.getpid()}" in result.stderr


def test_open_reader_is_told_clearly(first_run: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    shutil.copytree(first_run / "base", warehouse)
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True):
        result = run_cli("run", "--input", str(first_run / "edited"), "--warehouse", str(warehouse))
    assert result.returncode == 3
    assert f"process {os.getpid()}" in result.stderr and "close that connection" in result.stderr
    assert _rows(warehouse / "corpus.duckdb") == _rows(first_run / "base" / "corpus.duckdb")


def test_a_warehouse_that_cannot_be_opened_is_not_called_busy(tmp_path: Path) -> None:
    """Only a lock held elsewhere is "busy"; other failures keep DuckDB's own error."""
    with pytest.raises(duckdb.IOException, match="No such file or directory"):
        connect_for_writing(tmp_path / "blocks" / "corpus.duckdb")  # "lock" in the path
