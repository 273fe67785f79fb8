"""`python -m pipeline serve` against a real `prefect server start`: the schedule fires, a run
completes, the API and the warehouse both show it, serve prints one line per run while the run's
logs reach the API at INFO, and nothing is left running afterwards."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.orchestration.runtime import free_port, wait_until_healthy
from pipeline.orchestration.serve import deployment_parameters
from pipeline.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.slow  # real runs, servers or clusters: `make test`, not `make test-fast`

DEPLOYMENT = "build-corpus/test-serve"
FIRST_RUN_TIMEOUT = 120.0  # STACK.md: ~25 s from launch to the first completed run
STOP_GRACE = 20.0


def test_scheduled_runs_complete_on_a_real_server(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "input")
    warehouse = tmp_path / "warehouse"
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    server_env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "server-home"),
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    server_env.pop("PREFECT_API_URL", None)
    server_cmd = [_prefect(), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    serve_cmd = [sys.executable, "-m", "pipeline", "serve", "--interval", "5"]
    serve_cmd += ["--input", str(tmp_path / "input"), "--warehouse", str(warehouse)]
    serve_cmd += ["--batch-size", "2", "--name", "test-serve"]
    groups: list[int] = []
    with _group(server_cmd, tmp_path / "server", server_env, signal.SIGTERM) as server:
        groups.append(server.pid)
        wait_until_healthy(api_url)
        launched = time.monotonic()
        env = {**os.environ, "PREFECT_API_URL": api_url}
        with _group(serve_cmd, tmp_path / "serve", env, signal.SIGINT) as serve:
            groups.append(serve.pid)
            run = _first_completed_run(api_url, serve, tmp_path / "serve")
            print(f"first completed run {time.monotonic() - launched:.1f} s after serve started")
        # Read through the API once serve has stopped: no run is writing any more.
        deployment, run, artifacts = _read_back(api_url, run.id)
        logs = _run_logs(api_url, run.id)
    assert [(s.schedule.interval.total_seconds(), s.active) for s in deployment.schedules] == [
        (5.0, True)
    ]
    assert deployment.entrypoint == "pipeline.orchestration.flow.build_corpus"
    assert run.deployment_id == deployment.id and run.state.is_completed()
    assert run.parameters["warehouse_dir"] == str(warehouse.resolve())
    assert run.parameters["settings"]["batch_size"] == 2
    summary = artifacts["corpus-run-summary"]
    assert "Boilerplate share" in summary and "| boilerplate |" in summary
    assert "## Timings" in summary and "corpus-rejects" in artifacts
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(5,)]
        assert con.execute("SELECT status FROM runs WHERE status = 'completed'").fetchall()
    for group in groups:
        assert not _group_alive(group), f"process group {group} left running"
    # One line per run on serve's terminal, and no Prefect logs below WARNING there.
    printed = (tmp_path / "serve" / "stdout").read_text()
    first = f"run {run.name!r}: Completed in "
    assert re.search(
        rf"{re.escape(first)}[\d.]+ s; 5 files: 5 new, 0 changed, 0 unchanged, 0 gone, 0 rejected$",
        printed,
        re.M,
    ), printed
    assert " | INFO " not in printed + (tmp_path / "serve" / "stderr").read_text()
    # The run's logs reach the API at INFO: Prefect's own and the same line.
    info = [log.message for log in logs if log.level == logging.INFO]
    assert any(first in message for message in info), info
    assert any("Finished in state Completed" in message for message in info), info


def test_serve_without_a_server_explains_what_to_do(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "serve", "--input", str(SEEDS)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert "prefect server start" in result.stderr and "PREFECT_API_URL=" in result.stderr
    assert not (tmp_path / "warehouse" / "corpus.duckdb").exists()


def test_a_bad_cron_is_refused_before_anything_starts(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api"}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "serve", "--cron", "0 * * *", "--input", str(SEEDS)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert "not a valid schedule" in result.stderr


def test_deployment_parameters_are_json_and_come_back_as_settings(tmp_path: Path) -> None:
    import json

    from pipeline.orchestration.flow import build_corpus

    settings = Settings(batch_size=7, max_line_chars=1234)
    stored = json.loads(json.dumps(deployment_parameters(SEEDS, tmp_path, settings)))
    validated = build_corpus.validate_parameters(stored)
    assert validated["settings"] == settings
    assert validated["input_dir"] == str(SEEDS.resolve()) and validated["wait"] is True


def _first_completed_run(api_url: str, serve: subprocess.Popen[bytes], logs: Path) -> Any:
    """Poll the API until a run of the deployment is COMPLETED; fail early if serve died."""
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + FIRST_RUN_TIMEOUT
    with _client(api_url) as client:
        while time.monotonic() < deadline:
            assert serve.poll() is None, (logs / "stderr").read_text()
            try:
                deployment = client.read_deployment_by_name(DEPLOYMENT)
            except ObjectNotFound:
                time.sleep(1)
                continue
            completed = client.read_flow_runs(
                deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
                flow_run_filter=FlowRunFilter(
                    state=FlowRunFilterState(
                        type=FlowRunFilterStateType(any_=[StateType.COMPLETED])
                    )
                ),
            )
            if completed:
                return completed[0]
            time.sleep(1)
    pytest.fail(f"no completed run in {FIRST_RUN_TIMEOUT:.0f} s:\n{(logs / 'stderr').read_text()}")


def _read_back(api_url: str, run_id: Any) -> tuple[Any, Any, dict[str, str]]:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with _client(api_url) as client:
        run = client.read_flow_run(run_id)
        deployment = client.read_deployment(run.deployment_id)
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )
    return deployment, run, {a.key: str(a.data) for a in artifacts if a.key}


def _run_logs(api_url: str, run_id: Any) -> list[Any]:
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    with _client(api_url) as client:
        return list(
            client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
        )


@contextlib.contextmanager
def _client(api_url: str) -> Iterator[Any]:
    """A client of the test's server, whatever Prefect settings this process started with."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with (
        temporary_settings(updates={PREFECT_API_URL: api_url}),
        get_client(sync_client=True) as client,
    ):
        yield client


@contextlib.contextmanager
def _group(
    command: list[str], logs: Path, env: dict[str, str], stop: signal.Signals
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` in its own process group; on exit send `stop` to the leader (serve pauses its
    schedule and stops its runs, the server shuts down), then SIGKILL whatever remains."""
    logs.mkdir()
    with (logs / "stdout").open("wb") as out, (logs / "stderr").open("wb") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, start_new_session=True)
        try:
            yield process
        finally:
            _stop(process, stop)


def _stop(process: subprocess.Popen[bytes], stop: signal.Signals) -> None:
    if process.poll() is None:
        process.send_signal(stop)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_GRACE)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    deadline = time.monotonic() + 10  # killed children are reaped by init, not by us
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _prefect() -> str:
    return str(Path(sys.executable).with_name("prefect"))
