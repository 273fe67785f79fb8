"""Shared fixtures: a real warehouse built from the seeds by the CLI, and a Prefect harness."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.settings import apply_prefect_environment

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
GOLD = PROJECT_ROOT / "tests" / "gold" / "seeds.gold.jsonl"
REAL_PAGES = PROJECT_ROOT / "tests" / "devset" / "real"


def real_dev_pages() -> list[dict[str, Any]]:
    """The gold rows of the real pages' dev part. The frozen part is scored only by
    `tests.devtools.evaluate --frozen`, once a change is finished: no test runs the package on it."""
    rows = [
        json.loads(line)
        for labels in sorted((REAL_PAGES / "gold").glob("*.jsonl"))
        for line in labels.read_text(encoding="utf-8").splitlines()
    ]
    return [row for row in rows if row.get("split", "dev") == "dev"]


# Prefect and Dask write scratch files: keep them out of the user's home and /tmp.
_SCRATCH = Path(tempfile.mkdtemp(prefix="pipeline-tests-"))
os.environ.setdefault("TMPDIR", str(_SCRATCH))
apply_prefect_environment(_SCRATCH / "prefect-home")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in its own process group: a run killed with SIGKILL leaves Prefect's
    temporary server behind, holding inherited pipes open."""
    return run_in_group([sys.executable, "-m", "pipeline", *args], env=env, timeout=300)


def user_environment() -> dict[str, str]:
    """The tests' environment as a user's shell has it: the console log level that
    `apply_prefect_environment` set for the in-process flows above is the CLI's to choose (one
    sentence per failure, Prefect's tracebacks only with --debug)."""
    return {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"}


def run_in_group(
    command: list[str], env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `command` in its own process group, reaped afterwards with whatever helpers it left
    behind; output goes to files so that a leftover helper cannot hold a pipe open."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=err,
            text=True,
            env={**user_environment(), **(env or {})},
            start_new_session=True,
        )
        try:
            returncode = process.wait(timeout=timeout)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(process.args, returncode, out.read(), err.read())


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m pipeline run` on a copy of seeds/, in a fresh process, as a user would run it."""
    root = tmp_path_factory.mktemp("seeds-run")
    shutil.copytree(SEEDS, root / "input")
    result = run_cli("run", "--input", str(root / "input"), "--warehouse", str(root / "warehouse"))
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "warehouse"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
