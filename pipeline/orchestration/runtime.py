"""Where the flow runs: the Prefect API it talks to and the task runner its batches go to.

Importing this module must stay cheap: it runs before Prefect is imported, so that the local
Prefect server can boot in its own process while this one imports the pipeline (they overlap:
~7 s of start-up instead of ~14 s).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

RunnerKind = Literal["thread", "process", "dask"]
RUNNER_KINDS: tuple[RunnerKind, ...] = ("thread", "process", "dask")


@dataclass(frozen=True)
class Execution:
    """How batches are executed. `workers` None means one per core."""

    runner: RunnerKind = "process"
    workers: int | None = None
    dask_address: str | None = None

    @property
    def n_workers(self) -> int:
        return self.workers or os.cpu_count() or 1

    @property
    def worker_processes(self) -> int:
        """Local processes for the batch work: only the "process" runner has them."""
        return self.n_workers if self.runner == "process" else 0


def make_task_runner(execution: Execution) -> TaskRunner:
    """The Prefect task runner for `execution`; imported lazily, Dask only when asked for."""
    if execution.runner == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        from pipeline.orchestration.workers import quiet_resource_tracker, start_forkserver

        quiet_resource_tracker()

        if execution.dask_address:
            return DaskTaskRunner(address=execution.dask_address)
        import dask

        # The cluster's workers fork from the run's forkserver, which ignores Ctrl-C: spawned,
        # a worker still importing Dask when a terminal's Ctrl-C came printed a traceback.
        start_forkserver()
        dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={
                "n_workers": execution.n_workers,
                "threads_per_worker": 1,  # the work is CPU-bound Python: one thread per process
                "processes": True,
                "dashboard_address": None,
            },
        )
    from prefect.task_runners import ThreadPoolTaskRunner

    # "process": threads that wait on local worker processes (Settings.worker_processes), two a
    # process: while one thread's task does Prefect's bookkeeping between two batches (its API
    # calls to the server), the other's batch is already queued, so no process waits for work
    # (py-spy: each worker had waited for its next batch 8% of the process stage).
    threads_per_worker = 2 if execution.worker_processes >= 2 else 1
    return ThreadPoolTaskRunner(max_workers=execution.n_workers * threads_per_worker)


@contextmanager
def prefect_api() -> Iterator[str]:
    """Yield the Prefect API URL to use: the user's (PREFECT_API_URL) or a local server's.

    Prefect would start a temporary server by itself, but only inside the first process that needs
    it, after its own slow imports, and once more in every worker process of a process or Dask
    runner. Starting it here, and exporting its URL before Prefect is imported, makes every process
    of the run share one server. The command is the one Prefect's own SubprocessASGIServer runs.
    """
    if not starts_own_server():
        yield os.environ["PREFECT_API_URL"]
        return
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    # Its own session: a Ctrl-C in the terminal is the run's to handle, not the server's (it
    # would die before the run could say anything). It dies with the run (lifeline.py).
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline.orchestration.prefect_server",
            str(os.getpid()),
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ],
        env={
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        },
        start_new_session=True,
    )
    os.environ["PREFECT_API_URL"] = url
    try:
        yield url
    finally:
        del os.environ["PREFECT_API_URL"]
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def kill_helpers() -> None:
    """SIGKILL every process the run started, and theirs (the Prefect server, the forkserver and
    its workers, a Dask cluster), for a run that is exiting at once; they would notice the run
    gone anyway (lifeline.py), but a Dask cluster's workers left to die on their own logged
    their peers' closed connections (a traceback) under the run's last line."""
    import psutil  # type: ignore[import-untyped]  # Dask's own dependency, installed with it

    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            child.kill()


def starts_own_server() -> bool:
    """True when a run gets a temporary local server (`prefect_api`): no PREFECT_API_URL is set."""
    return not os.environ.get("PREFECT_API_URL")


# A local server boots in 5-15 s; on a 2-core machine at load 9-13 it took over 60 s.
SERVER_START_SECONDS = 120.0


def wait_until_healthy(url: str, timeout: float = SERVER_START_SECONDS) -> None:
    """Block until the API answers its health check: a local server boots while we import, and a
    user's server may still be starting."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the Prefect server at {url} did not answer in {timeout:.0f} s")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
