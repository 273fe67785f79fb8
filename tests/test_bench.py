"""A smoke run of `make bench` on a few hundred pages: the harness works end to end. No timing is
asserted (speed is measured by `make bench`, not by tests)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.devtools.bench.run import run_benchmark

pytestmark = pytest.mark.slow  # real runs, servers or clusters: `make test`, not `make test-fast`


def test_benchmark_harness_measures_every_run(tmp_path: Path) -> None:
    report = run_benchmark(150, tmp_path, seed=1, workers=2)
    names = [m["name"] for m in report["measurements"]]  # type: ignore[attr-defined,index]
    assert names == [
        "start-up, new warehouse",
        "start-up (empty folder)",
        "(a) floor",
        "(b) floor + ftfy",
        "(d) peer",
        "(c) pipeline",
        "unchanged rerun",
        "rerun, 2 changed",
    ]
    for measurement in report["measurements"]:  # type: ignore[attr-defined]
        assert measurement["seconds"] > 0 and measurement["peak_memory_mb"] > 0
        assert measurement["cpu_seconds"] > 0
    pipeline_run = report["measurements"][5]  # type: ignore[index]
    assert {"process", "load"} <= set(pipeline_run["stages"])
    assert report["precheck_identical"] == [150, 150]
    with duckdb.connect(str(tmp_path / "warehouse" / "corpus.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE gone_at IS NULL").fetchall() == [
            (150,)
        ]
        floor = tmp_path / "floor" / "floor.duckdb"
    with duckdb.connect(str(floor), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT path) FROM blocks").fetchall() == [(150,)]
    peer = tmp_path / "peer" / "floor.duckdb"
    with duckdb.connect(str(peer), read_only=True) as con:
        # jusText kept some lines and dropped others; nearly every page got a language and a MinHash
        assert con.execute("SELECT count(DISTINCT role) FROM blocks").fetchall() == [(2,)]
        assert con.execute(
            "SELECT count(*), count(language) > 140, count(minhash) > 140 FROM documents"
        ).fetchall() == [(150, True, True)]
    split = report["worker_cpu_ms_per_page"]
    assert split["total"] > 0 and split["segment"] > 0  # type: ignore[index]
    assert (tmp_path / "bench.json").exists()
