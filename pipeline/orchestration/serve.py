"""`python -m pipeline serve`: rebuild the warehouse on a schedule, as a served Prefect deployment.

`flow.serve` registers a deployment of `build_corpus` with the schedule and then polls the API for
the runs the server's scheduler creates. Only a real `prefect server start` runs that scheduler (the
temporary server `run` starts never does, see STACK.md), so serve needs PREFECT_API_URL.

Importing this module must stay cheap, like orchestration: Prefect is imported only once the
command has checked what it can without it.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.orchestration.runtime import Execution, make_task_runner, wait_until_healthy
from pipeline.settings import Settings

if TYPE_CHECKING:
    from prefect import Flow
    from prefect.client.schemas.objects import FlowRun, State
    from prefect.schedules import Schedule

    from pipeline.orchestration.summary import RunReport

DEFAULT_CRON = "0 * * * *"  # hourly, on the hour
SERVER_TIMEOUT_SECONDS = 20.0

NO_SERVER = """\
error: `serve` needs a running Prefect server: its scheduler creates the runs, and the temporary
server that `run` starts has no scheduler. Start one, then point serve at it:

    .venv/bin/prefect server start          # in another terminal; UI at http://127.0.0.1:4200
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    .venv/bin/python -m pipeline serve ...

(or set PREFECT_API_URL to any Prefect server you use; Prefect Cloud also needs PREFECT_API_KEY)."""


@dataclass(frozen=True)
class ServeSchedule:
    """Exactly one of `cron` and `interval_seconds` is set."""

    cron: str | None = DEFAULT_CRON
    interval_seconds: float | None = None
    timezone: str | None = None

    def describe(self) -> str:
        if self.interval_seconds is not None:
            return f"every {self.interval_seconds:g} s"
        return f"cron {self.cron!r} ({self.timezone or 'UTC'})"

    def to_prefect(self) -> Schedule:
        """Raises ValueError for a cron string Prefect cannot read."""
        from prefect.schedules import Cron, Interval

        if self.interval_seconds is not None:
            return Interval(self.interval_seconds, timezone=self.timezone)
        return Cron(self.cron or DEFAULT_CRON, timezone=self.timezone)


def deployment_parameters(input_dir: Path, warehouse: Path, settings: Settings) -> dict[str, Any]:
    """The flow's parameters as plain JSON values: stored with the deployment, shown and editable
    in the UI, and turned back into a Settings by Prefect's parameter validation at each run.
    Paths are absolute because runs do not start from the user's working directory in general."""
    plain_settings = {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in asdict(settings).items()
    }
    return {
        "input_dir": str(input_dir.resolve()),
        "warehouse_dir": str(warehouse.resolve()),
        "settings": plain_settings,
        # A scheduled run queues behind a manual `run` on the same warehouse instead of failing.
        "wait": True,
    }


class CannotServe(RuntimeError):
    """Serving could not start; the message is the sentence for the user."""


def serve_corpus(
    input_dir: Path,
    warehouse: Path,
    settings: Settings,
    execution: Execution,
    schedule: ServeSchedule,
    name: str,
) -> None:
    """Serve until interrupted (Ctrl-C pauses the schedule). Raises CannotServe, with the
    sentence to show, when there is no server to serve on or the schedule is invalid."""
    api_url = os.environ.get("PREFECT_API_URL")
    if not api_url:
        raise CannotServe(NO_SERVER)
    # The runs log at INFO to the API (settings.prefect_environment); the terminal shows the one
    # line per run (announce_run) and Prefect's warnings. Before Prefect is imported: it reads
    # its settings then, and each run's process inherits them.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    try:
        prefect_schedule = schedule.to_prefect()
    except ValueError as error:
        raise CannotServe(
            f"error: {schedule.describe()} is not a valid schedule: {error}"
        ) from error
    try:
        wait_until_healthy(api_url, timeout=SERVER_TIMEOUT_SECONDS)
    except RuntimeError as error:
        raise CannotServe(f"error: {error}. Is `prefect server start` running there?") from error
    _serve(input_dir, warehouse, settings, execution, prefect_schedule, name)


def _serve(
    input_dir: Path,
    warehouse: Path,
    settings: Settings,
    execution: Execution,
    schedule: Schedule,
    name: str,
) -> None:
    from prefect.types.entrypoint import EntrypointType

    from pipeline.orchestration.flow import build_corpus

    # The runner keeps this flow object and runs it in a fresh process per scheduled run, so the
    # task runner chosen here is the one every run uses.
    flow = build_corpus.with_options(
        task_runner=make_task_runner(execution),  # type: ignore[arg-type]
        on_completion=[announce_run],
        on_failure=[announce_run],
    )
    flow.serve(
        name=name,
        schedule=schedule,
        parameters=deployment_parameters(input_dir, warehouse, settings),
        description=f"Rebuild {warehouse.resolve()} from {input_dir.resolve()}.",
        # One run at a time: runs of one warehouse would only queue on its lock anyway.
        limit=1,
        paused=False,  # serving again resumes a schedule that Ctrl-C paused
        # pipeline.orchestration.flow:build_corpus, importable wherever the package is installed.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def announce_run(flow: Flow[..., Any], flow_run: FlowRun, state: State[Any]) -> None:
    """The one line per run that `serve` prints (when, how many files, how long, the outcome),
    also sent to the run's logs in the Prefect UI. A hook: it runs in the run's own process,
    whose output goes to serve's terminal."""
    from prefect.logging.loggers import flow_run_logger

    from pipeline.orchestration.summary import RunReport

    report = state.result(raise_on_failure=False) if state.is_completed() else None
    started = flow_run.start_time
    line = run_line(
        finished=datetime.now().astimezone(),
        name=flow_run.name,
        seconds=(state.timestamp - started).total_seconds() if started else None,
        report=report if isinstance(report, RunReport) else None,
        outcome=state.name or state.type.value.title(),
        message=None if state.is_completed() else state.message,
    )
    print(line, flush=True)
    flow_run_logger(flow_run, flow).info(line)


def run_line(
    finished: datetime,
    name: str,
    seconds: float | None,
    report: RunReport | None,
    outcome: str,
    message: str | None,
) -> str:
    """`2026-12-03 06:00:09 UTC  run 'ruby-fox': Completed in 8.9 s; 1,204 files: 3 new,
    1 changed, 1,200 unchanged, 0 gone, 2 rejected`."""
    line = f"{finished:%Y-%m-%d %H:%M:%S %Z}  run {name!r}: {outcome}"
    if seconds is not None:
        line += f" in {seconds:.1f} s"
    if report is not None and report.changes is not None:
        c = report.changes
        line += (
            f"; {report.n_inputs:,} files: {c.new:,} new, {c.changed:,} changed, "
            f"{c.unchanged:,} unchanged, {c.gone:,} gone, {report.n_rejects:,} rejected"
        )
    if message:
        line += f": {message.splitlines()[0]}"
    return line
