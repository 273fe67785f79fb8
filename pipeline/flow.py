"""The main Prefect flow: discover → decode → segment → write → load → check.

Each stage is a plain function in its own module; this file only wires them together. Tasks wrap
batches of documents (never one per line or per file) so orchestration stays cheap.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from time import perf_counter

from prefect import flow, task, unmapped
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from pipeline.check import check_warehouse
from pipeline.discover import SourceFile, discover_files
from pipeline.load import load_warehouse
from pipeline.process import Document, process_file
from pipeline.reject import Reject
from pipeline.report import RunReport
from pipeline.settings import Settings
from pipeline.write import write_batch

DATABASE_NAME = "corpus.duckdb"


class CheckFailed(RuntimeError):
    """The warehouse breaks the contract: the run must not pass as a success."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} contract violations:\n" + "\n".join(problems[:50]))
        self.problems = problems


@task(name="process-batch", cache_policy=NO_CACHE)
def process_batch(
    batch: list[SourceFile], part: str, parquet_dir: str, settings: Settings
) -> RunReport:
    """Decode, normalize and segment a batch of files, then write its Parquet parts."""
    documents: list[Document] = []
    rejects: list[Reject] = []
    for source in batch:
        result = process_file(source, settings)
        if isinstance(result, Document):
            documents.append(result)
        else:
            rejects.append(result)
    write_batch(documents, rejects, Path(parquet_dir), part)
    return RunReport.of_batch(documents, rejects)


@task(name="load-duckdb", cache_policy=NO_CACHE)
def load_task(parquet_dir: Path, database: Path) -> None:
    load_warehouse(parquet_dir, database)


@task(name="check-contract", cache_policy=NO_CACHE)
def check_task(database: Path, input_paths: list[str]) -> list[str]:
    return check_warehouse(database, input_paths)


@flow(name="build-corpus")
def build_corpus(
    input_dir: str = "seeds", warehouse_dir: str = "warehouse", settings: Settings | None = None
) -> RunReport:
    settings = settings or Settings()
    batch_size = settings.batch_size
    warehouse = Path(warehouse_dir)
    seconds: dict[str, float] = {}

    with _timed(seconds, "discover"):
        found = list(discover_files(Path(input_dir)))
        sources = [item for item in found if isinstance(item, SourceFile)]
        unlisted = [item for item in found if isinstance(item, Reject)]

    staging = warehouse / f".staging-{uuid.uuid4().hex[:12]}"
    with _timed(seconds, "process"):
        batches = [sources[i : i + batch_size] for i in range(0, len(sources), batch_size)]
        parts = [f"{i:06d}" for i in range(len(batches))]
        futures = process_batch.map(batches, parts, unmapped(str(staging)), unmapped(settings))
        report = RunReport.merge([future.result() for future in futures])
        write_batch([], unlisted, staging, "discover", write_empty=True)
        report = RunReport.merge([report, RunReport.of_batch([], unlisted)])

    with _timed(seconds, "publish"):
        _publish(staging, warehouse / "parquet")
    with _timed(seconds, "load"):
        load_task(warehouse / "parquet", warehouse / DATABASE_NAME)
    with _timed(seconds, "check"):
        problems = check_task(warehouse / DATABASE_NAME, [item.path for item in found])

    report.seconds = seconds
    _publish_artifacts(report)
    if problems:
        raise CheckFailed(problems)
    return report


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    started = perf_counter()
    yield
    seconds[stage] = perf_counter() - started


def _publish(staging: Path, target: Path) -> None:
    """Swap the freshly written Parquet in for the previous run's."""
    target.parent.mkdir(parents=True, exist_ok=True)
    retired = target.with_name(f".retired-{staging.name}")
    if target.exists():
        target.rename(retired)
    if staging.exists():
        staging.rename(target)
    else:
        target.mkdir()
    shutil.rmtree(retired, ignore_errors=True)


def _publish_artifacts(report: RunReport) -> None:
    create_markdown_artifact(report.to_markdown(), key="corpus-run-summary")
    rows = [{"path": r.path, "reason": r.reason, "detail": r.detail} for r in report.rejects]
    create_table_artifact(rows, key="corpus-rejects", description="Files not accepted")
