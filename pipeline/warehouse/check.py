"""Stage 6: the warehouse keeps the contract's promises. Each check is a query in sql/checks/
returning the rows that break it (as dbt tests do)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.settings import DUCKDB_CONFIG
from pipeline.warehouse import sql_scripts


def check_warehouse(
    database: Path, input_paths: Iterable[str], only_unchecked: bool = False
) -> list[str]:
    """Problems found, one sentence each; empty when the warehouse is sound.

    `only_unchecked` (what a run asks for) reads the text of only the documents that no passing
    run has checked yet: those of this run, and of runs whose check failed or never ran. A run
    is marked completed only once its check passed, so every other document has been checked
    as it is; a run's own load never rewrites the lines of documents it did not bring. The
    checks that read no text (inputs, roles) always cover everything.
    """
    inputs = pa.table({"path": pa.array(list(input_paths), pa.string())})
    problems: list[str] = []
    with duckdb.connect(str(database), read_only=True, config=DUCKDB_CONFIG) as con:
        con.register("inputs", inputs)
        # Run ids, not document keys: the scans then skip whole row groups of other runs' text.
        con.execute(
            "CREATE TEMP TABLE checked_runs AS "
            + (
                "SELECT run_id FROM runs WHERE status <> 'completed'"
                if only_unchecked
                else "SELECT run_id FROM documents UNION SELECT run_id FROM blocks"
            )
        )
        for check in sql_scripts("checks"):
            rows = con.execute(check.read_text(encoding="utf-8")).fetchall()
            name = check.name.removesuffix(".sql")
            problems.extend(f"{name}: {path}: {problem}" for path, problem in rows)
    return problems
