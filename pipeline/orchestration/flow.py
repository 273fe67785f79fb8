"""The main Prefect flow: discover → decode → segment → write → load → check.

Each stage is a plain function in its own module; this file only wires them together. Tasks wrap
batches of documents (never one per line or per file) so orchestration stays cheap. Runs are
incremental: only new and changed files are read, and DuckDB is updated in one transaction.
"""

from __future__ import annotations

import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

import duckdb
import pyarrow as pa
from prefect import flow, task, unmapped
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.runtime import flow_run

from pipeline import __version__
from pipeline.orchestration import progress
from pipeline.orchestration.batch import process_and_write
from pipeline.orchestration.summary import RunReport
from pipeline.orchestration.workers import in_worker, local_workers
from pipeline.settings import DATABASE_NAME, Settings, fault_point
from pipeline.stages.discover import (
    UNLISTABLE_FOLDER,
    NotIncluded,
    Selection,
    SourceFile,
    discover_files,
    file_ending,
)
from pipeline.stages.reject import Reject
from pipeline.warehouse.changes import ChangePlan, plan_changes
from pipeline.warehouse.check import check_warehouse
from pipeline.warehouse.export import export_parquet
from pipeline.warehouse.guard import known_before, last_input_dir, refuse_wipe
from pipeline.warehouse.load import (
    MergeCounts,
    connect_for_writing,
    ensure_schema,
    known_files,
    merge_run,
)
from pipeline.warehouse.lock import warehouse_lock
from pipeline.warehouse.write import write_batch


class CheckFailed(RuntimeError):
    """The warehouse breaks the contract: the run must not pass as a success."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} contract violations:\n" + "\n".join(problems[:50]))
        self.problems = problems


@task(name="process-batch", cache_policy=NO_CACHE)
def process_batch(
    batch: list[SourceFile], part: str, staging: str, run_id: str, settings: Settings
) -> RunReport:
    """Decode, normalize and segment a batch of files, then write its Parquet parts."""
    report = in_worker(process_and_write, batch, part, staging, run_id, settings)
    fault_point("batch")
    return report


@task(name="load-duckdb", cache_policy=NO_CACHE)
def load_task(
    database: Path,
    staging: Path,
    plan: ChangePlan,
    run_id: str,
    contents: dict[str, str],
    touched: list[SourceFile],
) -> MergeCounts:
    with connect_for_writing(database) as con:
        counts = merge_run(con, staging, plan, datetime.now(UTC))
        _record_contents(con, contents, touched)
        _finish_run(con, run_id, counts, "loaded")
        return counts


def _with_known_hashes(
    con: duckdb.DuckDBPyConnection, sources: list[SourceFile]
) -> list[SourceFile]:
    """`sources`, each with the hash of the content the last run read of it, if any."""
    known = dict(con.execute("SELECT path, sha256 FROM files WHERE sha256 IS NOT NULL").fetchall())
    return [replace(s, known_sha256=known.get(s.path)) for s in sources]


def _record_contents(
    con: duckdb.DuckDBPyConnection, contents: dict[str, str], touched: list[SourceFile]
) -> None:
    """The hash of each file read whole, and the size and time of the touched ones, in `files`.
    After the merge's transaction: a run killed in between only costs the next run a reading
    of those files again."""
    hashes = {
        "path": pa.array(list(contents), pa.string()),
        "sha256": pa.array(list(contents.values()), pa.string()),
    }
    con.register("contents", pa.table(hashes))
    con.execute("UPDATE files SET sha256 = c.sha256 FROM contents AS c WHERE files.path = c.path")
    con.unregister("contents")
    refreshed = pa.table(
        {
            "path": pa.array([s.path for s in touched], pa.string()),
            "n_bytes": pa.array([s.n_bytes for s in touched], pa.int64()),
            "mtime_ns": pa.array([s.mtime_ns for s in touched], pa.int64()),
        }
    )
    con.register("refreshed", refreshed)
    con.execute(
        "UPDATE files SET n_bytes = r.n_bytes, mtime_ns = r.mtime_ns "
        "FROM refreshed AS r WHERE files.path = r.path"
    )
    con.unregister("refreshed")


@task(name="export-parquet", cache_policy=NO_CACHE)
def export_task(database: Path, parquet_dir: Path) -> bool:
    with connect_for_writing(database) as con:
        return export_parquet(con, parquet_dir)


@task(name="check-contract", cache_policy=NO_CACHE)
def check_task(database: Path, input_paths: list[str]) -> list[str]:
    return check_warehouse(database, input_paths, only_unchecked=True)


@flow(name="build-corpus")
def build_corpus(
    input_dir: str = "seeds",
    warehouse_dir: str = "warehouse",
    settings: Settings | None = None,
    wait: bool = False,
    allow_gone: bool = False,
) -> RunReport:
    settings = settings or Settings()
    warehouse = Path(warehouse_dir)
    database = warehouse / DATABASE_NAME
    run_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    seconds: dict[str, float] = {}

    with warehouse_lock(warehouse, wait=wait):
        _clear_leftovers(warehouse)
        with _timed(seconds, "discover"):
            selection = Selection(settings.include, settings.exclude)
            listed = list(discover_files(Path(input_dir), selection, warehouse))
            # Files --include/--exclude leave out are no inputs: counted, never read.
            found = [item for item in listed if not isinstance(item, NotIncluded)]
            not_included = Counter(
                file_ending(item.path) for item in listed if isinstance(item, NotIncluded)
            )
            sources = [item for item in found if isinstance(item, SourceFile)]
            unlisted = [item for item in found if isinstance(item, Reject)]
            unlistable = [r.path for r in unlisted if r.reason == UNLISTABLE_FOLDER]
            with connect_for_writing(database) as con:
                if not allow_gone:  # before anything is written
                    known = known_before(con)
                    gone = plan_changes(sources, known, unlistable).gone
                    refuse_wipe(Path(input_dir), last_input_dir(con), known, gone, warehouse)
                ensure_schema(con)
                con.execute("UPDATE runs SET status = 'abandoned' WHERE status = 'running'")
                _start_run(con, run_id, input_dir, n_not_included=len(listed) - len(found))
                plan = plan_changes(_with_known_hashes(con, sources), known_files(con), unlistable)

        staging = warehouse / f".staging-{run_id}"
        with _timed(seconds, "process"):
            reports = _process_all(plan.to_process, staging, run_id, settings)
            report = RunReport.merge([*reports, RunReport.of_batch([], unlisted)])
            write_batch([], unlisted, staging, "discover", run_id, write_empty=True)
            # Files whose size or time changed but whose content did not: only touched, so
            # unchanged, their rows kept as they are.
            touched = [s for s in plan.to_process if s.path in report.same_content]
            plan = replace(
                plan,
                to_process=[s for s in plan.to_process if s.path not in report.same_content],
                unchanged=plan.unchanged | report.same_content,
            )

        with _timed(seconds, "load"):
            counts = load_task(database, staging, plan, run_id, report.contents, touched)
        with _timed(seconds, "export"):
            export_task(database, warehouse / "parquet")
        with _timed(seconds, "check"):
            problems = check_task(database, [item.path for item in found] + sorted(plan.kept))
        shutil.rmtree(staging, ignore_errors=True)
        with connect_for_writing(database) as con:
            _finish_run(con, run_id, counts, "check_failed" if problems else "completed")

    report.seconds = seconds
    report.changes = counts
    report.n_inputs = len(found) + len(plan.kept)
    report.n_not_read = len(unlisted)
    report.not_included = not_included
    _publish_artifacts(report)
    if problems:
        raise CheckFailed(problems)
    return report


def _process_all(
    sources: list[SourceFile], staging: Path, run_id: str, settings: Settings
) -> list[RunReport]:
    """Process `sources` in batches; the reports come back in batch order whatever the runner."""
    size = settings.batch_size
    batches = [sources[i : i + size] for i in range(0, len(sources), size)]
    parts = [f"{i:06d}" for i in range(len(batches))]
    progress.started(len(sources), sum(source.n_bytes for source in sources))
    reports: list[RunReport | None] = [None] * len(batches)
    if len(batches) > 1:
        with local_workers(settings.worker_processes):
            _map_batches(batches, parts, staging, run_id, settings, reports)
    else:  # one batch is not worth starting worker processes for
        for i, (batch, part) in enumerate(zip(batches, parts, strict=True)):
            reports[i] = process_batch(batch, part, str(staging), run_id, settings)
            progress.advanced(len(batch), sum(source.n_bytes for source in batch))
    return [report for report in reports if report is not None]


def _map_batches(
    batches: list[list[SourceFile]],
    parts: list[str],
    staging: Path,
    run_id: str,
    settings: Settings,
    reports: list[RunReport | None],
) -> None:
    futures = process_batch.map(
        batches, parts, unmapped(str(staging)), unmapped(run_id), unmapped(settings)
    )
    index = {future: i for i, future in enumerate(futures)}
    # As they complete, not in order: progress moves as soon as any worker finishes a batch.
    for future in as_completed(list(futures)):
        i = index[future]
        reports[i] = future.result()
        progress.advanced(len(batches[i]), sum(source.n_bytes for source in batches[i]))


def _start_run(
    con: duckdb.DuckDBPyConnection, run_id: str, input_dir: str, n_not_included: int
) -> None:
    con.execute(
        "INSERT INTO runs (run_id, flow_run_id, started, pipeline_version, input_dir, "
        "n_not_included, status) VALUES (?, ?, ?, ?, ?, ?, 'running')",
        [
            run_id,
            flow_run.get_id(),
            datetime.now(UTC),
            __version__,
            str(Path(input_dir).resolve()),
            n_not_included,
        ],
    )


def _finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, counts: MergeCounts, status: str
) -> None:
    con.execute(
        "UPDATE runs SET finished = ?, n_new = ?, n_changed = ?, n_unchanged = ?, n_gone = ?, "
        "n_rejected = ?, status = ? WHERE run_id = ?",
        [
            datetime.now(UTC),
            counts.new,
            counts.changed,
            counts.unchanged,
            counts.gone,
            counts.rejected,
            status,
            run_id,
        ],
    )


def _clear_leftovers(warehouse: Path) -> None:
    """A killed run leaves its staging folder behind; nothing in it was ever visible to readers."""
    for leftover in warehouse.glob(".staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    started = perf_counter()
    yield
    seconds[stage] = perf_counter() - started


def _publish_artifacts(report: RunReport) -> None:
    create_markdown_artifact(report.to_markdown(), key="corpus-run-summary")
    rows = [{"path": r.path, "reason": r.reason, "detail": r.detail} for r in report.rejects]
    create_table_artifact(rows, key="corpus-rejects", description="Files not accepted")
