"""Command line: `python -m pipeline run --input DIR --warehouse DIR` builds the warehouse once,
`serve` on a schedule; `sql` and `search` query the warehouse it builds."""

from __future__ import annotations

import argparse
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline.cli.exit_codes import ExitCode
from pipeline.cli.query import add_query_commands, run_query_command
from pipeline.orchestration import progress
from pipeline.orchestration.progress import ProgressBar
from pipeline.orchestration.runtime import (
    RUNNER_KINDS,
    Execution,
    make_task_runner,
    prefect_api,
    starts_own_server,
    wait_until_healthy,
)
from pipeline.orchestration.serve import DEFAULT_CRON, CannotServe, ServeSchedule, serve_corpus
from pipeline.settings import Settings, apply_prefect_environment


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="build the corpus warehouse from a folder of pages")
    _add_run_options(run)
    run.add_argument(
        "--wait", action="store_true", help="queue behind a run already writing this warehouse"
    )
    run.add_argument(
        "--quiet", action="store_true", help="no progress and no summary; errors are still shown"
    )
    _add_serve_command(commands)
    add_query_commands(commands)
    return parser


def _add_run_options(command: argparse.ArgumentParser) -> None:
    """What a run reads, writes and runs on: the same for `run` and for the runs `serve` starts."""
    command.add_argument("--input", default="seeds", type=Path, help="folder of scraped pages")
    command.add_argument("--warehouse", default="warehouse", type=Path, help="output folder")
    defaults = Settings()
    command.add_argument("--batch-size", default=defaults.batch_size, type=_positive_int)
    command.add_argument(
        "--max-file-bytes",
        default=defaults.max_file_bytes,
        type=int,
        help="larger files are rejected (reason too_large), never truncated",
    )
    command.add_argument(
        "--max-line-chars",
        default=defaults.max_line_chars,
        type=int,
        help="files with a longer line are rejected (reason line_too_long)",
    )
    command.add_argument(
        "--task-runner",
        choices=RUNNER_KINDS,
        default="process",
        help="where batches run: local worker processes (default), threads, or Dask (prefect-dask)",
    )
    command.add_argument(
        "--workers", type=_positive_int, help="worker processes (default: one per core)"
    )
    command.add_argument(
        "--dask-address", help="tcp://HOST:PORT of an existing Dask scheduler (implies dask)"
    )


def _add_serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="run the build on a schedule, as a Prefect deployment (needs PREFECT_API_URL)",
        description="Serve a Prefect deployment of the build: the Prefect server's scheduler "
        "starts runs and this process executes them until interrupted (Ctrl-C pauses the "
        "schedule). Needs a running Prefect server: set PREFECT_API_URL.",
    )
    _add_run_options(serve)
    when = serve.add_mutually_exclusive_group()
    when.add_argument(
        "--cron", help=f'a cron schedule, e.g. "0 6 * * *" (default: "{DEFAULT_CRON}", hourly)'
    )
    when.add_argument("--interval", type=_positive_float, metavar="SECONDS", help="run every N s")
    serve.add_argument(
        "--timezone", type=_timezone, help="IANA time zone of the cron schedule (default: UTC)"
    )
    serve.add_argument(
        "--name",
        help="deployment name, shown as build-corpus/NAME (default: the warehouse folder's name)",
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command not in ("run", "serve"):
        return run_query_command(args)
    if not args.input.is_dir():
        print(f"error: input folder {args.input} does not exist", file=sys.stderr)
        return ExitCode.CANNOT_START
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
        worker_processes=execution.worker_processes,
    )
    if args.command == "serve":
        return _serve(args, settings, execution)
    args.warehouse.mkdir(parents=True, exist_ok=True)
    own_server = starts_own_server()
    with prefect_api() as api_url:
        return _run(args, settings, execution, api_url, own_server)


def _serve(args: argparse.Namespace, settings: Settings, execution: Execution) -> int:
    schedule = ServeSchedule(
        cron=None if args.interval else (args.cron or DEFAULT_CRON),
        interval_seconds=args.interval,
        timezone=args.timezone,
    )
    name = args.name or args.warehouse.resolve().name
    try:
        serve_corpus(args.input, args.warehouse, settings, execution, schedule, name)
    except CannotServe as failure:
        print(failure, file=sys.stderr)
        return ExitCode.CANNOT_START
    return ExitCode.OK


def _run(
    args: argparse.Namespace,
    settings: Settings,
    execution: Execution,
    api_url: str,
    own_server: bool,
) -> int:
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from pipeline.orchestration.flow import CheckFailed, build_corpus
    from pipeline.warehouse.lock import WarehouseBusy

    wait_until_healthy(api_url)
    # Heartbeats tell a long-lived server that the run is alive. The run's own temporary server
    # stops with it, and the heartbeat thread holds the run's exit for up to a second (STACK.md).
    heartbeats = (
        temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
        if own_server
        else nullcontext()
    )
    try:
        flow = build_corpus.with_options(task_runner=make_task_runner(execution))  # type: ignore[arg-type]
        with _progress(args.quiet), heartbeats:
            report = flow(str(args.input), str(args.warehouse), settings, wait=args.wait)
    except CheckFailed as failure:
        print(f"CHECK FAILED: {failure}", file=sys.stderr)
        return ExitCode.FAILED
    except WarehouseBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return ExitCode.BUSY
    if not args.quiet:
        print(report.to_text())
        print(f"Warehouse: {args.warehouse / 'corpus.duckdb'} and {args.warehouse / 'parquet'}/")
    return ExitCode.OK


def _progress(quiet: bool) -> AbstractContextManager[None]:
    """Progress goes to stderr, so stdout carries only the summary (and nothing with --quiet)."""
    if quiet:
        return nullcontext()
    return progress.listening(ProgressBar(sys.stderr, interactive=sys.stderr.isatty()))


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r}") from None
    return name
