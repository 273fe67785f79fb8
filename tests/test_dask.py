"""Batches on Dask (prefect-dask) build the same warehouse as the default runner, on real clusters."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.orchestration.runtime import prefect_api, wait_until_healthy

from .conftest import SEEDS, run_cli

pytestmark = pytest.mark.slow  # real runs, servers or clusters: `make test`, not `make test-fast`

# Columns that legitimately differ between two runs of the same input: ids and times of the run.
RUN_SPECIFIC = {"run_id", "flow_run_id", "started", "finished", "gone_at"}
# Bookkeeping keyed on run ids (load.refresh_derived_tables hashes them): differs by design.
RUN_SPECIFIC_TABLES = {"derived_state"}
# Five seed files in batches of two: three batches, so the flow maps them onto the workers.
SMALL_BATCHES = ("--batch-size", "2")


@pytest.fixture(autouse=True)
def _quiet_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dask and Prefect write scratch under TMPDIR; Dask logs at INFO unless told otherwise."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setenv("DASK_LOGGING__DISTRIBUTED", "warning")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One input folder shared by every run (so `files` and `runs.input_dir` agree), and the
    reference: the default runner with the default batch size, that is one batch, no mapping."""
    root = tmp_path_factory.mktemp("dask")
    shutil.copytree(SEEDS, root / "input")
    result = run_cli("run", "--input", str(root / "input"), "--warehouse", str(root / "reference"))
    assert result.returncode == 0, result.stderr
    return root


def test_local_cluster_of_two_workers_builds_the_same_warehouse(runs: Path) -> None:
    warehouse = runs / "dask-local"
    result = run_cli(
        "run",
        *("--input", str(runs / "input"), "--warehouse", str(warehouse)),
        *("--task-runner", "dask", "--workers", "2", *SMALL_BATCHES),
    )
    assert result.returncode == 0, result.stderr
    assert "5/5 files" in result.stderr  # three batches reported as they completed
    assert_same_warehouse(warehouse, runs / "reference")


def test_existing_cluster_by_address_builds_the_same_warehouse(runs: Path, tmp_path: Path) -> None:
    import dask
    from distributed import Client, LocalCluster

    warehouse = runs / "dask-address"
    # One Prefect server for the run and the workers: a Dask worker started without
    # PREFECT_API_URL would start a temporary server of its own (STACK.md). The scheduler runs in
    # this process, whose temporary folder was fixed before TMPDIR was set: name Dask's here.
    with (
        prefect_api() as api_url,
        dask.config.set({"temporary-directory": str(tmp_path / "dask")}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        wait_until_healthy(api_url)
        result = run_cli(
            "run",
            *("--input", str(runs / "input"), "--warehouse", str(warehouse)),
            *("--dask-address", cluster.scheduler_address, *SMALL_BATCHES),
        )
        assert result.returncode == 0, result.stderr
        finished = client.run_on_scheduler(_batches_finished)
    assert finished == 3, "the three batches did not run on the cluster given by --dask-address"
    assert_same_warehouse(warehouse, runs / "reference")


def _batches_finished(dask_scheduler: object) -> int:
    """Tasks that reached `memory` (finished with a result) on this scheduler, whatever became of
    them after."""
    prefixes = dask_scheduler.task_prefixes  # type: ignore[attr-defined]
    return sum(prefix.state_counts.get("memory", 0) for prefix in prefixes.values())


def assert_same_warehouse(warehouse: Path, reference: Path) -> None:
    actual, expected = _snapshot(warehouse), _snapshot(reference)
    assert sorted(actual) == sorted(expected)
    for name, rows in expected.items():
        assert actual[name] == rows, name
    assert len(expected["documents"]) == 5
    for table in ("documents", "blocks", "thread_comments", "rejects"):
        assert _parquet_rows(warehouse, table) == _parquet_rows(reference, table), table


def _snapshot(warehouse: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table and view of the database, rows sorted, without the run-specific columns."""
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        names = [
            name
            for (name,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
            if name not in RUN_SPECIFIC_TABLES
        ]
        return {name: _rows(con, name) for name in names}


def _rows(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[object, ...]]:
    columns = [c[0] for c in con.execute(f"SELECT * FROM {relation} LIMIT 0").description]
    kept = [f'"{c}"' for c in columns if c not in RUN_SPECIFIC]
    return con.execute(f"SELECT {', '.join(kept)} FROM {relation} ORDER BY ALL").fetchall()


def _parquet_rows(warehouse: Path, table: str) -> list[tuple[object, ...]]:
    glob = f"{warehouse}/parquet/{table}/**/*.parquet"
    with duckdb.connect() as con:
        return _rows(con, f"read_parquet('{glob}', hive_partitioning = true)")
