"""Command line: `python -m pipeline run --input DIR --warehouse DIR`; `sql` and `search` query
the warehouse it builds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.html_report import add_report_command, run_report_command
from pipeline.orchestration import (
    RUNNER_KINDS,
    Execution,
    make_task_runner,
    prefect_api,
    wait_until_healthy,
)
from pipeline.query import add_query_commands, run_query_command
from pipeline.settings import Settings, apply_prefect_environment

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_RUN_FAILED = 2
EXIT_BUSY = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="build the corpus warehouse from a folder of pages")
    run.add_argument("--input", default="seeds", type=Path, help="folder of scraped pages")
    run.add_argument("--warehouse", default="warehouse", type=Path, help="output folder")
    defaults = Settings()
    run.add_argument("--batch-size", default=defaults.batch_size, type=int)
    run.add_argument(
        "--wait", action="store_true", help="queue behind a run already writing this warehouse"
    )
    run.add_argument(
        "--max-file-bytes",
        default=defaults.max_file_bytes,
        type=int,
        help="larger files are rejected (reason too_large), never truncated",
    )
    run.add_argument(
        "--max-line-chars",
        default=defaults.max_line_chars,
        type=int,
        help="files with a longer line are rejected (reason line_too_long)",
    )
    run.add_argument(
        "--task-runner",
        choices=RUNNER_KINDS,
        default="process",
        help="where batches run: a process pool (default), threads, or Dask (prefect-dask)",
    )
    run.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    run.add_argument(
        "--dask-address", help="tcp://HOST:PORT of an existing Dask scheduler (implies dask)"
    )
    add_query_commands(commands)
    add_report_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "report":
        return run_report_command(args)
    if args.command != "run":
        return run_query_command(args)
    if not args.input.is_dir():
        print(f"error: input folder {args.input} does not exist", file=sys.stderr)
        return EXIT_RUN_FAILED
    args.warehouse.mkdir(parents=True, exist_ok=True)
    # Prefect reads its settings when imported: configure first, import after.
    apply_prefect_environment(args.warehouse.resolve() / ".prefect")
    execution = Execution(
        runner="dask" if args.dask_address else args.task_runner,
        workers=args.workers,
        dask_address=args.dask_address,
    )
    settings = Settings(
        batch_size=args.batch_size,
        max_file_bytes=args.max_file_bytes,
        max_line_chars=args.max_line_chars,
    )
    with prefect_api() as api_url:
        return _run(args, settings, execution, api_url)


def _run(args: argparse.Namespace, settings: Settings, execution: Execution, api_url: str) -> int:
    from pipeline.flow import CheckFailed, build_corpus
    from pipeline.lock import WarehouseBusy

    wait_until_healthy(api_url)
    try:
        flow = build_corpus.with_options(task_runner=make_task_runner(execution))  # type: ignore[arg-type]
        report = flow(str(args.input), str(args.warehouse), settings, wait=args.wait)
    except CheckFailed as failure:
        print(f"CHECK FAILED: {failure}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    except WarehouseBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return EXIT_BUSY
    print(report.to_text())
    print(f"Warehouse: {args.warehouse / 'corpus.duckdb'} and {args.warehouse / 'parquet'}/")
    return EXIT_OK
