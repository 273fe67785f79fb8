"""The temp tables between the warehouse's Python and its SQL are the ones pipeline/warehouse/
temp_tables.py declares: their writers and readers use them, and each SQL file names those it uses
in its header comment."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from pipeline.warehouse import temp_tables
from pipeline.warehouse.temp_tables import TEMP_TABLES

WAREHOUSE = Path(temp_tables.__file__).parent
SQL_FILES = sorted(WAREHOUSE.glob("sql/**/*.sql"))
PYTHON_FILES = sorted(WAREHOUSE.glob("*.py"))


def _header(sql: str) -> str:
    """The comment lines the file starts with."""
    lines = sql.splitlines()
    return "\n".join(line for line in lines[: _first_statement(lines)] if line.startswith("--"))


def _first_statement(lines: list[str]) -> int:
    return next(
        (i for i, line in enumerate(lines) if line.strip() and not line.startswith("--")),
        len(lines),
    )


def _code(sql: str) -> str:
    """The SQL without its comments."""
    return re.sub(r"--[^\n]*", "", sql)


def _uses(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


def test_each_declared_table_is_used_by_its_writers_and_readers() -> None:
    for table in TEMP_TABLES.values():
        for file in {*table.written_by, *table.read_by}:
            text = (WAREHOUSE / file).read_text(encoding="utf-8")
            if file.endswith(".sql"):
                text = _code(text)
            assert _uses(text, table.name), f"{file} is declared to use {table.name}"


def test_each_sql_file_declares_and_names_the_temp_tables_it_uses() -> None:
    for path in SQL_FILES:
        sql = path.read_text(encoding="utf-8")
        file = path.relative_to(WAREHOUSE).as_posix()
        used = {name for name in TEMP_TABLES if _uses(_code(sql), name)}
        declared = {
            name
            for name, table in TEMP_TABLES.items()
            if file in table.written_by or file in table.read_by
        }
        assert used == declared, file
        for name in used:
            assert f"`{name}`" in _header(sql), f"{file}'s header does not name `{name}`"


def test_a_sql_files_own_temp_tables_stay_in_that_file() -> None:
    """An undeclared temp table is scratch: no other file of the warehouse reads it."""
    others = {path: path.read_text(encoding="utf-8") for path in [*SQL_FILES, *PYTHON_FILES]}
    for path in SQL_FILES:
        for name in re.findall(r"TEMP TABLE (\w+)", _code(others[path])):
            if name in TEMP_TABLES:
                continue
            readers = [
                other.relative_to(WAREHOUSE).as_posix()
                for other, text in others.items()
                if other != path and _uses(_code(text), name)
            ]
            assert readers == [], f"{name} of {path.name} is read elsewhere: declare it"


def test_python_creates_only_declared_temp_tables() -> None:
    for path in PYTHON_FILES:
        text = path.read_text(encoding="utf-8")
        created = re.findall(r"TEMP TABLE (\w+)", text) + re.findall(r'\.register\("(\w+)"', text)
        local = {"empty_table", "syndication_rows", "staged_"}  # within one statement or function
        for name in created:
            assert name in TEMP_TABLES or name in local, f"{path.name} creates {name}"


def test_create_makes_the_declared_columns() -> None:
    with duckdb.connect() as con:
        for table in TEMP_TABLES.values():
            table.create(con)
            columns = con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE table_name = ? ORDER BY column_index",
                [table.name],
            ).fetchall()
            assert dict(columns) == table.columns
