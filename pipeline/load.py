"""Stage 5: Parquet into one DuckDB file, with the shipped SQL (warehouse/*.sql) applied."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from pipeline.schemas import TABLES
from pipeline.settings import SQL_DIR


def parquet_glob(parquet_dir: Path, table: str) -> str:
    return (parquet_dir / table / "**" / "*.parquet").as_posix()


def load_warehouse(parquet_dir: Path, database: Path) -> None:
    """Build the database beside the old one and swap it in, so a failed load leaves the old one."""
    temporary = database.with_name(database.name + ".tmp")
    temporary.unlink(missing_ok=True)
    with duckdb.connect(str(temporary)) as con:
        for table, schema in TABLES.items():
            con.register("empty_table", schema.empty_table())
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM empty_table")
            con.unregister("empty_table")
            if any((parquet_dir / table).glob("**/*.parquet")):
                con.execute(
                    f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?, union_by_name = true)",
                    [parquet_glob(parquet_dir, table)],
                )
        apply_sql(con)
    os.replace(temporary, database)


def apply_sql(con: duckdb.DuckDBPyConnection) -> None:
    for script in sorted(SQL_DIR.glob("*.sql")):
        con.execute(script.read_text(encoding="utf-8"))
