"""The exit statuses of every command, in one place (README: Exit status; CONTRACT.md)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    # `run`: the contract check failed; `sql`: the query failed.
    FAILED = 1
    # Bad arguments, a missing or unwritable folder, no Prefect server to serve on.
    CANNOT_START = 2
    # Another process holds the warehouse.
    BUSY = 3
    INTERRUPTED = 130  # SIGINT (Ctrl-C)
    TERMINATED = 143  # SIGTERM
