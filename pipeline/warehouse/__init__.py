"""The warehouse: Parquet parts, the DuckDB database, its SQL (package data under `sql/`) and checks."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

# Read through importlib.resources so that an installed wheel finds its SQL as the repository does.
SQL_DIR: Traversable = files(__name__).joinpath("sql")


def sql_scripts(*folder: str) -> list[Traversable]:
    """The `.sql` files of `sql/<folder>`, in name order (the order they run in)."""
    here = SQL_DIR.joinpath(*folder)
    return sorted((f for f in here.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)


def read_sql(*parts: str) -> str:
    return SQL_DIR.joinpath(*parts).read_text(encoding="utf-8")


def table_exists(
    con: duckdb.DuckDBPyConnection, table: str, table_type: str = "BASE TABLE"
) -> bool:
    """Whether the database (or, with table_type "LOCAL TEMPORARY", the session) has `table`."""
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_type = ?",
        [table, table_type],
    ).fetchall()
    return bool(rows[0][0])
