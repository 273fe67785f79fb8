"""Stage 6: the warehouse keeps the contract's promises. Each check is a query in warehouse/checks/
returning the rows that break it (as dbt tests do)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.load import DUCKDB_CONFIG
from pipeline.settings import SQL_DIR

CHECKS_DIR = SQL_DIR / "checks"


def check_warehouse(database: Path, input_paths: Iterable[str]) -> list[str]:
    """Problems found, one sentence each; empty when the warehouse is sound."""
    inputs = pa.table({"path": pa.array(list(input_paths), pa.string())})
    problems: list[str] = []
    with duckdb.connect(str(database), read_only=True, config=DUCKDB_CONFIG) as con:
        con.register("inputs", inputs)
        for check in sorted(CHECKS_DIR.glob("*.sql")):
            rows = con.execute(check.read_text(encoding="utf-8")).fetchall()
            problems.extend(f"{check.stem}: {path}: {problem}" for path, problem in rows)
    return problems
