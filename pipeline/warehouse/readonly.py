"""Opening a warehouse for the commands that only read it (`sql`, `search`, `report`)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.settings import DATABASE_NAME
from pipeline.warehouse.lock import WarehouseBusy


class WarehouseMissing(FileNotFoundError):
    """There is no warehouse database where the command was pointed."""


def open_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection:
    database = warehouse / DATABASE_NAME
    if not database.is_file():
        raise WarehouseMissing(
            f"no warehouse at {database}: build it with `python -m pipeline run "
            f"--warehouse {warehouse}` (or `make pipeline`)"
        )
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.IOException as error:
        # A run holds the write lock for a moment while it loads: reading must wait for it.
        raise WarehouseBusy(f"{database} is being written: {error}") from error
