"""Command line: `python -m pipeline run --input DIR --warehouse DIR` builds the warehouse once,
`serve` on a schedule; `sql` and `search` query the warehouse it builds."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb

from pipeline.cli.exit_codes import ExitCode
from pipeline.cli.export import add_export_command, run_export
from pipeline.cli.interrupts import (
    exit_at_once_on_signals,
    mark_run_completed,
    restore_default_signals,
)
from pipeline.cli.preflight import (
    CannotStart,
    check_apart,
    check_input,
    prepare_prefect_home,
    prepare_warehouse,
    probe_database,
)
from pipeline.cli.query import add_query_commands, run_query_command
from pipeline.cli.show import add_show_command, run_show
from pipeline.orchestration import progress
from pipeline.orchestration.progress import ProgressBar
from pipeline.orchestration.runtime import (
    RUNNER_KINDS,
    Execution,
    kill_helpers,
    make_task_runner,
    prefect_api,
    starts_own_server,
    wait_until_healthy,
)
from pipeline.orchestration.serve import DEFAULT_CRON, CannotServe, ServeSchedule, serve_corpus
from pipeline.settings import DEFAULT_INCLUDE, Settings, apply_prefect_environment
from pipeline.stages.path_pattern import BadPathPattern, compile_path_pattern
from pipeline.warehouse.lock import WarehouseBusy, warehouse_lock


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
    run.add_argument(
        "--allow-gone",
        action="store_true",
        help="run even when the input folder is not the last run's, or when more than half of "
        "the warehouse's documents would be marked gone (both are refused by default)",
    )
    run.add_argument(
        "--debug",
        action="store_true",
        help="on failure show the traceback and Prefect's own logs (for bug reports)",
    )
    _add_serve_command(commands)
    add_query_commands(commands)
    add_export_command(commands)
    add_show_command(commands)
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
        "--max-lines",
        default=defaults.max_lines,
        type=_positive_int,
        help="files with more lines are rejected (reason too_many_lines)",
    )
    command.add_argument(
        "--read-timeout",
        default=defaults.read_timeout_seconds,
        type=_positive_float,
        metavar="SECONDS",
        help="a file not read within this time (a hung mount) is rejected (reason read_timeout)",
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
    command.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="files to read (repeatable; replaces the default "
        f"{' '.join(DEFAULT_INCLUDE)}); a glob without '/' matches the file name, one with '/' "
        "the path in the input folder; any case",
    )
    command.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="files not to read, even when included (repeatable); counted as not included",
    )
    command.add_argument(
        "--path-pattern",
        type=_path_pattern,
        metavar="PATTERN",
        help='metadata from the folder layout where the page says none, e.g. "{outlet}/{year}/'
        '{month}/*" (fields: outlet, year, month, day, date, language)',
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
    if args.command != "run":
        restore_default_signals()  # `serve` and the queries handle Ctrl-C in their own ways
    if args.command == "export":
        return run_export(args)
    if args.command == "show":
        return run_show(args)
    if args.command not in ("run", "serve"):
        return run_query_command(args)
    if args.command == "run":
        exit_at_once_on_signals(kill_helpers, debug=args.debug)
    try:
        return _start(args)
    except CannotStart as problem:
        return _failed(args, f"error: {problem}", ExitCode.CANNOT_START)
    except WarehouseBusy as busy:
        return _failed(args, f"error: {busy}", ExitCode.BUSY)
    except (OSError, duckdb.Error) as error:
        message = _write_failure(error, args.warehouse)
        if message is None:
            raise
        return _failed(args, message, ExitCode.CANNOT_START)


# A run that fails on one of these could not write its output (README: exit status 2); the
# warehouse is as the last completed run left it, as after any interrupted run. pyarrow keeps
# the errno; DuckDB only says it in words.
NO_SPACE = {errno.ENOSPC: "No space left on device", errno.EDQUOT: "Disk quota exceeded"}
REFUSED = {errno.EROFS: "Read-only file system", errno.EACCES: "Permission denied"}


def _write_failure(error: Exception, warehouse: Path) -> str | None:
    """One sentence for a run that could not write, or None for any other failure (a bug)."""
    code = getattr(error, "errno", None)
    text = str(error)
    filename = getattr(error, "filename", None)
    full = code in NO_SPACE or any(words in text for words in NO_SPACE.values())
    # Refused where the run writes: a refusal elsewhere (a program it could not start) is a bug.
    ours = str(warehouse.resolve()) in (
        str(Path(os.fsdecode(filename)).resolve()) if filename else text
    )
    refused = ours and (code in REFUSED or any(words in text for words in REFUSED.values()))
    if not (full or refused):
        return None
    where = filename or warehouse
    if full:
        return (
            f"error: the disk is full: could not write {where}; free some space and run "
            "again (the warehouse is as the last completed run left it)"
        )
    return (
        f"error: writing {where} was refused ({text.splitlines()[0]}): fix the permissions "
        "and run again (the warehouse is as the last completed run left it)"
    )


def _failed(args: argparse.Namespace, message: str, code: ExitCode) -> int:
    if getattr(args, "debug", False):
        traceback.print_exc()
    print(message, file=sys.stderr)
    return code


def _start(args: argparse.Namespace) -> int:
    check_input(args.input)
    check_apart(args.input, args.warehouse)
    if args.command == "run" and not args.debug:
        # Failures are told in one sentence by this command: Prefect's console logs of the same
        # failure (tracebacks, "Encountered exception") are for --debug. They still reach the API.
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
        # Dask workers cancelled by an interrupt log a warning each: --debug shows them.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    # Prefect reads its settings when imported: configure first, import after.
    apply_prefect_environment()
    execution = Execution(
        runner="dask" if args.dask_address else args.task_runner,
        workers=args.workers,
        dask_address=args.dask_address,
    )
    settings = Settings(
        batch_size=args.batch_size,
        max_file_bytes=args.max_file_bytes,
        max_line_chars=args.max_line_chars,
        max_lines=args.max_lines,
        read_timeout_seconds=args.read_timeout,
        worker_processes=execution.worker_processes,
        include=tuple(args.include or DEFAULT_INCLUDE),
        exclude=tuple(args.exclude),
        path_pattern=args.path_pattern,
    )
    if args.command == "serve":
        return _serve(args, settings, execution)
    prepare_warehouse(args.warehouse)
    own_server = starts_own_server()
    if own_server:
        prepare_prefect_home(Path(os.environ["PREFECT_HOME"]))
    # The lock, then the database: a busy warehouse is told before any server starts.
    with warehouse_lock(args.warehouse, wait=args.wait):
        probe_database(args.warehouse, args.input, args.allow_gone)
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
    from pipeline.warehouse.guard import WipeRefused

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
            report = flow(
                str(args.input),
                str(args.warehouse),
                settings,
                wait=args.wait,
                allow_gone=args.allow_gone,
            )
            mark_run_completed()
    except CheckFailed as failure:
        print(f"CHECK FAILED: {failure}", file=sys.stderr)
        return ExitCode.FAILED
    except WipeRefused as refused:
        raise CannotStart(str(refused)) from refused
    finally:
        _drain_prefect_services()
    if not args.quiet:
        print(report.to_text())
        print(f"Warehouse: {args.warehouse / 'corpus.duckdb'} and {args.warehouse / 'parquet'}/")
    return ExitCode.OK


def _drain_prefect_services() -> None:
    """Send Prefect's queued logs and events while the server still runs: drained at exit, after
    the run's own server has stopped, they fail with "Error logging to API" dumps."""
    try:
        from prefect._internal.concurrency.services import QueueService

        QueueService.drain_all(timeout=5)
    except Exception:  # best effort: a private Prefect API, and nothing depends on it
        pass


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


def _path_pattern(pattern: str) -> str:
    try:
        compile_path_pattern(pattern)
    except BadPathPattern as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None
    return pattern


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r}") from None
    return name
