"""Every SQL example in README.md runs against a warehouse built from seeds/."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from .conftest import PROJECT_ROOT

EXAMPLES = re.findall(r"```sql\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(), re.S)


def test_readme_has_sql_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("sql", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_readme_sql_runs_and_returns_rows(seeds_warehouse: Path, sql: str) -> None:
    sql = sql.replace("warehouse/parquet", f"{seeds_warehouse}/parquet")
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        rows = con.execute(sql).fetchall()
    assert rows, sql
