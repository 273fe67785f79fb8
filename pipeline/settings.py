"""Every tunable of the pipeline, in one place."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from pathlib import Path

# The warehouse's database file, inside the folder given as --warehouse.
DATABASE_NAME = "corpus.duckdb"


@dataclass(frozen=True)
class Settings:
    """Limits and sizes for one run. Defaults suit a laptop; all are CLI options."""

    # Files above this size are rejected rather than loaded whole into memory.
    max_file_bytes: int = 64 * 1024 * 1024
    # A "line" longer than this is not page text (minified JS, base64 blobs): reject, never truncate.
    max_line_chars: int = 1_000_000
    # Documents per Prefect task: large enough that task overhead (~10 ms) is noise.
    batch_size: int = 256
    # Local processes for the batch work (pipeline/workers.py); 0 or 1: in the task runner's own
    # threads or Dask workers.
    worker_processes: int = 0
    # Candidate legacy encodings for charset detection; restricting them avoids exotic wrong guesses.
    legacy_encodings: tuple[str, ...] = (
        "cp1252",
        "cp1251",
        "koi8_r",
        "cp1250",
        "iso8859_2",
        "latin_1",
        "iso8859_15",
        "utf_16",
    )


def prefect_environment(prefect_home: Path) -> dict[str, str]:
    """Environment that keeps Prefect local, quiet and offline (see STACK.md).

    Values already set by the user win, so pointing at a real Prefect server still works.
    """
    defaults = {
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
        "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "DASK_LOGGING__DISTRIBUTED": "warning",
    }
    return {key: os.environ.get(key, value) for key, value in defaults.items()}


def apply_prefect_environment(prefect_home: Path) -> None:
    """Must run before `prefect` is imported: Prefect reads its settings at import time."""
    os.environ.update(prefect_environment(prefect_home))


FAULT_ENV = "PIPELINE_FAULT_AT"


def fault_point(name: str) -> None:
    """Crash-safety tests make the run kill itself (SIGKILL, no clean-up) at the point they name."""
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
