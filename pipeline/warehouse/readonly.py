"""Opening a warehouse for the commands that only read it (`sql`, `search`, `report`).

They can read the warehouse's database and nothing else, and write nothing: DuckDB opens it
read-only with file system access off (no `COPY … TO`, `EXPORT DATABASE`, `ATTACH` of another
file, `INSTALL`/`LOAD`, nor `read_csv`/`read_parquet` of any file) and the configuration locked,
so no statement can turn access back on. What a query asks them to write (`sql --output`, the
report's HTML) is written by this package's Python, not by SQL.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import duckdb

from pipeline.settings import DATABASE_NAME
from pipeline.warehouse import table_exists
from pipeline.warehouse.lock import WarehouseBusy, duckdb_lock_holder


class WarehouseMissing(FileNotFoundError):
    """There is no warehouse database where the command was pointed."""


def open_read_only(
    warehouse: Path, memory_limit: str | None = None, any_database: bool = False
) -> duckdb.DuckDBPyConnection:
    """`memory_limit` caps DuckDB's memory (e.g. "1GB"; what does not fit spills to the system's
    temporary folder); None leaves DuckDB's default, most of the machine's memory.
    `any_database`: also a DuckDB file this package did not build (`sql` reads any)."""
    database = warehouse / DATABASE_NAME
    if not database.is_file():
        raise WarehouseMissing(
            f"no warehouse at {database}: build it with `python -m pipeline run "
            f"--warehouse {warehouse}` (or `make pipeline`)"
        )
    try:
        config = read_only_config()
        if memory_limit is not None:
            config["memory_limit"] = memory_limit
        con = duckdb.connect(str(database), read_only=True, config=config)
    except duckdb.IOException as error:
        who = duckdb_lock_holder(error)
        if who is None:  # no DuckDB file: empty, damaged, another format
            raise WarehouseMissing(
                f"{database} cannot be read as a warehouse ({str(error).splitlines()[0]}): "
                f"move it away and rebuild it with `python -m pipeline run --warehouse {warehouse}`"
            ) from error
        # A run holds the write lock for a moment while it loads: reading must wait for it.
        raise WarehouseBusy(
            f"{database} is open for writing in {who} (a run, a DuckDB shell or a notebook): "
            "wait for it to finish, or close that connection"
        ) from error
    if not any_database and not table_exists(con, "warehouse_layout"):
        con.close()
        raise WarehouseMissing(
            f"{database} is a DuckDB database this package did not build (it has no "
            f"warehouse_layout table): give --warehouse the folder a run wrote"
        )
    return con


def read_only_config() -> dict[str, str | bool | int | float | list[str]]:
    # A query too big for memory spills to a folder of its own in the system's temporary folder
    # (DuckDB creates it only if needed, and removes it), not to corpus.duckdb.tmp/ beside the
    # warehouse.
    spill = Path(tempfile.gettempdir()) / f"pipeline-query-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    return {
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "temp_directory": str(spill),
        "lock_configuration": True,
    }
