"""Everything a run needs before it starts a Prefect server, checked first and in seconds.

A run that cannot start says so in one sentence that names the path and what to do (exit 2), or
that the warehouse is busy (exit 3), before any server is booted: a read-only folder found by the
Prefect server's SQLite or by DuckDB half a minute into a run is a page of tracebacks instead.
Writability is tried for real (a file created and removed, a file opened for writing), not
guessed from permission bits, which neither root nor read-only mounts honour.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import duckdb

from pipeline.settings import DATABASE_NAME
from pipeline.warehouse.guard import WipeRefused, last_input_dir, refuse_wipe
from pipeline.warehouse.load import connect_for_writing


class CannotStart(Exception):
    """The run cannot start; the message is one sentence for the user."""


def check_input(input_dir: Path) -> None:
    if not input_dir.exists():
        raise CannotStart(
            f"input folder {input_dir} does not exist: check the path given to --input "
            "(is the drive mounted?)"
        )
    if not input_dir.is_dir():
        raise CannotStart(
            f"input {input_dir} is a file, not a folder: give --input the folder that holds "
            "the pages"
        )
    try:
        with os.scandir(input_dir) as entries:
            next(entries, None)
    except OSError as error:
        raise CannotStart(
            f"cannot list the input folder {input_dir} ({_reason(error)}): give this user "
            "permission to read it, or run as a user who may"
        ) from error


def check_apart(input_dir: Path, warehouse: Path) -> None:
    """The warehouse may sit inside the input folder (it is not read), not be that folder."""
    if warehouse.resolve() == input_dir.resolve():
        raise CannotStart(
            f"--warehouse {warehouse} is the --input folder itself: the run's own files would be "
            "read as input; give the warehouse a folder of its own (inside the input is fine)"
        )


def prepare_warehouse(warehouse: Path) -> None:
    """Create the warehouse folder if needed and make sure this process can write it and its
    database."""
    _writable_folder(warehouse, "warehouse folder", "--warehouse")
    for name in (DATABASE_NAME, f"{DATABASE_NAME}.wal"):
        _writable_file(warehouse / name, "--warehouse")


def prepare_prefect_home(home: Path) -> None:
    """The temporary Prefect server keeps its SQLite database in PREFECT_HOME."""
    _writable_folder(home, "Prefect home folder (PREFECT_HOME)", "PREFECT_HOME")
    for name in ("prefect.db", "prefect.db-wal", "prefect.db-journal"):
        _writable_file(home / name, "PREFECT_HOME")


def probe_database(warehouse: Path, input_dir: Path, allow_gone: bool) -> None:
    """Open the database for writing and close it: another process holding it is found now
    (WarehouseBusy, exit 3), not after the Prefect server has started; so is an input folder
    other than the last run's (the flow checks again, with what it found in the folder)."""
    database = warehouse / DATABASE_NAME
    if not database.exists():
        return
    try:
        with connect_for_writing(database) as con:
            previous = last_input_dir(con)
            tables = {
                row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            }
    except duckdb.Error as error:
        raise CannotStart(
            f"DuckDB cannot open {database} for writing ({str(error).splitlines()[0]}): "
            "check that it is a warehouse database this user may write"
        ) from error
    if tables and not tables & {"runs", "warehouse_layout"}:
        # Someone's own database: a run would drop its tables of the same names as ours.
        raise CannotStart(
            f"{database} is a DuckDB database this package did not build (tables: "
            f"{', '.join(sorted(tables)[:5])}): give --warehouse a folder of its own"
        )
    if not allow_gone:
        try:
            refuse_wipe(input_dir, previous, (), (), warehouse)
        except WipeRefused as refused:
            raise CannotStart(str(refused)) from refused


def _writable_folder(folder: Path, what: str, option: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise CannotStart(
            f"the {what} {folder} is a file, not a folder: give {option} a folder"
        ) from error
    except OSError as error:
        raise CannotStart(
            f"cannot create the {what} {folder} ({_reason(error)}): give {option} a folder "
            "you can write, or create it with the right owner first"
        ) from error
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as error:
        raise CannotStart(
            f"cannot write in the {what} {folder} ({_reason(error)}): give {option} a folder "
            "you can write, or fix its permissions"
        ) from error


def _writable_file(path: Path, option: str) -> None:
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    except OSError as error:
        if error.errno == errno.EISDIR:
            raise CannotStart(f"{path} is a folder, not a file: move it away") from error
        raise CannotStart(
            f"cannot write {path} ({_reason(error)}): fix its permissions, or give {option} "
            "another folder"
        ) from error
    os.close(descriptor)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
