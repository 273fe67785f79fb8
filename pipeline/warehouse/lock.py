"""One run per warehouse at a time: an advisory lock file that names its holder."""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".run.lock"
WAIT_POLL_SECONDS = 0.5


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse: a run, or (for DuckDB) a reader or shell."""


def duckdb_lock_holder(error: Exception) -> str | None:
    """Who holds the database, from DuckDB's error on opening it ("process 4242", or "another
    process" where it names none); None when the error is no lock conflict."""
    text = str(error)
    if "Conflicting lock" not in text:
        return None
    holder = re.search(r"PID (\d+)", text)
    return f"process {holder[1]}" if holder else "another process"


# Warehouses whose lock this process holds, and how many times: the command line takes the lock
# before it starts a Prefect server, and the flow it then runs takes it again.
_held: dict[Path, int] = {}


@contextmanager
def warehouse_lock(warehouse: Path, wait: bool = False) -> Iterator[None]:
    """Hold the run lock of `warehouse`; the kernel drops it if the process dies, even by kill -9.

    Re-entrant within a process."""
    warehouse.mkdir(parents=True, exist_ok=True)
    key = warehouse.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path = warehouse / LOCK_NAME
    with path.open("a+") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise WarehouseBusy(
                        f"Another run (PID {holder}) is writing {warehouse}; wait for it to finish "
                        "or pass --wait to queue behind it."
                    ) from None
                time.sleep(WAIT_POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
